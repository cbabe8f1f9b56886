package dev.clickstream.testing;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Offsets of a topic's partitions, as the broker reports them, ordered by partition. */
public final class Offsets {

    private Offsets() {
    }

    /** Each partition's end offset: the offset the next record will get. */
    public static Map<TopicPartition, Long> ends(KafkaCompanion kafka, String topic) {
        return list(kafka, topic, OffsetSpec.latest());
    }

    /** Each partition's log start offset: the oldest offset retention has kept. */
    public static Map<TopicPartition, Long> starts(KafkaCompanion kafka, String topic) {
        return list(kafka, topic, OffsetSpec.earliest());
    }

    /** The group's committed offset of each partition of {@code topic}; 0 where it committed nothing yet. */
    public static Map<TopicPartition, Long> committed(KafkaCompanion kafka, String group, String topic) {
        Map<TopicPartition, OffsetAndMetadata> offsets = kafka.consumerGroups().offsets(group);
        return partitions(kafka, topic).stream().collect(Collectors.toMap(p -> p,
                p -> offsets.get(p) == null ? 0L : offsets.get(p).offset(), (a, b) -> a, Offsets::byPartition));
    }

    /** Records of {@code topic} the group has not committed yet, over all partitions. */
    public static long lag(KafkaCompanion kafka, String group, String topic) {
        return total(ends(kafka, topic)) - total(committed(kafka, group, topic));
    }

    /** The sum over partitions. */
    public static long total(Map<TopicPartition, Long> offsets) {
        return offsets.values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<TopicPartition, Long> list(KafkaCompanion kafka, String topic, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = partitions(kafka, topic).stream()
                .collect(Collectors.toMap(p -> p, p -> spec));
        return kafka.offsets().list(request).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset(), (a, b) -> a,
                        Offsets::byPartition));
    }

    private static List<TopicPartition> partitions(KafkaCompanion kafka, String topic) {
        return kafka.topics().describe(topic).get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition()))
                .toList();
    }

    private static TreeMap<TopicPartition, Long> byPartition() {
        return new TreeMap<>((a, b) -> a.topic().equals(b.topic()) ? Integer.compare(a.partition(), b.partition())
                : a.topic().compareTo(b.topic()));
    }
}
