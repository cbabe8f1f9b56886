package dev.clickstream.pipeline;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import dev.clickstream.kafka.Channels;
import dev.clickstream.model.ProcessedEvent;
import dev.clickstream.model.RawEvent;
import dev.clickstream.pipeline.UnprocessableEventException.Reason;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Reads {@code raw-events}, writes {@code processed-events}: keeps premium users' events and turns each into a
 * {@link ProcessedEvent} stamped with its raw record's Kafka timestamp, keyed by user.
 * <p>
 * The channel hands over each poll's records as one batch, in partition order; the pipeline turns a batch into its
 * processed messages in one step, and each of those goes to the broker as its own record. A batch is acked, and so
 * committed, when all its processed records are on the broker ({@link BatchSettlement}): dropped events need no
 * more, so the group's committed offset moves on even when no event is premium. A record that cannot be processed
 * (a tombstone, a poison pill that failed in {@link RawEventDeserializer}, an event the broker refuses in processed
 * form) is nacked with its reason, which sends it to {@code raw_events_dlq}, and the pipeline goes on. A processed
 * record lost to a transient failure (the broker away longer than the delivery timeout) leaves its batch
 * uncommitted, to be read again.
 */
@ApplicationScoped
public class PremiumEventProcessor {

    @Inject
    DeadLetterCounter deadLetters;

    @Inject
    EventOutcomes outcomes;

    @Inject
    PipelineMetrics metrics;

    @Incoming(Channels.RAW_EVENTS)
    @Outgoing(Channels.PROCESSED_EVENTS)
    public Multi<Message<ProcessedEvent>> process(Multi<KafkaRecordBatch<String, RawEvent>> batches) {
        return batches.onItem().transformToIterable(this::processBatch);
    }

    /** The processed messages of a batch's kept events, in order; every other record is settled with the batch. */
    List<Message<ProcessedEvent>> processBatch(KafkaRecordBatch<String, RawEvent> batch) {
        List<KafkaRecord<String, RawEvent>> records = batch.getRecords();
        BatchSettlement settlement = new BatchSettlement(batch);
        metrics.consumed(records.size());
        List<Message<ProcessedEvent>> processed = new ArrayList<>(records.size());
        for (KafkaRecord<String, RawEvent> record : records) {
            Optional<Throwable> problem = problemOf(record);
            if (problem.isPresent()) {
                Log.debugf("Dead-lettering a raw event: %s", problem.get().getMessage());
                settlement.deadLetter(record, problem.get());
            } else if (PremiumEvents.isKept(record.getPayload())) {
                outcomes.kept(record.getPayload().eventType());
                toProcessed(record, settlement).ifPresent(processed::add);
            } else {
                outcomes.dropped(record.getPayload().eventType());
                Log.debugf("Dropping non-premium event %s", record.getPayload().eventId());
            }
        }
        settlement.goneThrough();
        return processed;
    }

    /**
     * What makes a record unprocessable, counted as a dead letter: a record that failed in
     * {@link RawEventDeserializer} (counted there) carries the connector's failure headers and a null payload, as
     * does a tombstone without them. The headers are read only for a null payload: the connector copies a record's
     * headers when they are first read (about 0.2 s of CPU in a profiled drain of 1,000,000 raw events), and a
     * record with a payload was deserialized, whatever headers a producer gave it.
     */
    Optional<Throwable> problemOf(KafkaRecord<String, RawEvent> record) {
        RawEvent payload = record.getPayload();
        Optional<UnprocessableEventException> problem;
        if (payload != null) {
            problem = PremiumEvents.problemOf(payload)
                    .map(detail -> new UnprocessableEventException(Reason.INVALID_EVENT, detail));
        } else {
            Header failed = record.getHeaders().lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_DLQ);
            if (failed != null) {
                Header reason = record.getHeaders()
                        .lastHeader(DeserializationFailureHandler.DESERIALIZATION_FAILURE_REASON);
                return Optional.of(new RecordDeserializationException(
                        new TopicPartition(record.getTopic(), record.getPartition()), BatchSettlement.offsetOf(record),
                        reason == null ? null : new String(reason.value(), StandardCharsets.UTF_8), null));
            }
            problem = Optional.of(new UnprocessableEventException(Reason.TOMBSTONE, "null value"));
        }
        problem.ifPresent(p -> deadLetters.count(p.reason()));
        return problem.map(Throwable.class::cast);
    }

    /** The processed message of a kept event, whose failed send dead-letters it; empty if the transform threw. */
    private Optional<Message<ProcessedEvent>> toProcessed(KafkaRecord<String, RawEvent> record,
            BatchSettlement settlement) {
        RawEvent raw = record.getPayload();
        ProcessedEvent processed;
        try {
            processed = PremiumEvents.transform(raw, record.getTimestamp().toEpochMilli());
        } catch (RuntimeException e) {
            // Thrown inside the stream, this would end it for every later event.
            settlement.deadLetter(record, processingFailed(raw, "transform failed: " + e));
            return Optional.empty();
        }
        settlement.writing();
        Metadata metadata = Metadata.of(OutgoingKafkaRecordMetadata.<String> builder().withKey(raw.user()).build());
        // With tracing on, the connector gives each record of a batch its own receive span: the processed record's
        // send span continues it, so its trace is the raw event's.
        Optional<TracingMetadata> trace = record.getMetadata(TracingMetadata.class);
        if (trace.isPresent()) {
            metadata = metadata.with(trace.get());
        }
        return Optional.of(Message.of(processed, metadata,
                () -> {
                    metrics.processedAcked(processed.timestampProcessed());
                    return settlement.written();
                },
                failure -> notTheRecordsFault(failure) ? settlement.lost(record, failure)
                        : settlement.refused(record, processingFailed(raw, "processed record not written: " + failure))));
    }

    private UnprocessableEventException processingFailed(RawEvent raw, String detail) {
        Log.warnf("Dead-lettering raw event %s: %s", raw.eventId(), detail);
        deadLetters.count(Reason.PROCESSING_FAILED);
        return new UnprocessableEventException(Reason.PROCESSING_FAILED, detail);
    }

    /**
     * A failure that says nothing against the record, unlike a record the broker can never take: one the broker may
     * not repeat (it was away, a leader moved), or a missing ACL, which an operator grants. Its events stay
     * uncommitted instead of being dead-lettered.
     */
    static boolean notTheRecordsFault(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof AuthorizationException) {
                Log.errorf("Processed record refused, %s (%s): the service's principal lacks an ACL that the README "
                        + "lists (The ACLs the service needs); its raw events stay uncommitted", cause.getMessage(),
                        cause.getClass().getName());
                return true;
            }
            if (cause instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }
}
