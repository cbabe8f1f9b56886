package dev.clickstream.testing;

import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.common.utils.Time;

import dev.clickstream.kafka.KRaftNodes;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * A real single-node Apache Kafka broker (KRaft) inside the test JVM, on free ports, keeping its data in a
 * directory of the caller's choice (under {@code target/}). Quick to start; for a broker that can be killed, see
 * {@link BrokerProcess}.
 */
public final class InProcessBroker implements AutoCloseable {

    private final int port = FreePorts.next();
    private final KafkaRaftServer server;

    private InProcessBroker(Path dataDir, Map<String, String> overrides) {
        Properties props = BrokerConfig.singleNode(port, FreePorts.next(), dataDir, overrides);
        KRaftNodes.formatIfNeeded(props);
        server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
    }

    /** Starts a broker keeping its data in {@code dataDir}, with {@code overrides} over {@link BrokerConfig}. */
    public static InProcessBroker start(Path dataDir, Map<String, String> overrides) {
        return new InProcessBroker(dataDir, overrides);
    }

    public String bootstrapServers() {
        return "localhost:" + port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
