package dev.clickstream.pipeline;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.errors.RetriableException;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Outgoing;

import dev.clickstream.kafka.Channels;
import dev.clickstream.model.ProcessedEvent;
import dev.clickstream.model.RawEvent;
import dev.clickstream.pipeline.UnprocessableEventException.Reason;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Reads {@code raw-events}, writes {@code processed-events}: keeps premium users' events and turns each into a
 * {@link ProcessedEvent} stamped with its raw record's Kafka timestamp, keyed by user.
 * <p>
 * Every message is settled: a kept event is acked when its processed record is acked by the broker; a dropped
 * event is acked at once, so the group's committed offset moves on even when no event is premium; an event that
 * cannot be processed is nacked with its reason, which sends it to {@code raw_events_dlq} and moves on. So is a kept
 * event whose transform throws, or whose processed record the broker refuses for good (too large, say): it is nacked
 * as {@code processing-failed}, counted, and the pipeline goes on. A processed record lost to a transient failure
 * (the broker away longer than the delivery timeout) leaves its raw event uncommitted, to be read again.
 */
@ApplicationScoped
public class PremiumEventProcessor {

    @Inject
    DeadLetterCounter deadLetters;

    @Incoming(Channels.RAW_EVENTS)
    @Outgoing(Channels.PROCESSED_EVENTS)
    public Multi<Message<ProcessedEvent>> process(Multi<Message<RawEvent>> rawEvents) {
        return rawEvents
                .filter(this::keepOrSettle)
                .map(this::toProcessedOrSettle)
                .filter(Optional::isPresent)
                .map(Optional::get);
    }

    /** True for an event that goes on; every other message is acked (dropped) or nacked (unprocessable) here. */
    private boolean keepOrSettle(Message<RawEvent> message) {
        Optional<UnprocessableEventException> problem = problemOf(message);
        if (problem.isPresent()) {
            Log.debugf("Dead-lettering a raw event: %s", problem.get().getMessage());
            deadLetters.count(problem.get().reason());
            message.nack(problem.get());
            return false;
        }
        if (PremiumEvents.isKept(message.getPayload())) {
            return true;
        }
        Log.debugf("Dropping non-premium event %s", message.getPayload().eventId());
        message.ack();
        return false;
    }

    /**
     * What makes a message unprocessable. Records that failed in {@link RawEventDeserializer} never get here: the
     * connector sends them to the dead-letter topic itself. Tombstones do, with a null payload.
     */
    static Optional<UnprocessableEventException> problemOf(Message<RawEvent> message) {
        if (message.getMetadata(IncomingKafkaRecordMetadata.class).isEmpty()) {
            return Optional.of(new UnprocessableEventException(Reason.PROCESSING_FAILED,
                    "no Kafka record metadata, so no record timestamp"));
        }
        if (message.getPayload() == null) {
            return Optional.of(new UnprocessableEventException(Reason.TOMBSTONE, "null value"));
        }
        return PremiumEvents.problemOf(message.getPayload())
                .map(problem -> new UnprocessableEventException(Reason.INVALID_EVENT, problem));
    }

    /** The processed message, whose failed send dead-letters the raw event; empty if the transform threw. */
    private Optional<Message<ProcessedEvent>> toProcessedOrSettle(Message<RawEvent> message) {
        RawEvent raw = message.getPayload();
        ProcessedEvent processed;
        try {
            long timestamp = message.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow().getTimestamp()
                    .toEpochMilli();
            processed = PremiumEvents.transform(raw, timestamp);
        } catch (RuntimeException e) {
            // Thrown inside the stream, this would end it for every later event.
            deadLetter(message, "transform failed: " + e);
            return Optional.empty();
        }
        return Optional.of(message.withPayload(processed)
                .addMetadata(OutgoingKafkaRecordMetadata.<String> builder().withKey(raw.user()).build())
                .withNack(failure -> isTransient(failure) ? leaveUncommitted(message, failure)
                        : deadLetter(message, "processed record not written: " + failure)));
    }

    /** A failure the broker may not repeat (it was away, a leader moved), unlike a record it can never take. */
    static boolean isTransient(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof RetriableException) {
                return true;
            }
        }
        return false;
    }

    /**
     * Settles nothing: the raw event's offset is not committed, so the commit strategy reports the channel unhealthy
     * after {@code throttled.unprocessed-record-max-age.ms}, liveness goes DOWN, and after a restart the event is read
     * again. The dead-letter topic is kept for events that can never be processed.
     */
    private CompletionStage<Void> leaveUncommitted(Message<RawEvent> message, Throwable failure) {
        Log.warnf("Processed record of raw event %s not written (%s): left uncommitted, read again after a restart",
                message.getPayload().eventId(), failure);
        return CompletableFuture.completedFuture(null);
    }

    private CompletionStage<Void> deadLetter(Message<RawEvent> message, String detail) {
        Log.warnf("Dead-lettering raw event %s: %s", message.getPayload().eventId(), detail);
        deadLetters.count(Reason.PROCESSING_FAILED);
        return message.nack(new UnprocessableEventException(Reason.PROCESSING_FAILED, detail));
    }
}
