package dev.clickstream.console;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Where the producer puts a keyed record: Kafka's own {@link BuiltInPartitioner#partitionForKey} (murmur2 of the
 * key's bytes, modulo the partition count) over the key as the channels' {@code StringSerializer} writes it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PartitionPreview(String topic, String key, int partitions, int partition) {

    static PartitionPreview of(String topic, String key, int partitions) {
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        return new PartitionPreview(topic, key, partitions, BuiltInPartitioner.partitionForKey(bytes, partitions));
    }
}
