package dev.clickstream.faults;

import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import dev.clickstream.testing.Offsets;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** How far the processor's group, {@code analytics-group}, has committed on {@code raw_events} ({@link Offsets}). */
public final class GroupLag implements AutoCloseable {

    public static final String GROUP = "analytics-group";

    private final KafkaCompanion kafka;

    public GroupLag(String bootstrapServers) {
        kafka = new KafkaCompanion(bootstrapServers);
    }

    /** The group's committed offset of each partition of {@code raw_events} (0 where none was committed). */
    public Map<TopicPartition, Long> committed() {
        return Offsets.committed(kafka, GROUP, RawProducer.RAW_EVENTS);
    }

    /** Records written to {@code topic} so far, over all partitions. */
    public long endTotal(String topic) {
        return Offsets.total(Offsets.ends(kafka, topic));
    }

    /** Records of {@code raw_events} not committed by the group yet. */
    public long lag() {
        return Offsets.lag(kafka, GROUP, RawProducer.RAW_EVENTS);
    }

    /** Records committed so far, over all partitions. */
    public long committedTotal() {
        return Offsets.total(committed());
    }

    @Override
    public void close() {
        kafka.close();
    }
}
