package dev.clickstream.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.clickstream.testing.BrokerProcess;
import dev.clickstream.testing.ServiceProcess;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * The service dies or is stopped while it processes a stream written straight into {@code raw_events} (the broker, in
 * its own JVM, stays up), or a second instance joins and leaves its group: no acked premium event is lost, and
 * duplicates stay within what was processed but not yet committed.
 */
class ServiceCrashFaultIT {

    private static final Duration DRAIN = Duration.ofMinutes(10);

    private static BrokerProcess broker;

    @BeforeAll
    static void startBroker() {
        broker = Brokers.start("service-crash-faults");
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void sigkillMidStreamLosesNothingAndReprocessesOnlyUncommittedEvents() throws Exception {
        Ledger ledger = new Ledger("service-sigkill");
        int events = FaultScale.events();
        try (ServiceProcess service = service("fault-service-sigkill").start();
                RawProducer producer = new RawProducer(broker.bootstrapServers());
                GroupLag group = new GroupLag(broker.bootstrapServers())) {
            long committedBefore = group.committedTotal();
            CompletableFuture<Void> stream = Streams.produce(producer, ledger, events, Duration.ofSeconds(20));
            awaitCommitted(group, committedBefore + events / 4);

            assertThat(service.kill()).isEqualTo(137);
            Map<TopicPartition, Long> committedAtKill = group.committed();
            int window = Outcome.premiumAtOrAfter(ledger, broker.bootstrapServers(), committedAtKill);
            service.start();

            stream.get(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
            awaitDrained(group);
            Outcome outcome = Outcome.of(ledger, broker.bootstrapServers(), false);
            FaultTable.record(outcome, "SIGKILL after " + (committedAtKill.values().stream().mapToLong(Long::longValue)
                    .sum() - committedBefore) + " committed; at most " + window
                    + " premium events were past the committed offsets");

            assertThat(outcome.acked()).isEqualTo(events);
            assertThat(outcome.lostIds()).as("acked premium events missing from processed_events").isEmpty();
            assertThat(outcome.unexpectedIds()).as("processed events never sent or not premium").isEmpty();
            assertThat(outcome.duplicated()).as("only events past the committed offsets are processed again")
                    .isLessThanOrEqualTo(window);
        }
    }

    @Test
    void sigtermMidStreamFinishesInFlightEventsSoNothingIsProcessedTwice() throws Exception {
        Ledger ledger = new Ledger("service-sigterm");
        int events = FaultScale.events();
        try (ServiceProcess service = service("fault-service-sigterm").start();
                RawProducer producer = new RawProducer(broker.bootstrapServers());
                GroupLag group = new GroupLag(broker.bootstrapServers())) {
            long committedBefore = group.committedTotal();
            CompletableFuture<Void> stream = Streams.produce(producer, ledger, events, Duration.ofSeconds(20));
            awaitCommitted(group, committedBefore + events / 4);

            assertThat(service.stop()).as("exit code after SIGTERM").isEqualTo(143);
            long committedAtStop = group.committedTotal() - committedBefore;
            service.start();

            stream.get(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
            awaitDrained(group);
            Outcome outcome = Outcome.of(ledger, broker.bootstrapServers(), false);
            FaultTable.record(outcome, "SIGTERM after " + committedAtStop + " committed");

            assertThat(outcome.acked()).isEqualTo(events);
            assertThat(outcome.lostIds()).as("acked premium events missing from processed_events").isEmpty();
            assertThat(outcome.unexpectedIds()).as("processed events never sent or not premium").isEmpty();
            assertThat(outcome.duplicated()).as("events processed twice after a graceful stop").isZero();
        }
    }

    @Test
    void aSecondInstanceJoiningAndLeavingMidStreamLosesNothing() throws Exception {
        Ledger ledger = new Ledger("rebalance");
        int events = FaultScale.events();
        try (ServiceProcess first = service("fault-rebalance-first").start();
                ServiceProcess second = service("fault-rebalance-second");
                RawProducer producer = new RawProducer(broker.bootstrapServers());
                GroupLag group = new GroupLag(broker.bootstrapServers());
                KafkaCompanion kafka = new KafkaCompanion(broker.bootstrapServers())) {
            long committedBefore = group.committedTotal();
            // Events flow until both rebalances are over, however long the second instance takes to start.
            AtomicBoolean rebalanced = new AtomicBoolean();
            CompletableFuture<Void> stream = Streams.produceUntil(producer, ledger, events, Duration.ofSeconds(30),
                    rebalanced::get);
            awaitCommitted(group, committedBefore + events / 4);

            RebalanceWindow joining = RebalanceWindow.around(kafka, 1, 2, second::start);
            awaitCommitted(group, committedBefore + events / 2);
            RebalanceWindow leaving = RebalanceWindow.around(kafka, 2, 1,
                    () -> assertThat(second.stop()).as("exit code after SIGTERM").isEqualTo(143));
            rebalanced.set(true);

            stream.get(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
            awaitDrained(group);
            Outcome outcome = Outcome.of(ledger, broker.bootstrapServers(), false);
            int rereadable = joining.premium(ledger, broker.bootstrapServers())
                    + leaving.premium(ledger, broker.bootstrapServers());
            long premium = ledger.acked().stream().filter(ledger::isPremium).count();
            FaultTable.record(outcome, "second instance joined at 1/4, left (SIGTERM) at 1/2: two rebalances, "
                    + "at most " + rereadable + " premium events past the committed offsets while they lasted");

            assertThat(outcome.acked()).isEqualTo(outcome.sent()).isGreaterThanOrEqualTo(events);
            assertThat(outcome.lostIds()).as("acked premium events missing from processed_events").isEmpty();
            assertThat(outcome.unexpectedIds()).as("processed events never sent or not premium").isEmpty();
            assertThat((long) rereadable).as("premium events the rebalances could hand over again, of %d", premium)
                    .isPositive().isLessThan(premium);
            assertThat(outcome.duplicated())
                    .as("only events past the committed offsets while the group rebalanced are processed again")
                    .isLessThanOrEqualTo(rereadable);
        }
    }

    private static ServiceProcess service(String name) {
        return ServiceProcess.named(name).withProperty("kafka.bootstrap.servers", broker.bootstrapServers());
    }

    private static void awaitCommitted(GroupLag group, long total) {
        await("analytics-group committed " + total + " records").atMost(DRAIN).pollInterval(Duration.ofMillis(500))
                .until(group::committedTotal, committed -> committed >= total);
    }

    private static void awaitDrained(GroupLag group) {
        await("analytics-group committed all of raw_events").atMost(DRAIN).pollInterval(Duration.ofSeconds(1))
                .until(group::lag, lag -> lag == 0);
    }
}
