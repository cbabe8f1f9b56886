package dev.clickstream.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Creates the benchmark's topics and fills the drain's input topic. */
final class BenchTopics implements AutoCloseable {

    /** As many partitions as the service declares for {@code raw_events} and {@code processed_events}. */
    static final int PARTITIONS = 3;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final String bootstrapServers;
    private final Admin admin;

    BenchTopics(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers));
    }

    void create(String... topics) throws ExecutionException, InterruptedException {
        admin.createTopics(List.of(topics).stream().map(name -> new NewTopic(name, PARTITIONS, (short) 1)).toList())
                .all().get();
    }

    /**
     * Writes events {@code 0..count-1} to {@code topic}, keyed by user, and returns each one's record timestamp
     * (set here, at send, so that the checks need not read them back).
     */
    long[] fill(String topic, InputEvents input, int count) throws JsonProcessingException {
        Map<String, Object> config = new LinkedHashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, "262144");
        config.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        long[] timestamps = new long[count];
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config, new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < count; i++) {
                timestamps[i] = System.currentTimeMillis();
                producer.send(new ProducerRecord<>(topic, null, timestamps[i], InputEvents.user(i),
                        MAPPER.writeValueAsBytes(input.event(i))), (metadata, failure) -> {
                            if (failure != null) {
                                firstFailure.compareAndSet(null, failure);
                            }
                        });
            }
            producer.flush();
        }
        if (firstFailure.get() != null) {
            throw new IllegalStateException("filling " + topic + " failed", firstFailure.get());
        }
        return timestamps;
    }

    @Override
    public void close() {
        admin.close();
    }
}
