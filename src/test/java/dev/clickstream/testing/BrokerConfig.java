package dev.clickstream.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.Uuid;
import org.apache.kafka.metadata.storage.Formatter;

import kafka.server.KafkaConfig;

/**
 * The settings of a single-node Apache Kafka test broker (KRaft, broker and controller in one process), shared by
 * {@link InProcessBroker} and {@link BrokerProcess}, and the storage formatting that must precede its first start.
 */
public final class BrokerConfig {

    private BrokerConfig() {
    }

    /**
     * A single-node broker listening on {@code localhost:port} for clients and {@code localhost:controllerPort}
     * for its own controller, keeping its logs in {@code dataDir}; {@code overrides} win over every default.
     */
    public static Properties singleNode(int port, int controllerPort, Path dataDir, Map<String, String> overrides) {
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
        // Fewer internal partitions than production's 50: the group coordinator is ready sooner.
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.num.partitions", "5");
        // Consumers join at once instead of waiting 3 s for more members.
        props.put("group.initial.rebalance.delay.ms", "0");
        // Topics come from the service's declarations or the test, never from a client's typo.
        props.put("auto.create.topics.enable", "false");
        // Retention and compaction act within about a second instead of after 30 s and every 5 min / 15 s,
        // so that tests can watch old segments go.
        props.put("log.initial.task.delay.ms", "500");
        props.put("log.retention.check.interval.ms", "500");
        props.put("log.cleaner.backoff.ms", "500");
        // The compaction buffer is allocated whole at start-up: 16 MB instead of 128 MB suits a small test heap.
        props.put("log.cleaner.dedupe.buffer.size", Integer.toString(16 * 1024 * 1024));
        props.putAll(overrides);
        return props;
    }

    /** What {@code kafka-storage.sh format} does, unless {@code dataDir} is formatted already. */
    public static void formatIfNeeded(Properties props) {
        KafkaConfig config = KafkaConfig.fromProps(props, false);
        String dataDir = props.getProperty("log.dirs");
        if (Files.exists(Path.of(dataDir, "meta.properties"))) {
            return;
        }
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
