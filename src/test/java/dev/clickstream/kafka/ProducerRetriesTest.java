package dev.clickstream.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
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
        Map<String, Object> given = producer(Map.of("retries", "0", "enable.idempotence", "true"));
        Map<String, Object> expected = new HashMap<>(given);
        expected.remove(ProducerConfig.RETRIES_CONFIG);

        Map<String, Object> config = customizer.customize("processed-events", null, new HashMap<>(given));

        assertThat(config).as("retries left out, every other setting as given").isEqualTo(expected);
        // The producer Kafka builds from it retries until the delivery timeout, as an idempotent one must.
        Map<String, Object> withSerializers = new HashMap<>(config);
        withSerializers.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        withSerializers.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        ProducerConfig effective = new ProducerConfig(withSerializers);
        assertThat(effective.getInt(ProducerConfig.RETRIES_CONFIG)).isEqualTo(Integer.MAX_VALUE);
        assertThat(effective.getBoolean(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG)).isTrue();
        assertThatCode(() -> new KafkaProducer<>(config, new StringSerializer(), new StringSerializer()).close())
                .doesNotThrowAnyException();
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
