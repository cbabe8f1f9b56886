package dev.clickstream.pipeline;

import static dev.clickstream.testing.PolledBatch.record;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.clickstream.kafka.Channels;
import dev.clickstream.model.ProcessedEvent;
import dev.clickstream.model.RawEvent;
import dev.clickstream.pipeline.UnprocessableEventException.Reason;
import dev.clickstream.testing.PolledBatch;
import dev.clickstream.testing.PolledBatch.Position;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.DeserializationFailureHandler;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;
import io.smallrye.reactive.messaging.memory.InMemorySource;

/** The processor wired into its channels, on the in-memory connector; its settling rules are in BatchSettlementTest. */
@QuarkusTest
class PremiumEventProcessorTest {

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Inject
    DeadLetterCounter deadLetters;

    private InMemorySource<KafkaRecordBatch<String, RawEvent>> raw;
    private InMemorySink<ProcessedEvent> processed;

    @BeforeEach
    void channels() {
        raw = connector.source(Channels.RAW_EVENTS);
        processed = connector.sink(Channels.PROCESSED_EVENTS);
        processed.clear();
    }

    @Test
    void turnsAPremiumEventIntoAProcessedOneStampedWithTheRecordTimestampAndKeyedByUser() {
        raw.send(PolledBatch.of(List.of(record(0, 0, 1_732_712_345_678L,
                new RawEvent("alice", true, "click", "e-1")))).batch());

        await().until(() -> processed.received().size() == 1);
        Message<ProcessedEvent> out = processed.received().get(0);
        assertThat(out.getPayload()).isEqualTo(new ProcessedEvent("ALICE", "click", 1_732_712_345_678L, "e-1"));
        assertThat(out.getMetadata(OutgoingKafkaRecordMetadata.class)).get()
                .extracting(OutgoingKafkaRecordMetadata::getKey).isEqualTo("alice");
    }

    @Test
    void keepsPremiumEventsInOrderAndAcksTheBatchOnceTheyAreWritten() {
        PolledBatch batch = PolledBatch.of(List.of(
                record(0, 10, 1L, new RawEvent("alice", true, "click", "o-1")),
                record(0, 11, 2L, new RawEvent("alice", false, "scroll", "o-2")),
                record(0, 12, 3L, new RawEvent("alice", true, "purchase", "o-3")),
                record(1, 20, 4L, new RawEvent("bob", false, "click", "o-4"))));

        raw.send(batch.batch());

        // The in-memory sink acks what it receives, as the Kafka sink does once the broker acked.
        await().until(() -> batch.acked().size() == 2);
        assertThat(processed.received()).extracting(m -> m.getPayload().eventId()).containsExactly("o-1", "o-3");
        assertThat(batch.acked()).containsExactlyInAnyOrder(new Position(0, 12), new Position(1, 20));
        assertThat(batch.deadLettered()).isEmpty();
    }

    @Test
    void deadLettersUnprocessableRecordsCountsThemAndGoesOn() {
        long tombstones = deadLetters.total(Reason.TOMBSTONE);
        long invalid = deadLetters.total(Reason.INVALID_EVENT);
        PolledBatch batch = PolledBatch.of(List.of(
                record(0, 0, 1L, null),
                PolledBatch.failedToDeserialize(0, 1, "malformed-json: Unexpected end-of-input"),
                record(0, 2, 2L, new RawEvent("u".repeat(65), true, "click", "too-long")),
                record(0, 3, 3L, new RawEvent("diana", true, "click", "good"))));

        raw.send(batch.batch());

        await().until(() -> processed.received().size() == 1 && batch.acked().contains(new Position(0, 3)));
        assertThat(batch.deadLettered()).containsOnlyKeys(new Position(0, 0), new Position(0, 1), new Position(0, 2));
        assertThat(deadLetters.total(Reason.TOMBSTONE)).isEqualTo(tombstones + 1);
        assertThat(batch.deadLettered().get(new Position(0, 2)))
                .hasMessage("invalid-event: user must be at most 64 characters");
        assertThat(deadLetters.total(Reason.INVALID_EVENT)).isEqualTo(invalid + 1);
    }

    @Test
    void readsFailureHeadersOnlyOfRecordsWithoutAPayload() {
        // A producer's header cannot pass a deserialized event off as a poison pill.
        RecordHeaders forged = new RecordHeaders();
        forged.add(DeserializationFailureHandler.DESERIALIZATION_FAILURE_DLQ, "true".getBytes(StandardCharsets.UTF_8));
        PolledBatch batch = PolledBatch.of(List.of(new ConsumerRecord<>("raw_events", 0, 30, 5L,
                TimestampType.CREATE_TIME, 0, 0, "erin", new RawEvent("erin", true, "click", "h-1"), forged,
                Optional.empty())));

        raw.send(batch.batch());

        await().until(() -> batch.acked().contains(new Position(0, 30)));
        assertThat(processed.received()).extracting(m -> m.getPayload().eventId()).containsExactly("h-1");
        assertThat(batch.deadLettered()).isEmpty();
    }
}
