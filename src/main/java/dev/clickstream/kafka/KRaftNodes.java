package dev.clickstream.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;

import kafka.server.KafkaConfig;

/**
 * The settings and storage of Apache Kafka nodes in KRaft mode, as the dev broker, the dev cluster and the tests'
 * brokers run them: a single node that is broker and controller in one, or a dedicated controller and the brokers
 * of a cluster. Uses Kafka's server classes, which are on the dev-mode and test class paths only
 * ({@code provided} scope).
 */
public final class KRaftNodes {

    private static final String CONTROLLER = "CONTROLLER";

    private KRaftNodes() {
    }

    /** A single node listening on {@code localhost:port} for clients and on {@code controllerPort} for its controller. */
    public static Properties config(int port, int controllerPort, Path dataDir) {
        Properties props = node(1, dataDir, controllerVoter(1, controllerPort));
        props.put("process.roles", "broker,controller");
        props.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        internalTopics(props, 1, 1);
        return props;
    }

    /**
     * The dedicated controller of a cluster of {@code brokers} brokers, the only voter of its metadata quorum. It
     * creates the topics, so the cluster's defaults for new topics are its settings.
     */
    public static Properties controller(int nodeId, int controllerPort, int brokers, Path dataDir) {
        Properties props = node(nodeId, dataDir, controllerVoter(nodeId, controllerPort));
        props.put("process.roles", "controller");
        replication(props, brokers);
        props.put("listeners", "CONTROLLER://localhost:" + controllerPort);
        // A broker that stops heartbeating is fenced after 3 s instead of 9 s: its partitions get new leaders sooner.
        props.put("broker.session.timeout.ms", "3000");
        return props;
    }

    /**
     * A broker of a cluster of {@code brokers} brokers whose controller is {@code controllerVoter}
     * ({@code id@host:port}): topics and the internal ones get up to three replicas, and an acked write is on two of
     * them at least where there are three.
     */
    public static Properties broker(int nodeId, int port, String controllerVoter, int brokers, Path dataDir) {
        Properties props = node(nodeId, dataDir, controllerVoter);
        props.put("process.roles", "broker");
        props.put("listeners", "PLAINTEXT://localhost:" + port);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        props.put("inter.broker.listener.name", "PLAINTEXT");
        // Heartbeats well within the controller's 3 s session timeout.
        props.put("broker.heartbeat.interval.ms", "500");
        replication(props, brokers);
        return props;
    }

    /** Up to three replicas for every topic, internal ones included, and at least two in sync where there are three. */
    private static void replication(Properties props, int brokers) {
        int replicas = Math.min(3, brokers);
        int minInSync = replicas >= 3 ? 2 : 1;
        internalTopics(props, replicas, minInSync);
        props.put("default.replication.factor", Integer.toString(replicas));
        props.put("min.insync.replicas", Integer.toString(minInSync));
        // A replica that was out of sync never becomes leader: no acked write is dropped.
        props.put("unclean.leader.election.enable", "false");
        // A broker that comes back takes back the leadership of its preferred partitions within seconds, not minutes.
        props.put("leader.imbalance.check.interval.seconds", "10");
    }

    /** The quorum voter string of a controller: {@code id@localhost:port}. */
    public static String controllerVoter(int nodeId, int controllerPort) {
        return nodeId + "@localhost:" + controllerPort;
    }

    private static Properties node(int nodeId, Path dataDir, String controllerVoter) {
        Properties props = new Properties();
        props.put("node.id", Integer.toString(nodeId));
        props.put("controller.listener.names", CONTROLLER);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("controller.quorum.voters", controllerVoter);
        props.put("log.dirs", dataDir.toAbsolutePath().toString());
        // Consumers join at once instead of waiting 3 s for more members.
        props.put("group.initial.rebalance.delay.ms", "0");
        // Topics come from the service's declarations (or kafka-topics), never from a typo in a client.
        props.put("auto.create.topics.enable", "false");
        // A short retention or compaction declared to watch them work acts within seconds: Kafka's defaults first
        // check 30 s after start, then every 5 min, and compact at most every 15 s.
        props.put("log.initial.task.delay.ms", "5000");
        props.put("log.retention.check.interval.ms", "5000");
        props.put("log.cleaner.backoff.ms", "5000");
        return props;
    }

    /** Internal topics (offsets, transactions, share groups) cannot have more replicas than there are brokers. */
    private static void internalTopics(Properties props, int replicas, int minInSync) {
        props.put("offsets.topic.replication.factor", Integer.toString(replicas));
        props.put("transaction.state.log.replication.factor", Integer.toString(replicas));
        props.put("transaction.state.log.min.isr", Integer.toString(minInSync));
        props.put("share.coordinator.state.topic.replication.factor", Integer.toString(replicas));
        props.put("share.coordinator.state.topic.min.isr", Integer.toString(minInSync));
    }

    /** What {@code kafka-storage.sh format} does, with a new cluster id, unless the node is formatted already. */
    public static void formatIfNeeded(Properties props) {
        formatIfNeeded(props, Uuid.randomUuid().toString());
    }

    /** What {@code kafka-storage.sh format} does, unless the node's data dir is formatted already. */
    public static void formatIfNeeded(Properties props, String clusterId) {
        String dataDir = props.getProperty("log.dirs");
        if (Files.exists(Path.of(dataDir, "meta.properties"))) {
            return;
        }
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        Formatter formatter = new Formatter()
                .setClusterId(clusterId)
                .setNodeId(config.nodeId())
                .setControllerListenerName(CONTROLLER)
                .setMetadataLogDirectory(config.metadataLogDir());
        formatter.addDirectory(dataDir);
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the Kafka storage in " + dataDir, e);
        }
    }
}
