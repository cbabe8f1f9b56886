package dev.clickstream.kafka;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;

import kafka.server.KafkaConfig;

/**
 * The settings and storage of a single-node Apache Kafka broker (KRaft: broker and controller in one process), as
 * the dev broker and the tests' brokers run it. Uses Kafka's server classes, which are on the dev-mode and test
 * class paths only ({@code provided} scope).
 */
public final class SingleNodeKafka {

    private SingleNodeKafka() {
    }

    /** A node listening on {@code localhost:port} for clients and on {@code controllerPort} for its controller. */
    public static Properties config(int port, int controllerPort, Path dataDir) {
        Properties props = new Properties();
        props.put("node.id", "1");
        props.put("process.roles", "broker,controller");
        props.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        props.put("log.dirs", dataDir.toAbsolutePath().toString());
        // One node: internal topics cannot have more than one replica.
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        // Consumers join at once instead of waiting 3 s for more members.
        props.put("group.initial.rebalance.delay.ms", "0");
        // Topics come from the service's declarations (or kafka-topics), never from a typo in a client.
        props.put("auto.create.topics.enable", "false");
        return props;
    }

    /** What {@code kafka-storage.sh format} does, unless the node's data dir is formatted already. */
    public static void formatIfNeeded(Properties props) {
        String dataDir = props.getProperty("log.dirs");
        if (Files.exists(Path.of(dataDir, "meta.properties"))) {
            return;
        }
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        Formatter formatter = new Formatter()
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(config.nodeId())
                .setControllerListenerName("CONTROLLER")
                .setMetadataLogDirectory(config.metadataLogDir());
        formatter.addDirectory(dataDir);
        try {
            formatter.run();
        } catch (Exception e) {
            throw new IllegalStateException("cannot format the broker storage in " + dataDir, e);
        }
    }
}
