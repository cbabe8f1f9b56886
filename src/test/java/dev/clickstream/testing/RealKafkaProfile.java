package dev.clickstream.testing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * {@code @TestProfile(RealKafkaProfile.class)}: a {@code @QuarkusTest} on a real broker
 * ({@link KafkaBrokerResource}) instead of the in-memory channels. Extend it to add configuration
 * ({@link #getConfigOverrides()}) or broker settings ({@link #brokerSettings()}); each profile gets its own
 * broker and its own start of the service.
 */
public class RealKafkaProfile implements QuarkusTestProfile {

    @Override
    public List<TestResourceEntry> testResources() {
        Map<String, String> args = new HashMap<>();
        brokerSettings().forEach((key, value) -> args.put(KafkaBrokerResource.BROKER_ARG_PREFIX + key, value));
        return List.of(new TestResourceEntry(KafkaBrokerResource.class, args));
    }

    /** Broker settings over the {@link BrokerConfig} defaults; none unless overridden. */
    protected Map<String, String> brokerSettings() {
        return Map.of();
    }
}
