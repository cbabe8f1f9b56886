package dev.clickstream.testing;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import dev.clickstream.kafka.BatchingKafkaConnector;
import dev.clickstream.kafka.Channels;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Starts a real Apache Kafka broker in the test JVM ({@link InProcessBroker}, data under
 * {@code target/kafka-brokers/}) and points the service at it: the four channels go back from the in-memory
 * connector of {@code %test} to the Kafka connectors the service runs with ({@code smallrye-kafka}, and
 * {@link BatchingKafkaConnector} for the processed events), and the service creates its declared topics. Fields
 * annotated {@link InjectKafkaCompanion} receive a {@link KafkaCompanion} on that broker.
 * <p>
 * Init arguments prefixed {@code broker.} are broker settings: {@code broker.log.cleaner.backoff.ms=200}.
 * Used through {@link RealKafkaProfile}.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    static final String BROKER_ARG_PREFIX = "broker.";

    private final Map<String, String> brokerOverrides = new HashMap<>();
    private InProcessBroker broker;
    private KafkaCompanion companion;

    @Override
    public void init(Map<String, String> initArgs) {
        initArgs.forEach((key, value) -> {
            if (key.startsWith(BROKER_ARG_PREFIX)) {
                brokerOverrides.put(key.substring(BROKER_ARG_PREFIX.length()), value);
            }
        });
    }

    @Override
    public Map<String, String> start() {
        Path dataDir = TestDirs.fresh("kafka-brokers", "quarkus-test");
        broker = InProcessBroker.start(dataDir, brokerOverrides);
        companion = new KafkaCompanion(broker.bootstrapServers());
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        config.put("mp.messaging.outgoing." + Channels.RAW_EVENTS_OUT + ".connector", "smallrye-kafka");
        config.put("mp.messaging.incoming." + Channels.RAW_EVENTS + ".connector", "smallrye-kafka");
        config.put("mp.messaging.outgoing." + Channels.PROCESSED_EVENTS + ".connector", BatchingKafkaConnector.NAME);
        config.put("mp.messaging.incoming." + Channels.PROCESSED_EVENTS_IN + ".connector", "smallrye-kafka");
        config.put("clickstream.topics.create", "true");
        return config;
    }

    @Override
    public void inject(TestInjector testInjector) {
        testInjector.injectIntoFields(companion,
                new TestInjector.AnnotatedAndMatchesType(InjectKafkaCompanion.class, KafkaCompanion.class));
    }

    @Override
    public void stop() {
        if (companion != null) {
            companion.close();
        }
        if (broker != null) {
            broker.close();
        }
    }
}
