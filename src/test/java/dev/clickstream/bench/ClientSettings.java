package dev.clickstream.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The Kafka client settings every contender of the drain uses, the service included (it gets them as
 * {@code -Dmp.messaging...} properties): same acks, idempotence, linger and batch size on the producer, same
 * offset reset on the consumer.
 */
final class ClientSettings {

    /** Kafka 4's producer defaults, written out so that every contender states them. */
    static final String LINGER_MS = "5";
    static final String BATCH_SIZE = "16384";

    private ClientSettings() {
    }

    static Map<String, Object> producer(String bootstrapServers) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.putAll(producerTuning());
        return config;
    }

    /** The producer settings shared by all contenders, without the bootstrap servers. */
    static Map<String, String> producerTuning() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        config.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, BATCH_SIZE);
        return config;
    }

    static Map<String, Object> consumer(String bootstrapServers, String groupId) {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        return config;
    }

    static String describe() {
        return "acks=all, enable.idempotence=true, linger.ms=" + LINGER_MS + ", batch.size=" + BATCH_SIZE;
    }
}
