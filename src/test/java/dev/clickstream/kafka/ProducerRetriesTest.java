package dev.clickstream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class ProducerRetriesTest {

    private final ProducerRetries customizer = new ProducerRetries();

    @Test
    void givesAnIdempotentChannelWithoutConnectorRetriesTheProducersOwn() {
        Map<String, Object> config = customizer.customize("processed-events", null,
                producer(Map.of("retries", "0", "enable.idempotence", "true")));

        assertThat(config).doesNotContainKey(ProducerConfig.RETRIES_CONFIG).containsEntry("acks", "all");
        // The producer Kafka builds from it retries until the delivery timeout, as an idempotent one must.
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(),
                new StringSerializer())) {
            assertThat(producer).isNotNull();
        }
    }

    @Test
    void withoutItAnIdempotentProducerRefusesNoRetries() {
        Map<String, Object> config = producer(Map.of("retries", "0", "enable.idempotence", "true"));

        assertThatThrownBy(() -> new KafkaProducer<>(config, new StringSerializer(), new StringSerializer()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("retries");
    }

    @Test
    void leavesOtherChannelsAlone() {
        Map<String, Object> noIdempotence = producer(Map.of("retries", "0", "enable.idempotence", "false"));
        Map<String, Object> someRetries = producer(Map.of("retries", "3", "enable.idempotence", "true"));
        Map<String, Object> consumer = new HashMap<>(Map.of("retries", "0", "enable.idempotence", "true",
                "group.id", "g"));

        assertThat(customizer.customize("a", null, new HashMap<>(noIdempotence))).isEqualTo(noIdempotence);
        assertThat(customizer.customize("b", null, new HashMap<>(someRetries))).isEqualTo(someRetries);
        assertThat(customizer.customize("c", null, new HashMap<>(consumer))).isEqualTo(consumer);
    }

    private static Map<String, Object> producer(Map<String, String> settings) {
        Map<String, Object> config = new HashMap<>(settings);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "localhost:1");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "1");
        return config;
    }
}
