package dev.clickstream.cluster;

import static dev.clickstream.cluster.ClusterServices.DEAD_LETTERS;
import static dev.clickstream.cluster.ClusterServices.PROCESSED_EVENTS;
import static dev.clickstream.cluster.ClusterServices.RAW_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;

import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.clickstream.faults.FaultTable;
import dev.clickstream.faults.GroupLag;
import dev.clickstream.faults.HttpLoad;
import dev.clickstream.faults.Ledger;
import dev.clickstream.faults.Outcome;
import dev.clickstream.faults.RawProducer;
import dev.clickstream.faults.Streams;
import dev.clickstream.testing.BrokerProcess;
import dev.clickstream.testing.EventsJson;
import dev.clickstream.testing.KafkaCluster;
import dev.clickstream.testing.Kcat;
import dev.clickstream.testing.ServiceProcess;

/**
 * The packaged service on a three-broker cluster while brokers are killed, bounced, restarted one by one and two at a
 * time: topics as durable as the cluster allows, no acked event lost, duplicates only where a retry or an
 * uncommitted batch explains them, and how long a failover takes.
 */
class BrokerFailoverIT {

    private static final Duration DRAIN = Duration.ofMinutes(10);
    /** Records one instance may hold fetched but not committed: max.poll.records (500) times the queue factor (2). */
    private static final int IN_FLIGHT = 1_000;
    /** How long the bounce's main load lasts: it spans the first kills at least. */
    private static final Duration BOUNCE_LOAD = Duration.ofMinutes(2);

    @RegisterExtension
    static final ClusterFixture CLUSTER = new ClusterFixture("broker-failover");

    private static KafkaCluster cluster() {
        return CLUSTER.cluster();
    }

