package dev.clickstream.cluster;

import static dev.clickstream.cluster.ClusterServices.RAW_EVENTS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import dev.clickstream.faults.FaultTable;
import dev.clickstream.faults.GroupLag;
import dev.clickstream.faults.Ledger;
import dev.clickstream.faults.Outcome;
import dev.clickstream.faults.RawProducer;
import dev.clickstream.faults.Streams;
import dev.clickstream.testing.EventsJson;
import dev.clickstream.testing.KafkaCluster;
import dev.clickstream.testing.ServiceProcess;

/**
 * Several instances of the packaged service in {@code analytics-group} on a six-partition {@code raw_events}, on a
 * three-broker cluster: they share the partitions, each shows the newest events whoever processed them, and instances
 * joining, leaving and crashing lose nothing.
 */
class ScaleOutIT {

    private static final int PARTITIONS = 6;
    private static final Duration OWNERSHIP = Duration.ofSeconds(30);
    private static final Duration DRAIN = Duration.ofMinutes(10);
    /** How long each stream of the scale-out and scale-in lasts: long enough to span two instances' starts. */
    private static final Duration STREAM = Duration.ofSeconds(90);
    /**
     * What {@code mp.messaging.incoming.raw-events.partition.assignment.strategy} the instances use, if set (the
     * service's own is the cooperative sticky assignor).
     */
    private static final String ASSIGNOR = System.getProperty("cluster.assignor", "");
    /** {@code classic} or {@code consumer}: the consumer group protocol the instances use. */
    private static final String GROUP_PROTOCOL = System.getProperty("cluster.group-protocol", "classic");

    @RegisterExtension
    static final ClusterFixture CLUSTER = new ClusterFixture("scale-out");

    private static KafkaCluster cluster() {
        return CLUSTER.cluster();
    }

