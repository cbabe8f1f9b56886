package dev.clickstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.clickstream.kafka.Channels;
import dev.clickstream.model.ProcessedEvent;
import dev.clickstream.model.RawEvent;
import dev.clickstream.pipeline.UnprocessableEventException.Reason;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.smallrye.reactive.messaging.memory.InMemorySource;

@QuarkusTest
class PremiumEventProcessorTest {

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    DeadLetterCounter deadLetters;

    private InMemorySource<Message<RawEvent>> raw;
    private InMemorySink<ProcessedEvent> processed;

    @BeforeEach
    void channels() {
        raw = connector.source(Channels.RAW_EVENTS);
        processed = connector.sink(Channels.PROCESSED_EVENTS);
        processed.clear();
    }

    @Test
    void turnsAPremiumEventIntoAProcessedOneStampedWithTheRecordTimestamp() {
        Tracked alice = new Tracked(new RawEvent("alice", true, "click", "e-1"), 1_732_712_345_678L);

        raw.send(alice.message);

        await().until(() -> processed.received().size() == 1);
        Message<ProcessedEvent> out = processed.received().get(0);
        assertThat(out.getPayload()).isEqualTo(new ProcessedEvent("ALICE", "click", 1_732_712_345_678L, "e-1"));
        assertThat(out.getMetadata(OutgoingKafkaRecordMetadata.class)).get()
                .extracting(OutgoingKafkaRecordMetadata::getKey).isEqualTo("alice");
    }

    @Test
    void acksAKeptEventWhenItsProcessedRecordIsAcked() {
        Tracked alice = new Tracked(new RawEvent("alice", true, "scroll", "e-2"), 5L);

        raw.send(alice.message);

        // The in-memory sink acks what it receives, as the Kafka sink does once the broker acked.
        await().until(() -> alice.acked.get());
        assertThat(processed.received()).hasSize(1);
    }

    @Test
    void dropsNonPremiumEventsAndAcksThemAtOnce() {
        Tracked bob = new Tracked(new RawEvent("bob", false, "click", "e-3"), 7L);
        Tracked charlie = new Tracked(new RawEvent("charlie", true, "purchase", "e-4"), 8L);

        raw.send(bob.message);
        raw.send(charlie.message);

        await().until(() -> processed.received().size() == 1);
        assertThat(processed.received()).extracting(Message::getPayload).extracting(ProcessedEvent::eventId)
                .containsExactly("e-4");
        assertThat(bob.acked).isTrue();
        assertThat(bob.nacked.get()).isNull();
    }

    @Test
    void nacksUnprocessableEventsAndGoesOn() {
        Tracked missingUser = new Tracked(new RawEvent(null, true, "click", "bad-1"), 1L);
        Tracked tombstone = new Tracked(null, 2L);
        Message<RawEvent> withoutKafkaMetadata = Message.of(new RawEvent("diana", true, "click", "bad-3"));
        Tracked good = new Tracked(new RawEvent("diana", true, "click", "good"), 3L);

        raw.send(missingUser.message);
        raw.send(tombstone.message);
        raw.send(withoutKafkaMetadata);
        raw.send(good.message);

        await().until(() -> processed.received().size() == 1);
        assertThat(processed.received().get(0).getPayload().eventId()).isEqualTo("good");
        assertThat(missingUser.nacked.get()).isInstanceOf(UnprocessableEventException.class)
                .hasMessage("invalid-event: missing user");
        assertThat(tombstone.nacked.get()).hasMessage("tombstone: null value");
        assertThat(missingUser.acked).isFalse();
    }

    @Test
    void countsWhatItDeadLetters() {
        long tombstones = deadLetters.total(Reason.TOMBSTONE);
        long malformed = deadLetters.total(Reason.MALFORMED_JSON);

        raw.send(new Tracked(null, 4L).message);
        // Records that fail deserialization are counted where they fail.
        assertThatThrownBy(() -> new RawEventDeserializer().deserialize("raw_events", "{".getBytes()))
                .isInstanceOf(UnprocessableEventException.class);

        await().until(() -> deadLetters.total(Reason.TOMBSTONE) == tombstones + 1);
        assertThat(deadLetters.total(Reason.MALFORMED_JSON)).isEqualTo(malformed + 1);
    }

    @Test
    void keepsTheOrderOfEvents() {
        List<Tracked> events = List.of(
                new Tracked(new RawEvent("alice", true, "click", "o-1"), 1L),
                new Tracked(new RawEvent("alice", true, "scroll", "o-2"), 2L),
                new Tracked(new RawEvent("alice", false, "scroll", "o-3"), 3L),
                new Tracked(new RawEvent("alice", true, "purchase", "o-4"), 4L));

        events.forEach(event -> raw.send(event.message));

        await().until(() -> processed.received().size() == 3);
        assertThat(processed.received()).extracting(m -> m.getPayload().eventId()).containsExactly("o-1", "o-2", "o-4");
    }

    /** A raw event as the Kafka connector would deliver it, recording whether it was acked or nacked. */
    private static final class Tracked {
        final AtomicBoolean acked = new AtomicBoolean();
        final AtomicReference<Throwable> nacked = new AtomicReference<>();
        final Message<RawEvent> message;

        Tracked(RawEvent event, long timestamp) {
            ConsumerRecord<String, RawEvent> record = new ConsumerRecord<>("raw_events", 0, timestamp, timestamp,
                    TimestampType.CREATE_TIME, 0, 0, event == null ? null : event.user(), event, new RecordHeaders(),
                    Optional.empty());
            message = Message.of(event, Metadata.of(new IncomingKafkaRecordMetadata<>(record, Channels.RAW_EVENTS)),
                    () -> {
                        acked.set(true);
                        return CompletableFuture.completedFuture(null);
                    },
                    failure -> {
                        nacked.set(failure);
                        return CompletableFuture.completedFuture(null);
                    });
        }
    }
}
