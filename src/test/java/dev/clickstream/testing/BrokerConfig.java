package dev.clickstream.testing;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import dev.clickstream.kafka.KRaftNodes;

/**
 * The settings of a single-node Apache Kafka test broker, shared by {@link InProcessBroker} and
 * {@link BrokerProcess}: the dev broker's ({@link KRaftNodes}), tuned for tests.
 */
public final class BrokerConfig {

    private BrokerConfig() {
    }

    /**
     * A single-node broker listening on {@code localhost:port} for clients and {@code localhost:controllerPort}
     * for its own controller, keeping its logs in {@code dataDir}; {@code overrides} win over every default.
     */
    public static Properties singleNode(int port, int controllerPort, Path dataDir, Map<String, String> overrides) {
        Properties props = KRaftNodes.config(port, controllerPort, dataDir);
        // Fewer internal partitions than production's 50: the group coordinator is ready sooner.
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.num.partitions", "5");
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
}
