package dev.clickstream.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.security.auth.SecurityProtocol;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * The settings of the tests' Apache Kafka brokers, in the test JVM ({@link InProcessBroker}) or in a JVM of their own
 * ({@link BrokerProcess}): SmallRye's {@link EmbeddedKafkaBroker} defaults for a KRaft node, with these over them.
 */
public final class BrokerConfig {

    /** Over the library's defaults, for every test broker. */
    private static final Map<String, String> TEST_SETTINGS = Map.of(
            // Topics come from the service's declarations (or an admin client), never from a typo in a client.
            "auto.create.topics.enable", "false",
            // Fewer internal partitions than production's 50: the transaction coordinator is ready sooner.
            "transaction.state.log.num.partitions", "5",
            // Retention and compaction act within about a second instead of after 30 s and every 5 min / 15 s,
            // so that tests can watch old segments go.
            "log.initial.task.delay.ms", "500",
            "log.retention.check.interval.ms", "500",
            "log.cleaner.backoff.ms", "500");

    private BrokerConfig() {
    }

    /**
     * The settings every test broker shares, over the library's defaults: its data in {@code dataDir} (under
     * {@code target/}, not a temporary folder), then {@code overrides}, which win over everything.
     */
    static void applyTestSettings(Properties props, Path dataDir, Map<String, String> overrides) {
        props.put("log.dir", dataDir.toAbsolutePath().toString());
        props.putAll(TEST_SETTINGS);
        props.putAll(overrides);
    }

    /**
     * The settings of a node listening on {@code localhost:port} for clients and {@code localhost:controllerPort}
     * for the controller quorum: a single node (broker and controller, its own only voter) with id {@code nodeId},
     * as the library configures it, with {@link #applyTestSettings the test settings} over it.
     */
    static Properties node(int nodeId, int port, int controllerPort, Path dataDir, Map<String, String> overrides) {
        Properties props = EmbeddedKafkaBroker.createDefaultBrokerConfig(nodeId,
                EmbeddedKafkaBroker.endpoint("CONTROLLER", SecurityProtocol.PLAINTEXT, "localhost", controllerPort),
                EmbeddedKafkaBroker.endpoint(SecurityProtocol.PLAINTEXT, "localhost", port), List.of());
        applyTestSettings(props, dataDir, overrides);
        return props;
    }
}
