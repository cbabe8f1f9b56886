package dev.clickstream.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import dev.clickstream.testing.BrokerProcess;
import dev.clickstream.testing.EventsJson;
import dev.clickstream.testing.ServiceProcess;
import dev.clickstream.testing.TestDirs;

/**
 * The broker, in its own JVM, is absent, killed or down for long while the service (its own JVM too) runs: health
 * says so, {@code POST /events} answers 503 quickly instead of hanging, and no acked premium event is lost.
 */
class BrokerFaultIT {

    private static final Duration DRAIN = Duration.ofMinutes(10);
    private static final Duration HEALTH_CHANGE = Duration.ofSeconds(90);

    @Test
    void startsWithoutABrokerNotReadyButLiveAndRecoversWhenItAppears() {
        try (BrokerProcess broker = BrokerProcess.in(TestDirs.fresh("kafka-brokers", "broker-absent"));
                ServiceProcess service = ServiceProcess.named("fault-broker-absent")
                        .withProperty("kafka.bootstrap.servers", broker.bootstrapServers())
                        .withProperty("clickstream.publish.ack-timeout", "3s")
                        .launch()) {
            assertThat(service.get("/q/health/live").statusCode()).isEqualTo(200);
            assertThat(service.get("/q/health/started").statusCode()).isEqualTo(200);
            assertThat(service.get("/q/health/ready").statusCode()).isEqualTo(503);

            long start = System.nanoTime();
            var refused = service.postJson("/events", EventsJson.raw("absent-ann", true, "click", "absent-1"));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(took).as("a 503 within the 3 s ack timeout, plus slack for a loaded machine")
                    .isLessThan(Duration.ofSeconds(15));

            broker.start();
            await("ready once the broker is up").atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions().until(() -> service.get("/q/health/ready").statusCode() == 200);
            assertThat(service.postJson("/events", EventsJson.raw("absent-ann", true, "click", "absent-2"))
                    .statusCode()).isEqualTo(202);
            await("the event published after recovery is processed").atMost(Duration.ofMinutes(2))
                    .until(() -> service.get("/events/processed?limit=100").body(), body -> body.contains("absent-2"));
        }
    }

