package dev.clickstream.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import dev.clickstream.kafka.Channels;
import dev.clickstream.model.RawEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.commit.KafkaCommitHandler;
import io.smallrye.reactive.messaging.kafka.fault.KafkaFailureHandler;

/**
 * One poll's records of {@code raw_events} as the Kafka connector hands them to the processor with
 * {@code batch=true}, with a commit strategy and a dead-letter strategy that note what they are given: which
 * records were acked (the connector commits up to those) and which were dead-lettered, and why. As the real
 * dead-letter strategy does once it has written a record, the noting one then acks it; it can be told to hold the
 * writes back.
 */
public final class PolledBatch {

    /** Where a record is: its partition of {@code raw_events} and its offset there. */
    public record Position(int partition, long offset) {
    }

    private final IncomingKafkaRecordBatch<String, RawEvent> batch;
    private final List<Position> acked = new CopyOnWriteArrayList<>();
    private final Map<Position, Throwable> deadLettered = new ConcurrentHashMap<>();
    private final CompletableFuture<Void> deadLettersWritten = new CompletableFuture<>();

    private PolledBatch(List<ConsumerRecord<String, RawEvent>> records, boolean noting) {
        this(records, noting, true);
    }

    private PolledBatch(List<ConsumerRecord<String, RawEvent>> records, boolean noting, boolean writeDeadLetters) {
        Map<TopicPartition, List<ConsumerRecord<String, RawEvent>>> byPartition = new LinkedHashMap<>();
        for (ConsumerRecord<String, RawEvent> record : records) {
            byPartition.computeIfAbsent(new TopicPartition(record.topic(), record.partition()),
                    partition -> new ArrayList<>()).add(record);
        }
        KafkaCommitHandler commits = new KafkaCommitHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record) {
                if (noting) {
                    acked.add(new Position(record.getPartition(), record.getOffset()));
                }
                return Uni.createFrom().voidItem();
            }
        };
        KafkaFailureHandler deadLetters = new KafkaFailureHandler() {
            @Override
            public <K, V> Uni<Void> handle(IncomingKafkaRecord<K, V> record, Throwable reason, Metadata metadata) {
                deadLettered.put(new Position(record.getPartition(), record.getOffset()), reason);
                return Uni.createFrom().completionStage(deadLettersWritten.thenCompose(written -> record.ack()));
            }
        };
        if (writeDeadLetters) {
            deadLettersWritten.complete(null);
        }
        this.batch = new IncomingKafkaRecordBatch<>(new ConsumerRecords<>(byPartition, Map.of()), Channels.RAW_EVENTS,
                0, commits, deadLetters, false, false);
    }

    /** A batch of these records, grouped by partition as a poll returns them. */
    public static PolledBatch of(List<ConsumerRecord<String, RawEvent>> records) {
        return new PolledBatch(records, true);
    }

    /**
     * A batch whose dead letters are not written (nor acked after) until {@link #writeDeadLetters}, as when the
     * dead-letter topic's broker is slow to answer.
     */
    public static PolledBatch withDeadLettersHeld(List<ConsumerRecord<String, RawEvent>> records) {
        return new PolledBatch(records, true, false);
    }

    /** Lets the held dead letters be written, each then acked. */
    public void writeDeadLetters() {
        deadLettersWritten.complete(null);
    }

    /** Fails the held dead letters' writes, as when the dead-letter topic's broker stays away. */
    public void failDeadLetters(Throwable failure) {
        deadLettersWritten.completeExceptionally(failure);
    }

    /** A batch that notes nothing, for a benchmark that hands the same batches over and over. */
    public static KafkaRecordBatch<String, RawEvent> unnoted(List<ConsumerRecord<String, RawEvent>> records) {
        return new PolledBatch(records, false).batch;
    }

    /** A record of {@code raw_events} as the connector's deserializer returns it: keyed by user (null for none). */
    public static ConsumerRecord<String, RawEvent> record(int partition, long offset, long timestamp, RawEvent event) {
        return new ConsumerRecord<>("raw_events", partition, offset, timestamp, TimestampType.CREATE_TIME, 0, 0,
                event == null ? null : event.user(), event, new RecordHeaders(), Optional.empty());
    }

    /** A record whose value failed to deserialize: a null value with the connector's failure headers. */
    public static ConsumerRecord<String, RawEvent> failedToDeserialize(int partition, long offset, String reason) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeserializationFailureHandler.DESERIALIZATION_FAILURE_DLQ, "true".getBytes(StandardCharsets.UTF_8));
        headers.add(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON,
                reason.getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>("raw_events", partition, offset, 0L, TimestampType.CREATE_TIME, 0, 0, null, null,
                headers, Optional.empty());
    }

    public KafkaRecordBatch<String, RawEvent> batch() {
        return batch;
    }

    /** The records acked so far, in the order they were acked. */
    public List<Position> acked() {
        return List.copyOf(acked);
    }

    /** The records dead-lettered so far, with the reason each was nacked with. */
    public Map<Position, Throwable> deadLettered() {
        return Map.copyOf(deadLettered);
    }
}
