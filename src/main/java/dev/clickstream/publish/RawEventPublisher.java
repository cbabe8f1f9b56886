package dev.clickstream.publish;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

import dev.clickstream.kafka.Channels;
import dev.clickstream.model.RawEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.OutgoingMessageMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Owns the {@code raw-events-out} emitter: writes raw events to {@code raw_events}, keyed by user, and completes
 * only once the broker acked each one (or fails after {@code clickstream.publish.ack-timeout}).
 */
@ApplicationScoped
public class RawEventPublisher {

    @Inject
    @Channel(Channels.RAW_EVENTS_OUT)
    MutinyEmitter<RawEvent> emitter;

    @Inject
    PublishConfig config;

    /** Publishes one event, which must already carry its {@code event_id}. */
    public Uni<PublishedEvent> publish(RawEvent event) {
        OutgoingMessageMetadata<RecordMetadata> result = new OutgoingMessageMetadata<>();
        Message<RawEvent> message = Message.of(event, Metadata.of(
                OutgoingKafkaRecordMetadata.<String> builder().withKey(event.user()).build(), result));
        // deferred: an emitter whose buffer is full throws at once; that becomes a failure of this Uni.
        return Uni.createFrom().deferred(() -> emitter.sendMessage(message))
                .ifNoItem().after(config.ackTimeout()).fail()
                .onFailure().transform(failure -> new PublishFailedException(
                        "event " + event.eventId() + " was not acked by the broker: " + failure, failure))
                .map(ignored -> receipt(event, result.getResult()));
    }

    /** Publishes all events, completing when every one was acked; fails if any one fails. */
    public Uni<List<PublishedEvent>> publishAll(List<RawEvent> events) {
        return Uni.join().all(events.stream().map(this::publish).toList()).andCollectFailures()
                .onFailure().transform(failure -> failure instanceof PublishFailedException ? failure
                        : new PublishFailedException(failure.getMessage(), failure));
    }

    private static PublishedEvent receipt(RawEvent event, RecordMetadata record) {
        // In-memory channels (tests) have no broker and so no record metadata.
        return record == null ? new PublishedEvent(event.eventId(), -1, -1)
                : new PublishedEvent(event.eventId(), record.partition(), record.offset());
    }
}