    @Test
    void brokerSigkillMidStreamLosesNoAckedEvent() throws Exception {
        Ledger ledger = new Ledger("broker-sigkill");
        int events = FaultScale.events();
        try (BrokerProcess broker = Brokers.start("broker-sigkill");
                ServiceProcess service = ServiceProcess.named("fault-broker-sigkill")
                        .withProperty("kafka.bootstrap.servers", broker.bootstrapServers())
                        .start();
                GroupLag group = new GroupLag(broker.bootstrapServers())) {
            HttpLoad load = new HttpLoad(service.url("/events"), ledger, events, Duration.ofMinutes(5));
            CompletableFuture<Void> posting = load.start();
            await("a third of the events acked").atMost(DRAIN)
                    .until(ledger::ackedCount, acked -> acked >= events / 3);

            broker.kill();
            await("not ready without the broker").atMost(HEALTH_CHANGE).pollInterval(Duration.ofMillis(500))
                    .until(() -> service.get("/q/health/ready").statusCode() == 503);
            assertThat(service.get("/q/health/live").statusCode()).isEqualTo(200);
            Streams.hold(Duration.ofSeconds(5));
            broker.start();

            posting.get(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
            await("ready again").atMost(HEALTH_CHANGE).pollInterval(Duration.ofSeconds(1))
                    .until(() -> service.get("/q/health/ready").statusCode() == 200);
            awaitDrained(group);
            Outcome outcome = Outcome.of(ledger, broker.bootstrapServers(), false);
            int rawDuplicates = Outcome.rawDuplicates(ledger, broker.bootstrapServers());
            FaultTable.record(outcome, "broker SIGKILL at 1/3, down 5 s; " + load.unavailable() + " answers 503, "
                    + load.unanswered() + " unanswered, all retried; " + rawDuplicates
                    + " events twice in raw_events (a 503'd publish that landed, then its retry)");

            assertThat(load.unexpected()).as("answers other than 202 and 503").isEmpty();
            assertThat(outcome.acked()).as("every batch acked at last, after retries").isEqualTo(events);
            assertThat(outcome.lostIds()).as("acked premium events missing from processed_events").isEmpty();
            assertThat(outcome.unexpectedIds()).as("processed events never sent or not premium").isEmpty();
            assertThat(outcome.duplicated()).as("duplicates come from retried publishes and one uncommitted window")
                    .isLessThanOrEqualTo(rawDuplicates + 1_000);
        }
    }

    @Test
    void brokerDownLongerThanTheDeliveryTimeoutLeavesEventsUncommittedAndRedeliversThem() throws Exception {
        Ledger ledger = new Ledger("broker-outage");
        int events = FaultScale.events();
        AtomicInteger restarts = new AtomicInteger();
        AtomicInteger window = new AtomicInteger();
        try (BrokerProcess broker = Brokers.start("broker-outage");
                ServiceProcess service = ServiceProcess.named("fault-broker-outage")
                        .withProperty("kafka.bootstrap.servers", broker.bootstrapServers())
                        // The processor's producer gives up on a record after 10 s instead of 2 min.
                        .withProperty("mp.messaging.outgoing.processed-events.delivery.timeout.ms", "10000")
                        .withProperty("mp.messaging.outgoing.processed-events.request.timeout.ms", "4000")
                        .start();
                RawProducer producer = new RawProducer(broker.bootstrapServers());
                GroupLag group = new GroupLag(broker.bootstrapServers())) {
            // A backlog, killed into while the processor works through it: some processed records are then
            // waiting for the broker's ack, and wait longer than the delivery timeout.
            producer.produce(ledger, 0, events);
            await("the processor under way").atMost(DRAIN).pollInterval(Duration.ofMillis(50))
                    .until(() -> group.endTotal("processed_events"), processed -> processed >= events / 10);

            // When the broker is back the group rejoins, and its consumer may read again from the offsets committed
            // before the kill (none at all, if the kill came before the first commit). Read now, they can only be
            // lower than at the kill: a bound on what the rejoin can process again.
            window.addAndGet(Outcome.premiumAtOrAfter(ledger, broker.bootstrapServers(), group.committed()));
            broker.kill();
            await("not ready without the broker").atMost(HEALTH_CHANGE).pollInterval(Duration.ofMillis(500))
                    .until(() -> service.get("/q/health/ready").statusCode() == 503);
            long start = System.nanoTime();
            int status = service.postJson("/events", EventsJson.raw("outage-ann", true, "click", "outage-x"))
                    .statusCode();
            assertThat(status).isEqualTo(503);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(20));
            Streams.hold(Duration.ofSeconds(25));
            broker.start();

            // As an orchestrator would: a service whose liveness fails is restarted. A service that says it is
            // ready but does not process would never let the lag reach 0.
            await("all of raw_events processed and committed").atMost(DRAIN).pollInterval(Duration.ofSeconds(2))
                    .ignoreExceptions()
                    .until(() -> {
                        if (!service.isAlive() || service.get("/q/health/live").statusCode() != 200) {
                            restarts.incrementAndGet();
                            window.addAndGet(Outcome.premiumAtOrAfter(ledger, broker.bootstrapServers(),
                                    group.committed()));
                            service.close();
                            service.start();
                        }
                        return group.lag() == 0 && service.get("/q/health/ready").statusCode() == 200;
                    });
            Outcome outcome = Outcome.of(ledger, broker.bootstrapServers(), false);
            FaultTable.record(outcome, "broker SIGKILL while a backlog was processed, down 25 s > 10 s delivery "
                    + "timeout; " + restarts.get() + " restarts after liveness DOWN; at most " + window.get()
                    + " premium events past the committed offsets at the kill and at the restarts");

            assertThat(outcome.lostIds()).as("acked premium events missing from processed_events").isEmpty();
            assertThat(outcome.deadLettered()).as("events dead-lettered for a broker outage").isZero();
            assertThat(outcome.unexpectedIds()).as("processed events never sent or not premium").isEmpty();
            assertThat(outcome.duplicated())
                    .as("only events past the committed offsets at the kill or at a restart are processed again")
                    .isLessThanOrEqualTo(window.get());
        }
    }

    @Test
    void aStalledBrokerGetsEvery503QuicklyAndNo202() throws Exception {
        try (BrokerProcess broker = Brokers.start("broker-stall");
                ServiceProcess service = ServiceProcess.named("fault-broker-stall")
                        .withProperty("kafka.bootstrap.servers", broker.bootstrapServers())
                        .withProperty("clickstream.publish.ack-timeout", "3s")
                        .start()) {
            assertThat(service.postJson("/events", EventsJson.raw("stall-ann", true, "click", "stall-0"))
                    .statusCode()).isEqualTo(202);
            Ledger ledger = new Ledger("stall");
            broker.pause();
            try {
                // 3,000 events at once: more than the producer's in-flight window and the emitter's buffer.
                long start = System.nanoTime();
                HttpLoad load = new HttpLoad(service.url("/events"), ledger, 3_000, Duration.ZERO);
                load.start().get(2, TimeUnit.MINUTES);
                Duration took = Duration.ofNanos(System.nanoTime() - start);
                FaultTable.record(new Outcome("broker-stall", ledger.sent().size(), ledger.ackedCount(), 0, 0, 0, 0,
                        java.util.Set.of(), java.util.Set.of()), "broker SIGSTOPped; " + load.unavailable()
                                + " batches answered 503 in " + took.toMillis() + " ms in all, no retry");

                assertThat(ledger.ackedCount()).as("events answered 202 while the broker is stalled").isZero();
                assertThat(load.unexpected()).as("answers other than 503").isEmpty();
                assertThat(load.unavailable()).as("batches answered 503").isEqualTo(30);
                assertThat(took).as("every answer within the 3 s ack timeout, plus slack").isLessThan(Duration.ofSeconds(90));
            } finally {
                broker.resume();
            }
            await("202 again once the broker resumes").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> service.postJson("/events", EventsJson.raw("stall-ann", true, "click", "stall-1"))
                            .statusCode() == 202);
        }
    }

    private static void awaitDrained(GroupLag group) {
        await("analytics-group committed all of raw_events").atMost(DRAIN).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(group::lag, lag -> lag == 0);
    }
}
