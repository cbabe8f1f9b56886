package dev.clickstream.faults;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** How far the processor's group, {@code analytics-group}, has committed on {@code raw_events}, and topic end offsets. */
final class GroupLag implements AutoCloseable {

    static final String GROUP = "analytics-group";

    private final Admin admin;

    GroupLag(String bootstrapServers) {
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000));
    }

    /** The group's committed offset of each partition of {@code raw_events} (0 where none was committed). */
    Map<TopicPartition, Long> committed() {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(GROUP)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            return ends().keySet().stream().collect(Collectors.toMap(tp -> tp,
                    tp -> offsets.get(tp) == null ? 0L : offsets.get(tp).offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the offsets of " + GROUP, e);
        }
    }

    /** The end offset of each partition of {@code raw_events}. */
    Map<TopicPartition, Long> ends() {
        return ends(RawProducer.RAW_EVENTS);
    }

    /** Records written to {@code topic} so far, over all partitions. */
    long endTotal(String topic) {
        return ends(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    private Map<TopicPartition, Long> ends(String topic) {
        try {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).get(topic).partitions().stream()
                    .map(info -> new TopicPartition(topic, info.partition()))
                    .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
            return admin.listOffsets(partitions).all().get(10, TimeUnit.SECONDS).entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot read the end offsets of " + topic, e);
        }
    }

    /** Records of {@code raw_events} not committed by the group yet. */
    long lag() {
        Map<TopicPartition, Long> committed = committed();
        return ends().entrySet().stream().mapToLong(end -> end.getValue() - committed.get(end.getKey())).sum();
    }

    /** Records committed so far, over all partitions. */
    long committedTotal() {
        return committed().values().stream().mapToLong(Long::longValue).sum();
    }

    @Override
    public void close() {
        admin.close();
    }
}