    @Test
    void instancesShareThePartitionsShowTheNewestEventsAndScaleInBySigtermLosingNothing() throws Exception {
        Ledger scaleOut = new Ledger("scale-out");
        Ledger scaleIn = new Ledger("scale-in");
        int events = ClusterScale.bounceEvents() / 4;
        List<ServiceProcess> instances = new ArrayList<>();
        List<String> pauses = new ArrayList<>();
        try (GroupLag group = new GroupLag(cluster().bootstrapServers());
                RawProducer producer = new RawProducer(cluster().bootstrapServers())) {
            instances.add(instance(1).start());
            try (ProcessedWatch watch = new ProcessedWatch(cluster().bootstrapServers())) {
                CompletableFuture<Void> outStream = Streams.produce(producer, scaleOut, events, STREAM);
                awaitOwners(instances);
                pauses.add(scaleOut(instances, watch));
                pauses.add(scaleOut(instances, watch));
                everyInstanceProcessesEvents(group);
                outStream.get(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
                awaitDrained(group);
                everyInstanceShowsTheNewestEvents(instances);

                CompletableFuture<Void> inStream = Streams.produce(producer, scaleIn, events, STREAM);
                await("the scale-in stream under way").atMost(DRAIN).until(scaleIn::ackedCount, n -> n >= events / 10);
                pauses.add(scaleIn(instances, watch));
                pauses.add(scaleIn(instances, watch));
                inStream.get(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
            }
            awaitDrained(group);
            Outcome out = Outcome.of(scaleOut, cluster().bootstrapServers(), false);
            Outcome in = Outcome.of(scaleIn, cluster().bootstrapServers(), false);
            FaultTable.record(out, "1 -> 2 -> 3 instances on 6 partitions under a stream, " + protocol()
                    + "; longest output pauses: " + String.join(", ", pauses.subList(0, 2)));
            FaultTable.record(in, "3 -> 2 -> 1 instances (SIGTERM) on 6 partitions under a stream, " + protocol()
                    + "; longest output pauses: " + String.join(", ", pauses.subList(2, 4)));
            FailoverTimes.record("scale-out and scale-in on 6 partitions, " + protocol()
                    + ", longest pause in processed output from an instance's start or SIGTERM until every partition "
                    + "had one owner again", pauses);

            for (Outcome outcome : List.of(out, in)) {
                assertThat(outcome.acked()).isEqualTo(events);
                assertThat(outcome.lostIds()).as("acked premium events of %s missing from processed_events",
                        outcome.scenario()).isEmpty();
                assertThat(outcome.unexpectedIds()).as("processed events never sent or not premium").isEmpty();
            }
            assertThat(in.duplicated()).as("events processed twice while instances left by SIGTERM").isZero();
        } finally {
            instances.forEach(ServiceProcess::close);
        }
    }

    @Test
    void sigkillOfOneInstanceLosesNothingAndReprocessesOnlyUncommittedEvents() throws Exception {
        Ledger ledger = new Ledger("scale-sigkill");
        int events = ClusterScale.bounceEvents() / 4;
        List<ServiceProcess> instances = new ArrayList<>();
        try (GroupLag group = new GroupLag(cluster().bootstrapServers());
                RawProducer producer = new RawProducer(cluster().bootstrapServers())) {
            instances.add(instance(1).start());
            instances.add(instance(2).start());
            awaitOwners(instances);
            long committedBefore = group.committedTotal();
            CompletableFuture<Void> stream = Streams.produce(producer, ledger, events, Duration.ofMinutes(1));
            await("a quarter committed").atMost(DRAIN).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(group::committedTotal, committed -> committed >= committedBefore + events / 4);

            instances.get(1).kill();
            Map<TopicPartition, Long> committedAtKill = group.committed();
            int window = Outcome.premiumAtOrAfter(ledger, cluster().bootstrapServers(), committedAtKill);
            stream.get(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
            awaitDrained(group);
            Outcome outcome = Outcome.of(ledger, cluster().bootstrapServers(), false);
            FaultTable.record(outcome, "one of two instances SIGKILLed mid-stream, " + protocol() + "; at most "
                    + window + " premium events past the committed offsets");

            assertThat(outcome.acked()).isEqualTo(events);
            assertThat(outcome.lostIds()).as("acked premium events missing from processed_events").isEmpty();
            assertThat(outcome.unexpectedIds()).as("processed events never sent or not premium").isEmpty();
            assertThat(outcome.duplicated()).as("only events past the committed offsets are processed again")
                    .isLessThanOrEqualTo(window);
        } finally {
            instances.forEach(ServiceProcess::close);
        }
    }

    @Test
    void anInstanceBeyondThePartitionCountStaysIdleReadyAndQuiet() throws Exception {
        // Two partitions of their own and a group of their own, so three instances are one too many.
        String topic = "raw_events_pair";
        List<ServiceProcess> instances = IntStream.rangeClosed(1, 3)
                .mapToObj(n -> instance(n)
                        .withProperty("clickstream.topics." + topic + ".partitions", "2")
                        .withProperty("mp.messaging.outgoing.raw-events-out.topic", topic)
                        .withProperty("mp.messaging.incoming.raw-events.topic", topic)
                        .withProperty("mp.messaging.incoming.raw-events.group.id", "analytics-pair"))
                .toList();
        try {
            CompletableFuture.allOf(instances.stream().map(i -> CompletableFuture.runAsync(i::start))
                    .toArray(CompletableFuture[]::new)).join();
            List<String> clientIds = IntStream.rangeClosed(1, 3).mapToObj(ScaleOutIT::clientId).toList();
            await("two of three instances own one partition each").atMost(OWNERSHIP).ignoreExceptions()
                    .until(() -> GroupMembers.ownedOnceEach(
                            GroupMembers.owners(cluster().admin(), "analytics-pair", topic), clientIds, 2));
            for (int n = 0; n < 20; n++) {
                assertThat(instances.get(n % 3).postJson("/events",
                        EventsJson.raw("pair-" + n, true, "click", "pair-" + n)).statusCode()).isEqualTo(202);
            }
            await("every instance ready, the idle one included, for 20 s").during(Duration.ofSeconds(20))
                    .atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> instances.stream().allMatch(i -> i.get("/q/health/ready").statusCode() == 200));
            for (ServiceProcess instance : instances) {
                assertThat(instance.log().lines().filter(line -> line.contains(" ERROR ")))
                        .as("errors logged by %s", instance.logFile()).isEmpty();
            }
        } finally {
            instances.forEach(ServiceProcess::close);
        }
    }

    private static String protocol() {
        return "group.protocol=" + GROUP_PROTOCOL + (ASSIGNOR.isEmpty() ? "" : ", " + ASSIGNOR);
    }

    private static ServiceProcess instance(int n) {
        ServiceProcess service = ClusterServices.instance("cluster-scale-" + n, cluster())
                .withProperty("clickstream.topics.raw_events.partitions", Integer.toString(PARTITIONS))
                // The instance's name in the group's member list.
                .withProperty("mp.messaging.incoming.raw-events.client.id", clientId(n))
                .withProperty("mp.messaging.incoming.raw-events.group.protocol", GROUP_PROTOCOL);
        if (!ASSIGNOR.isEmpty() || GROUP_PROTOCOL.equals("consumer")) {
            // The consumer protocol assigns on the broker and refuses a client-side assignor: empty unsets the service's.
            service.withProperty("mp.messaging.incoming.raw-events.partition.assignment.strategy", ASSIGNOR);
        }
        return service;
    }

    private static String clientId(int n) {
        return "instance-" + n;
    }

    /** Starts one more instance; returns the output's longest pause until every partition had one owner again. */
    private static String scaleOut(List<ServiceProcess> instances, ProcessedWatch watch) {
        long from = System.currentTimeMillis();
        instances.add(instance(instances.size() + 1).start());
        long settled = awaitOwners(instances);
        return String.format("to %d: %.1f s", instances.size(), watch.longestPause(from, settled) / 1000.0);
    }

    /** SIGTERMs the newest instance; returns the output's longest pause until its partitions moved to the rest. */
    private static String scaleIn(List<ServiceProcess> instances, ProcessedWatch watch) {
        long from = System.currentTimeMillis();
        instances.remove(instances.size() - 1).stop();
        long settled = awaitOwners(instances);
        return String.format("to %d: %.1f s", instances.size(), watch.longestPause(from, settled) / 1000.0);
    }

    /** Waits until each partition has exactly one owner among {@code instances}; returns the time it had. */
    private static long awaitOwners(List<ServiceProcess> instances) {
        List<String> clientIds = IntStream.rangeClosed(1, instances.size()).mapToObj(ScaleOutIT::clientId).toList();
        await("each of " + PARTITIONS + " partitions owned by one of " + clientIds).atMost(OWNERSHIP)
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> GroupMembers.ownedOnceEach(
                        GroupMembers.owners(cluster().admin(), GroupLag.GROUP, RAW_EVENTS), clientIds, PARTITIONS));
        return System.currentTimeMillis();
    }

    /** Every member commits further on the partitions it owns: each instance processes events. */
    private static void everyInstanceProcessesEvents(GroupLag group) throws Exception {
        Map<String, List<Integer>> owners = GroupMembers.owners(cluster().admin(), GroupLag.GROUP, RAW_EVENTS);
        Map<TopicPartition, Long> before = group.committed();
        for (Map.Entry<String, List<Integer>> owner : owners.entrySet()) {
            await(owner.getKey() + " commits on its partitions " + owner.getValue()).atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> {
                        Map<TopicPartition, Long> now = group.committed();
                        return owner.getValue().stream().map(p -> new TopicPartition(RAW_EVENTS, p))
                                .anyMatch(p -> now.get(p) > before.get(p));
                    });
        }
    }

    /** An event published through each instance shows in every instance's view, whichever instance processed it. */
    private static void everyInstanceShowsTheNewestEvents(List<ServiceProcess> instances) {
        List<String> ids = new ArrayList<>();
        for (int n = 0; n < instances.size(); n++) {
            String id = "newest-" + n;
            ids.add(id);
            assertThat(instances.get(n).postJson("/events", EventsJson.raw("viewer-" + n, true, "click", id))
                    .statusCode()).isEqualTo(202);
        }
        for (ServiceProcess instance : instances) {
            await("the newest events in " + instance.url("/events/processed")).atMost(Duration.ofMinutes(1))
                    .pollInterval(Duration.ofMillis(200))
                    .until(() -> instance.get("/events/processed?limit=100").body(),
                            body -> ids.stream().allMatch(body::contains));
        }
    }

    private static void awaitDrained(GroupLag group) {
        await("analytics-group committed all of raw_events").atMost(DRAIN).pollInterval(Duration.ofSeconds(1))
                .ignoreExceptions()
                .until(group::lag, lag -> lag == 0);
    }
}
