package dev.clickstream.pipeline;

import java.util.Optional;

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
 * cannot be processed is nacked with its reason, which sends it to {@code raw_events_dlq} and moves on.
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
                .map(PremiumEventProcessor::toProcessed);
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

    private static Message<ProcessedEvent> toProcessed(Message<RawEvent> message) {
        RawEvent raw = message.getPayload();
        long timestamp = message.getMetadata(IncomingKafkaRecordMetadata.class).orElseThrow().getTimestamp()
                .toEpochMilli();
        return message.withPayload(PremiumEvents.transform(raw, timestamp))
                .addMetadata(OutgoingKafkaRecordMetadata.<String> builder().withKey(raw.user()).build());
    }
}
