package dev.clickstream.pipeline;

import static dev.clickstream.testing.PolledBatch.failedToDeserialize;
import static dev.clickstream.testing.PolledBatch.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import dev.clickstream.model.ProcessedEvent;
import dev.clickstream.model.RawEvent;
import dev.clickstream.pipeline.UnprocessableEventException.Reason;
import dev.clickstream.testing.PolledBatch;
import dev.clickstream.testing.PolledBatch.Position;

/**
 * How {@link PremiumEventProcessor} settles a polled batch: what it acks (the connector commits up to it), what it
 * dead-letters, and when. The Kafka sink's part is played by acking or nacking the processed messages by hand.
 */
class BatchSettlementTest {

    private final PremiumEventProcessor processor = StandaloneProcessor.create();

    @Test
    void readsAPolledRecordsOffsetFromTheConnectorsMetadata() {
        PolledBatch batch = PolledBatch.of(List.of(record(1, 42, 1L, premium("alice", "a-1"))));

        assertThat(BatchSettlement.offsetOf(batch.batch().getRecords().get(0))).isEqualTo(42L);
    }

    @Test
    void acksTheLastRecordOfEachPartitionOnlyOnceEveryKeptEventIsWritten() {
        PolledBatch batch = PolledBatch.of(List.of(
                record(0, 0, 1L, premium("alice", "a-1")),
                record(0, 1, 2L, new RawEvent("bob", false, "click", "b-1")),
                record(1, 0, 3L, premium("charlie", "c-1")),
                record(1, 1, 4L, premium("charlie", "c-2"))));

        List<Message<ProcessedEvent>> out = processor.processBatch(batch.batch());

        assertThat(out).extracting(m -> m.getPayload().eventId()).containsExactly("a-1", "c-1", "c-2");
        out.get(2).ack();
        out.get(0).ack();
        assertThat(batch.acked()).isEmpty();
        assertThat(out.get(1).ack()).as("the sink's ack is answered").succeedsWithin(Duration.ZERO);
        assertThat(batch.acked()).containsExactlyInAnyOrder(new Position(0, 1), new Position(1, 1));
    }

    @Test
    void acksABatchWithoutPremiumEventsAtOnce() {
        PolledBatch batch = PolledBatch.of(List.of(
                record(2, 7, 1L, new RawEvent("bob", false, "click", "b-1")),
                record(2, 8, 2L, new RawEvent("diana", false, "scroll", "d-1"))));

        assertThat(processor.processBatch(batch.batch())).isEmpty();
        assertThat(batch.acked()).containsExactly(new Position(2, 8));
    }

    @Test
    void deadLettersUnprocessableRecordsWithTheirReasons() {
        PolledBatch batch = PolledBatch.of(List.of(
                record(0, 0, 1L, new RawEvent(null, true, "click", "bad-1")),
                record(0, 1, 2L, null),
                failedToDeserialize(0, 2, "malformed-json: Unexpected end-of-input"),
                record(0, 3, 4L, new RawEvent("diana", true, " ", "bad-2")),
                record(0, 4, 5L, premium("diana", "good"))));

        List<Message<ProcessedEvent>> out = processor.processBatch(batch.batch());

        assertThat(out).extracting(m -> m.getPayload().eventId()).containsExactly("good");
        assertThat(batch.deadLettered()).hasSize(4);
        assertThat(batch.deadLettered().get(new Position(0, 0))).isInstanceOf(UnprocessableEventException.class)
                .hasMessage("invalid-event: user is required");
        assertThat(batch.deadLettered().get(new Position(0, 1))).hasMessage("tombstone: null value");
        assertThat(batch.deadLettered().get(new Position(0, 2))).isInstanceOf(RecordDeserializationException.class)
                .hasMessage("malformed-json: Unexpected end-of-input");
        assertThat(batch.deadLettered().get(new Position(0, 3))).hasMessage("invalid-event: event_type must not be blank");
        assertThat(processor.deadLetters.total(Reason.INVALID_EVENT)).isEqualTo(2);
        assertThat(processor.deadLetters.total(Reason.TOMBSTONE)).isEqualTo(1);
        // Counted where it failed, in RawEventDeserializer.
        assertThat(processor.deadLetters.total(Reason.MALFORMED_JSON)).isZero();
        assertThat(batch.acked()).doesNotContain(new Position(0, 4));
        out.get(0).ack();
        assertThat(batch.acked()).contains(new Position(0, 4));
    }

