package dev.clickstream.pipeline;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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
 * event whose transform throws, or whose processed record the broker refuses for good (the producer gave up on it):
 * it is nacked as {@code processing-failed}, counted, and the pipeline goes on.
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
                .withNack(failure -> deadLetter(message, "processed record not written: " + failure)));
    }

    private CompletionStage<Void> deadLetter(Message<RawEvent> message, String detail) {
        Log.warnf("Dead-lettering raw event %s: %s", message.getPayload().eventId(), detail);
        deadLetters.count(Reason.PROCESSING_FAILED);
        return message.nack(new UnprocessableEventException(Reason.PROCESSING_FAILED, detail));
    }
}