    @Test
    void topicsAndProducersAreAsDurableAsTheClusterAllows() throws Exception {
        try (ServiceProcess service = ClusterServices.instance("cluster-config", cluster()).start()) {
            await("analytics-group's offsets topic created").atMost(Duration.ofMinutes(2)).ignoreExceptions()
                    .until(() -> cluster().admin().listTopics(new ListTopicsOptions().listInternal(true)).names()
                            .get(10, TimeUnit.SECONDS).contains("__consumer_offsets"));
            List<String> topics = new ArrayList<>(ClusterServices.TOPICS);
            topics.add("__consumer_offsets");
            Map<String, TopicDescription> described = cluster().admin().describeTopics(topics).allTopicNames()
                    .get(30, TimeUnit.SECONDS);
            for (TopicDescription topic : described.values()) {
                for (TopicPartitionInfo partition : topic.partitions()) {
                    assertThat(partition.replicas()).as("replicas of %s-%d", topic.name(), partition.partition())
                            .hasSize(3);
                }
            }
            for (String topic : topics) {
                Config config = cluster().admin().describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC,
                        topic))).all().get(30, TimeUnit.SECONDS).values().iterator().next();
                assertThat(config.get("min.insync.replicas").value()).as("min.insync.replicas of %s", topic)
                        .isEqualTo("2");
                assertThat(config.get("unclean.leader.election.enable").value())
                        .as("unclean.leader.election.enable of %s", topic).isEqualTo("false");
            }

            Map<String, Map<String, String>> producers = ProducerSettings.fromLog(service.log());
            assertThat(producers.keySet()).as("producers the service configured")
                    .anyMatch(id -> id.contains("raw-events-out"))
                    .anyMatch(id -> id.contains("processed-events"));
            producers.forEach((clientId, settings) -> {
                assertThat(settings.get("acks")).as("acks of %s (all)", clientId).isIn("-1", "all");
                assertThat(settings.get("enable.idempotence")).as("idempotence of %s", clientId).isEqualTo("true");
                assertThat(Long.parseLong(settings.get("delivery.timeout.ms")))
                        .as("delivery.timeout.ms of %s: longer than a failover (the broker session timeout and an "
                                + "election, even at Kafka's default 9 s timeout)", clientId)
                        .isGreaterThanOrEqualTo(30_000);
            });
        }
    }

    @Test
    void hardBouncesOfThreeBrokersLoseNoAckedEventAndProcessOnlyPremiumOnes() throws Exception {
        int events = ClusterScale.bounceEvents();
        Ledger posted = new Ledger("bounce-post");
        Ledger produced = new Ledger("bounce-kcat");
        Ledger probes = new Ledger("bounce-probe");
        Kcat kcat = Kcat.assumeInstalled(cluster().bootstrapServers());
        AtomicBoolean bouncing = new AtomicBoolean(true);
        try (ServiceProcess service = ClusterServices.instance("cluster-bounce", cluster()).start();
                GroupLag group = new GroupLag(cluster().bootstrapServers());
                RawProducer producer = new RawProducer(cluster().bootstrapServers());
                ProcessedWatch watch = new ProcessedWatch(cluster().bootstrapServers())) {
            // A steady trickle until the last bounce is over, whatever the machine's speed: each failover is timed
            // by the first event produced after the kill that comes through.
            CompletableFuture<Void> probing = CompletableFuture.runAsync(() -> {
                for (int n = 0; bouncing.get(); n += 10) {
                    producer.produce(probes, n, n + 10);
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(100));
                }
            });
            HttpLoad load = new HttpLoad(service.url("/events"), posted, events / 2, Duration.ofMinutes(5))
                    .spreadOver(BOUNCE_LOAD);
            KcatStream stream = new KcatStream();
            CompletableFuture<Void> posting = load.start();
            CompletableFuture<Void> producing = stream.produce(kcat, produced, events - events / 2, BOUNCE_LOAD);
            await("the load under way").atMost(DRAIN).until(posted::ackedCount, acked -> acked >= events / 40);

            Set<Integer> bounced = new LinkedHashSet<>();
            List<String> failovers = new ArrayList<>();
            failovers.add(bounce(cluster().leaderOf(RAW_EVENTS, 0), RAW_EVENTS, 0, watch, bounced));
            int partition = processedPartitionLedOutside(bounced);
            failovers.add(bounce(cluster().leaderOf(PROCESSED_EVENTS, partition), PROCESSED_EVENTS, partition, watch,
                    bounced));
            BrokerProcess third = cluster().brokers().stream().filter(b -> !bounced.contains(b.nodeId())).findFirst()
                    .orElse(cluster().broker(3));
            failovers.add(bounce(third, RAW_EVENTS, rawPartitionLedBy(third), watch, bounced));

            bouncing.set(false);
            probing.get(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
            posting.get(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
            producing.get(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
            awaitDrained(group);
            Outcome byPost = Outcome.of(posted, cluster().bootstrapServers(), false);
            Outcome byKcat = Outcome.of(produced, cluster().bootstrapServers(), false);
            Outcome byProbe = Outcome.of(probes, cluster().bootstrapServers(), false);
            int rawDuplicates = Outcome.rawDuplicates(posted, cluster().bootstrapServers())
                    + Outcome.rawDuplicates(produced, cluster().bootstrapServers())
                    + Outcome.rawDuplicates(probes, cluster().bootstrapServers());
            String bounces = "SIGKILL + restart of the leader of raw_events-0, of a processed_events leader, of the "
                    + "third broker; " + String.join("; ", failovers);
            FaultTable.record(byPost, bounces + "; " + load.unavailable() + " answers 503, " + load.unanswered()
                    + " unanswered, all retried; " + Outcome.rawDuplicates(posted, cluster().bootstrapServers())
                    + " events twice in raw_events (a 503'd publish that landed, then its retry)");
            FaultTable.record(byKcat, "kcat (acks=all, idempotent) during the same bounces; "
                    + stream.failedChunks() + " chunks of 250 failed");
            FaultTable.record(byProbe, "a Java producer's trickle (10 events every 100 ms) during the same bounces");
            FailoverTimes.record("hard bounce, 3 brokers, broker.session.timeout.ms=3000", failovers);

            for (Outcome outcome : List.of(byPost, byKcat, byProbe)) {
                assertThat(outcome.lostIds()).as("acked premium events of %s missing from processed_events",
                        outcome.scenario()).isEmpty();
                assertThat(outcome.unexpectedIds()).as("processed events never sent or not premium").isEmpty();
                assertThat(outcome.deadLettered()).as("events dead-lettered").isZero();
            }
            assertThat(load.unexpected()).as("answers other than 202 and 503").isEmpty();
            assertThat(byPost.acked()).as("every POSTed batch acked at last, after retries").isEqualTo(events / 2);
            assertThat(group.endTotal(DEAD_LETTERS)).as("records in the dead-letter topic").isZero();
            assertThat(byPost.duplicated() + byKcat.duplicated() + byProbe.duplicated())
                    .as("duplicates: retried publishes, and per bounce at most one uncommitted window read again")
                    .isLessThanOrEqualTo(rawDuplicates + 3 * IN_FLIGHT);
        }
    }

    @Test
    void rollingRestartOfEveryBrokerLosesAndDuplicatesNothing() throws Exception {
        Ledger ledger = new Ledger("rolling-restart");
        int events = ClusterScale.bounceEvents() / 2;
        try (ServiceProcess service = ClusterServices.instance("cluster-rolling", cluster()).start();
                RawProducer producer = new RawProducer(cluster().bootstrapServers());
                GroupLag group = new GroupLag(cluster().bootstrapServers())) {
            CompletableFuture<Void> stream = Streams.produce(producer, ledger, events, Duration.ofMinutes(2));
            for (BrokerProcess broker : cluster().brokers()) {
                broker.stop();
                broker.start();
                cluster().awaitNoUnderReplicatedPartitions();
            }
            stream.get(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
            awaitDrained(group);
            Outcome outcome = Outcome.of(ledger, cluster().bootstrapServers(), false);
            FaultTable.record(outcome, "SIGTERM + start of each broker in turn under a Java producer's stream, "
                    + "waiting each time for no under-replicated partition");

            assertThat(outcome.acked()).isEqualTo(events);
            assertThat(outcome.lostIds()).as("acked premium events missing from processed_events").isEmpty();
            assertThat(outcome.unexpectedIds()).as("processed events never sent or not premium").isEmpty();
            assertThat(outcome.duplicated()).as("events processed twice").isZero();
        }
    }

    @Test
    void withTwoBrokersDownNothingIsAckedOrCommittedUntilTheyReturn() throws Exception {
        Ledger backlog = new Ledger("isr-backlog");
        Ledger refused = new Ledger("isr-refused");
        int events = 2_000;
        try (ServiceProcess service = ClusterServices.instance("cluster-min-isr", cluster()).start();
                RawProducer producer = new RawProducer(cluster().bootstrapServers());
                GroupLag group = new GroupLag(cluster().bootstrapServers())) {
            // A backlog the processor has not read when the brokers go: it must process it only once they are back.
            service.jvm().pause();
            Map<TopicPartition, Long> committedBefore;
            List<BrokerProcess> downed = cluster().brokers().subList(0, 2);
            try {
                producer.produce(backlog, 0, events);
                committedBefore = group.committed();
                downed.forEach(BrokerProcess::kill);
                cluster().awaitBrokersRegistered(1);
            } finally {
                service.jvm().resume();
            }

            HttpLoad load = new HttpLoad(service.url("/events"), refused, 500, Duration.ZERO);
            load.start().get(2, TimeUnit.MINUTES);
            assertThat(refused.ackedCount()).as("events answered 202 with one broker in sync").isZero();
            assertThat(load.unexpected()).as("answers other than 503").isEmpty();
            assertThat(load.unavailable()).as("batches answered 503").isEqualTo(5);
            JsonNode notReady = await("readiness DOWN, naming the partitions short of in-sync replicas")
                    .atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .until(() -> service.get("/q/health/ready"), answer -> answer.statusCode() == 503
                            && answer.body().contains("min.insync.replicas=2"))
                    .body().transform(EventsJson::parse);
            JsonNode writable = partitionsCheck(notReady);
            assertThat(writable.path("status").asText()).isEqualTo("DOWN");
            for (String topic : ClusterServices.TOPICS) {
                assertThat(writable.path("data").path(topic + "-0").asText()).as("why %s-0 takes no write", topic)
                        .isEqualTo("1 of 3 replicas in sync, min.insync.replicas=2");
            }
            await("analytics-group's committed offsets stay put with one broker")
                    .during(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> group.committed().equals(committedBefore));

            CompletableFuture.allOf(downed.stream().map(broker -> CompletableFuture.runAsync(broker::start))
                    .toArray(CompletableFuture[]::new)).join();
            cluster().awaitBrokersRegistered(3);
            // As an orchestrator would: a batch unwritable for over a minute turns liveness DOWN, and the instance
            // is restarted; it reads the uncommitted events again.
            AtomicInteger restarts = new AtomicInteger();
            await("all of raw_events processed and committed").atMost(DRAIN).pollInterval(Duration.ofSeconds(2))
                    .ignoreExceptions()
                    .until(() -> {
                        if (service.get("/q/health/live").statusCode() != 200) {
                            restarts.incrementAndGet();
                            service.close();
                            service.start();
                        }
                        return group.lag() == 0;
                    });
            await("ready again, every partition writable").atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> service.get("/q/health/ready").statusCode() == 200);
            Outcome outcome = Outcome.of(backlog, cluster().bootstrapServers(), false);
            FaultTable.record(outcome, "two of three brokers SIGKILLed with a backlog unread; " + load.unavailable()
                    + " POSTs answered 503, none 202; offsets unmoved for 15 s; readiness DOWN naming "
                    + (writable.path("data").size() - 1) + " partitions, UP again after; brokers restarted; "
                    + restarts.get() + " service restarts after liveness DOWN");

            assertThat(outcome.acked()).isEqualTo(events);
            assertThat(outcome.lostIds()).as("acked premium events missing from processed_events").isEmpty();
            assertThat(outcome.unexpectedIds()).as("processed events never sent or not premium").isEmpty();
        } finally {
            cluster().brokers().stream().filter(broker -> !broker.isAlive()).forEach(BrokerProcess::start);
            cluster().awaitNoUnderReplicatedPartitions();
        }
    }

    /** The readiness check on the declared topics' partitions, from a {@code /q/health/ready} answer. */
    private static JsonNode partitionsCheck(JsonNode health) {
        for (JsonNode check : health.path("checks")) {
            if (check.path("name").asText().equals("Kafka partitions writable")) {
                return check;
            }
        }
        throw new AssertionError("no partitions check in " + health);
    }

    /**
     * SIGKILLs {@code victim} (which leads {@code topic}'s {@code partition}), times the new leader and the first
     * processed event of that partition produced after the kill, starts it again and waits for full replication.
     */
    private static String bounce(BrokerProcess victim, String topic, int partition, ProcessedWatch watch,
            Set<Integer> bounced) {
        long killedAt = System.currentTimeMillis();
        victim.kill();
        BrokerProcess leader = cluster().awaitLeaderOtherThan(topic, partition, victim.nodeId());
        long leaderAfter = System.currentTimeMillis() - killedAt;
        long processedAfter = await("an event produced after the kill processed").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> watch.firstProducedAfter(partition, killedAt), first -> first.isPresent()).getAsLong();
        victim.start();
        cluster().awaitNoUnderReplicatedPartitions();
        bounced.add(victim.nodeId());
        return String.format("broker %d (led %s-%d): new leader %d after %.1f s, first processed after %.1f s",
                victim.nodeId(), topic, partition, leader.nodeId(), leaderAfter / 1000.0, processedAfter / 1000.0);
    }

    private static int processedPartitionLedOutside(Set<Integer> bounced) {
        for (int partition = 0; partition < 3; partition++) {
            if (!bounced.contains(cluster().leaderOf(PROCESSED_EVENTS, partition).nodeId())) {
                return partition;
            }
        }
        return 0;
    }

    private static int rawPartitionLedBy(BrokerProcess broker) {
        for (int partition = 0; partition < 3; partition++) {
            if (cluster().leaderOf(RAW_EVENTS, partition).nodeId() == broker.nodeId()) {
                return partition;
            }
        }
        return 0;
    }

    private static void awaitDrained(GroupLag group) {
        await("analytics-group committed all of raw_events").atMost(DRAIN).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(group::lag, lag -> lag == 0);
    }
}