    @Test
    void deadLettersThePartitionsLastRecordOnlyOnceTheEventsBeforeItAreWritten() {
        // Dead-lettered, a record is acked, and for a partition's last record that commits the ones before it.
        PolledBatch batch = PolledBatch.of(List.of(
                record(0, 0, 1L, premium("alice", "a-1")),
                failedToDeserialize(0, 1, "malformed-json: Unexpected character")));

        List<Message<ProcessedEvent>> out = processor.processBatch(batch.batch());

        assertThat(batch.deadLettered()).isEmpty();
        assertThat(batch.acked()).isEmpty();
        out.get(0).ack();
        assertThat(batch.deadLettered()).containsOnlyKeys(new Position(0, 1));
        assertThat(batch.acked()).containsExactly(new Position(0, 1));
    }

    @Test
    void settlesTheBatchOnlyOnceItsDeadLettersAreWritten() {
        PolledBatch batch = aDeadLetterHeldAndAKeptEventWritten();

        batch.writeDeadLetters();
        assertThat(batch.acked()).containsExactly(new Position(0, 0), new Position(0, 1));
    }

    @Test
    void leavesTheBatchUncommittedWhenAProcessedRecordIsLostToATransientFailure() {
        PolledBatch batch = twoPremiumEventsOfOnePartition();

        List<Message<ProcessedEvent>> out = processor.processBatch(batch.batch());
        sendFailed(out.get(0), new TimeoutException("Expiring 1 record(s): 10000 ms has passed since batch creation"));
        out.get(1).ack();

        assertThat(batch.acked()).isEmpty();
        assertThat(batch.deadLettered()).isEmpty();
    }

    @Test
    void leavesTheBatchUncommittedWhenADeadLetterCannotBeWritten() {
        PolledBatch batch = aDeadLetterHeldAndAKeptEventWritten();

        batch.failDeadLetters(new TimeoutException("raw_events_dlq not written"));
        assertThat(batch.acked()).isEmpty();
    }

    @Test
    void deadLettersAPartitionsLastRecordWhoseProcessedRecordTheBrokerRefusesOnceTheRestIsWritten() {
        PolledBatch batch = twoPremiumEventsOfOnePartition();

        List<Message<ProcessedEvent>> out = processor.processBatch(batch.batch());
        sendFailed(out.get(1), new RecordTooLargeException("over max.request.size"));

        assertThat(batch.deadLettered()).isEmpty();
        out.get(0).ack();
        assertThat(batch.deadLettered()).containsOnlyKeys(new Position(0, 1));
        assertThat(batch.acked()).containsExactly(new Position(0, 1));
    }

    @Test
    void deadLettersAKeptEventWhoseProcessedRecordTheBrokerRefusesAndSettlesTheRest() {
        PolledBatch batch = twoPremiumEventsOfOnePartition();

        List<Message<ProcessedEvent>> out = processor.processBatch(batch.batch());
        out.get(1).ack();
        sendFailed(out.get(0), new RecordTooLargeException("over max.request.size"));

        assertThat(batch.deadLettered()).containsOnlyKeys(new Position(0, 0));
        assertThat(batch.deadLettered().get(new Position(0, 0)))
                .hasMessageStartingWith("processing-failed: processed record not written");
        assertThat(batch.acked()).contains(new Position(0, 1));
        assertThat(processor.deadLetters.total(Reason.PROCESSING_FAILED)).isEqualTo(1);
    }

    /** Nacks a processed message as the Kafka sink does when its send failed; the nack must be answered. */
    private static void sendFailed(Message<ProcessedEvent> message, Throwable failure) {
        assertThat(message.nack(failure)).as("the sink's nack is answered").succeedsWithin(Duration.ZERO);
    }

    /** A poison pill whose dead letter is held back, then a kept event whose processed record is written. */
    private PolledBatch aDeadLetterHeldAndAKeptEventWritten() {
        PolledBatch batch = PolledBatch.withDeadLettersHeld(List.of(
                failedToDeserialize(0, 0, "malformed-json: Unexpected character"),
                record(0, 1, 2L, premium("alice", "a-1"))));

        processor.processBatch(batch.batch()).get(0).ack();

        assertThat(batch.deadLettered()).containsOnlyKeys(new Position(0, 0));
        assertThat(batch.acked()).isEmpty();
        return batch;
    }

    private static PolledBatch twoPremiumEventsOfOnePartition() {
        return PolledBatch.of(List.of(
                record(0, 0, 1L, premium("alice", "a-1")),
                record(0, 1, 2L, premium("alice", "a-2"))));
    }

    private static RawEvent premium(String user, String eventId) {
        return new RawEvent(user, true, "click", eventId);
    }
}
