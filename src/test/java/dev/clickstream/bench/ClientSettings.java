package dev.clickstream.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The Kafka client settings of the hand-written contenders: what their code needs (where the broker is, the group,
 * reading from the start, committing by hand) and the tuning given as {@code key=value} entries.
 */
final class ClientSettings {

    private ClientSettings() {
    }

    static Map<String, Object> producer(String bootstrapServers, Map<String, String> tuning) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.putAll(tuning);
        return config;
    }

    static Map<String, Object> consumer(String bootstrapServers, String groupId, Map<String, String> tuning) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.putAll(tuning);
        return config;
    }

    /** The {@code key=value} entries that start with {@code prefix}, without it. */
    static Map<String, String> prefixed(String prefix, List<String> entries) {
        Map<String, String> config = new LinkedHashMap<>();
        for (Map.Entry<String, String> entry : entries(entries).entrySet()) {
            if (entry.getKey().startsWith(prefix)) {
                config.put(entry.getKey().substring(prefix.length()), entry.getValue());
            }
        }
        return config;
    }

    /** {@code key=value} entries as a map, in their order. */
    static Map<String, String> entries(List<String> entries) {
        Map<String, String> config = new LinkedHashMap<>();
        for (String entry : entries) {
            int equals = entry.indexOf('=');
            config.put(entry.substring(0, equals), entry.substring(equals + 1));
        }
        return config;
    }
}
