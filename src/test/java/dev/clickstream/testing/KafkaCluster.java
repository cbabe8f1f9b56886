package dev.clickstream.testing;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.Uuid;

/**
 * A KRaft cluster as Kafka's own replication tests run it: one controller and three brokers, each a
 * {@link BrokerProcess} in its own JVM (a combined broker and controller hangs on shutdown once the quorum is lost),
 * on free loopback ports. The brokers' defaults make every new topic durable: replication factor 3,
 * {@code min.insync.replicas=2}, no unclean leader election, the internal topics replicated alike. A broker that
 * stops heart-beating is fenced after 3 s, so a partition it led has a new leader about 3 s after a SIGKILL.
 * {@link #close()} kills every node; whatever still runs when the test JVM exits is killed too ({@link JvmProcess}).
 *
 * <pre>{@code
 * try (KafkaCluster cluster = KafkaCluster.start("bounce")) {
 *     BrokerProcess leader = cluster.leaderOf("raw_events", 0);
 *     leader.kill();
 *     cluster.awaitLeaderOtherThan("raw_events", 0, leader.nodeId());
 *     leader.start();
 *     cluster.awaitNoUnderReplicatedPartitions();
 * }
 * }</pre>
 */
public final class KafkaCluster implements AutoCloseable {

    public static final int BROKERS = 3;
    private static final int CONTROLLER_ID = 100;
    /** How long the controller waits for a broker's heartbeat before it fences the broker and moves its leaders. */
    public static final Duration BROKER_SESSION_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration REPLICATION_TIMEOUT = Duration.ofMinutes(3);

    private final BrokerProcess controller;
    private final List<BrokerProcess> brokers;
    private Admin admin;

    private KafkaCluster(Path dir) {
        String clusterId = Uuid.randomUuid().toString();
        controller = BrokerProcess.in(dir.resolve("controller")).withHeap("128m")
                .asNode(CONTROLLER_ID, "controller", null, clusterId);
        brokers = IntStream.rangeClosed(1, BROKERS)
                .mapToObj(id -> BrokerProcess.in(dir.resolve("broker-" + id)).withHeap("256m")
                        .asNode(id, "broker", controller.voter(), clusterId))
                .toList();
        List<BrokerProcess> all = new ArrayList<>(brokers);
        all.add(controller);
        for (BrokerProcess node : all) {
            // Four JVMs start at once beside the build: C1 only and the serial collector spare the cores, and on a
            // loaded machine a node may need more than a minute.
            node.withJvmOption("-XX:TieredStopAtLevel=1").withJvmOption("-XX:+UseSerialGC")
                    .withReadyTimeout(READY_TIMEOUT)
                    .withProperty("broker.session.timeout.ms", Long.toString(BROKER_SESSION_TIMEOUT.toMillis()))
                    .withProperty("broker.heartbeat.interval.ms", "500")
                    .withProperty("default.replication.factor", "3")
                    .withProperty("min.insync.replicas", "2")
                    .withProperty("offsets.topic.replication.factor", "3")
                    .withProperty("transaction.state.log.replication.factor", "3")
                    .withProperty("transaction.state.log.min.isr", "2")
                    .withProperty("unclean.leader.election.enable", "false");
        }
    }

    /**
     * Starts the controller, then the three brokers side by side, in {@code target/kafka-clusters/<name>-<random>};
     * returns once all three are registered with the controller.
     */
    public static KafkaCluster start(String name) {
        KafkaCluster cluster = new KafkaCluster(TestDirs.fresh("kafka-clusters", name));
        try {
            cluster.controller.start();
            CompletableFuture.allOf(cluster.brokers.stream()
                    .map(broker -> CompletableFuture.runAsync(broker::start))
                    .toArray(CompletableFuture[]::new)).join();
            cluster.admin = Admin.create(Map.of(
                    AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(),
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
            cluster.awaitBrokersRegistered(BROKERS);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /** {@code localhost:<port>} of every broker, comma-separated, for clients. */
    public String bootstrapServers() {
        return brokers.stream().map(BrokerProcess::bootstrapServers).collect(Collectors.joining(","));
    }

    public List<BrokerProcess> brokers() {
        return brokers;
    }

    /** The broker with node id {@code nodeId} (1 to 3). */
    public BrokerProcess broker(int nodeId) {
        return brokers.get(nodeId - 1);
    }

    /** An admin client of the cluster, closed with it. */
    public Admin admin() {
        return admin;
    }

    /** Waits until the controller counts {@code count} registered, unfenced brokers. */
    public void awaitBrokersRegistered(int count) {
        await(count + " brokers registered").atMost(READY_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> registeredBrokers().size() == count);
    }

    /** The node ids of the brokers the cluster counts as alive now. */
    public Set<Integer> registeredBrokers() throws ExecutionException, InterruptedException, TimeoutException {
        return admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).stream().map(Node::id)
                .collect(Collectors.toSet());
    }

    /** The broker leading {@code topic}'s {@code partition} now. */
    public BrokerProcess leaderOf(String topic, int partition) {
        Node leader = partitionInfo(topic, partition).leader();
        if (leader == null) {
            throw new IllegalStateException(topic + "-" + partition + " has no leader");
        }
        return broker(leader.id());
    }

    /** Waits until {@code topic}'s {@code partition} has a leader other than {@code formerLeader}, and returns it. */
    public BrokerProcess awaitLeaderOtherThan(String topic, int partition, int formerLeader) {
        return await(topic + "-" + partition + " led by another broker than " + formerLeader)
                .atMost(REPLICATION_TIMEOUT).pollInterval(Duration.ofMillis(100)).ignoreExceptions()
                .until(() -> leaderOf(topic, partition), leader -> leader.nodeId() != formerLeader);
    }

    /** Waits until every partition of every topic has all its replicas in sync again, as after a broker's return. */
    public void awaitNoUnderReplicatedPartitions() {
        await("no under-replicated partition").atMost(REPLICATION_TIMEOUT).pollInterval(Duration.ofMillis(250))
                .ignoreExceptions()
                .until(() -> underReplicatedPartitions().isEmpty());
    }

    /** {@code topic-partition} of each partition whose in-sync replicas are fewer than its replicas. */
    public List<String> underReplicatedPartitions() throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> topics = admin.listTopics(new ListTopicsOptions().listInternal(true))
                .names().get(10, TimeUnit.SECONDS);
        return describe(topics).stream()
                .flatMap(topic -> topic.partitions().stream()
                        .filter(p -> p.isr().size() < p.replicas().size())
                        .map(p -> topic.name() + "-" + p.partition()))
                .toList();
    }

    /** Kills every node, brokers first; their data stays under {@code target/} for a look after a failure. */
    @Override
    public void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(2));
        }
        brokers.stream().filter(BrokerProcess::isAlive).forEach(BrokerProcess::kill);
        if (controller.isAlive()) {
            controller.kill();
        }
    }

    private TopicPartitionInfo partitionInfo(String topic, int partition) {
        return describe(List.of(topic)).get(0).partitions().get(partition);
    }

    private List<TopicDescription> describe(Collection<String> topics) {
        try {
            return List.copyOf(admin.describeTopics(topics).allTopicNames().get(10, TimeUnit.SECONDS).values());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot describe " + topics + ": " + e.getMessage(), e);
        }
    }
}
