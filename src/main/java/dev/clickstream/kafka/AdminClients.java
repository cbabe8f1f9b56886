package dev.clickstream.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Admin clients configured from the same {@code kafka.*} settings as the channels (Quarkus hands them over as the
 * {@code default-kafka-broker} map), so that bootstrap servers and, later, security settings apply to both.
 */
public final class AdminClients {

    private AdminClients() {
    }

    /** The Admin client settings among {@code kafkaConfig}, with {@code clientId} and any {@code overrides}. */
    public static Map<String, Object> config(Map<String, Object> kafkaConfig, String clientId,
            Map<String, Object> overrides) {
        Map<String, Object> config = new HashMap<>();
        kafkaConfig.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                config.put(key, value);
            }
        });
        config.putAll(overrides);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        return config;
    }

    public static Admin create(Map<String, Object> kafkaConfig, String clientId, Map<String, Object> overrides) {
        return Admin.create(config(kafkaConfig, clientId, overrides));
    }

    /** An Admin client whose every call, retries included, gives up after {@code timeout}. */
    public static Admin create(Map<String, Object> kafkaConfig, String clientId, Duration timeout) {
        int timeoutMs = (int) timeout.toMillis();
        return create(kafkaConfig, clientId, Map.of(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, timeoutMs));
    }
}
