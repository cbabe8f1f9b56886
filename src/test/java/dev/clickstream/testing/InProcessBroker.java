package dev.clickstream.testing;

import java.nio.file.Path;
import java.util.Map;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * A real single-node Apache Kafka broker (KRaft) inside the test JVM: SmallRye's {@link EmbeddedKafkaBroker} on free
 * ports, with the {@link BrokerConfig test settings} and its data in a directory of the caller's choice (under
 * {@code target/}, deleted when it stops). Quick to start; for a broker that can be killed, see {@link BrokerProcess}.
 */
public final class InProcessBroker implements AutoCloseable {

    private final int port = FreePorts.next();
    private final EmbeddedKafkaBroker broker;

    private InProcessBroker(Path dataDir, Map<String, String> overrides) {
        broker = new EmbeddedKafkaBroker()
                .withKafkaPort(port)
                .withControllerPort(FreePorts.next())
                .withAdditionalProperties(props -> BrokerConfig.applyTestSettings(props, dataDir, overrides))
                .start();
    }

    /** Starts a broker keeping its data in {@code dataDir}, with {@code overrides} over the test settings. */
    public static InProcessBroker start(Path dataDir, Map<String, String> overrides) {
        return new InProcessBroker(dataDir, overrides);
    }

    /** {@code localhost:<port>}. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    @Override
    public void close() {
        broker.close();
    }
}
