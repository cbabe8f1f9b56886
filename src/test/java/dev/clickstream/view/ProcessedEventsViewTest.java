package dev.clickstream.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.clickstream.model.ProcessedEvent;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;

/** Which of a poll's records the view decodes, on records as the Kafka connector hands them over. */
class ProcessedEventsViewTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CAPACITY = 4;

    private final ProcessedEventsView view = new ProcessedEventsView(new ViewConfig() {
        @Override
        public int capacity() {
            return CAPACITY;
        }

        @Override
        public int defaultLimit() {
            return CAPACITY;
        }
    }, JSON);

    @Test
    void decodesOnlyThePollsRecordsWithTheLatestRecordTimestamps() throws Exception {
        view.onProcessed(batch(writtenOutOfTimeOrder())).toCompletableFuture().join();

        assertThat(view.newestRecords(CAPACITY)).extracting(r -> r.value().eventId())
                .containsExactly("b3", "b5", "b4", "b2");
        assertThat(view.newestRecords(CAPACITY)).first().satisfies(r -> {
            assertThat(r.partition()).isEqualTo(1);
            assertThat(r.offset()).isEqualTo(3);
            assertThat(r.key()).isEqualTo("USER");
            assertThat(r.timestamp()).isEqualTo(2_003);
        });
    }

    @Test
    void decodesOnlyTheLatestAgainOnceTheStreamsAreClosed() throws Exception {
        view.liveRecords().subscribe().with(record -> {
        }).cancel();

        view.onProcessed(batch(writtenOutOfTimeOrder())).toCompletableFuture().join();

        assertThat(view.newestRecords(CAPACITY)).extracting(r -> r.value().eventId())
                .containsExactly("b3", "b5", "b4", "b2");
    }

    /**
     * Partition 0 written before partition 1, although its events' times are later: 12 records, more than the
     * capacity, of which only partition 1's last four are to be decoded, shown in the order of their events' times.
     */
    private static List<ConsumerRecord<String, byte[]>> writtenOutOfTimeOrder() throws Exception {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            records.add(record(0, i, 1_000 + i, event(9_000 + i, "a" + i)));
            records.add(record(1, i, 2_000 + i, event(i == 3 ? 8_000 : 2_000 + i, "b" + i)));
        }
        return records;
    }

    @Test
    void streamsEveryRecordOfThePollWhileAStreamIsOpen() throws Exception {
        List<ProcessedRecord> streamed = new CopyOnWriteArrayList<>();
        Cancellable stream = view.liveRecords().subscribe().with(streamed::add);
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            records.add(record(i % 2, i / 2, 1_000 + i, event(1_000 + i, "e" + i)));
        }

        view.onProcessed(batch(records)).toCompletableFuture().join();
        stream.cancel();

        assertThat(streamed).hasSize(10);
        assertThat(view.newestRecords(10)).extracting(r -> r.value().eventId()).containsExactly("e9", "e8", "e7", "e6");
    }

    @Test
    void leavesOutTombstonesAndValuesThatAreNoProcessedEvent() throws Exception {
        List<ConsumerRecord<String, byte[]>> records = List.of(
                record(0, 0, 1_000, event(1_000, "kept")),
                record(0, 1, 2_000, null),
                record(0, 2, 3_000, "not json".getBytes(StandardCharsets.UTF_8)));

        view.onProcessed(batch(records)).toCompletableFuture().join();

        assertThat(view.newest(CAPACITY)).extracting(ProcessedEvent::eventId).containsExactly("kept");
    }

    private static byte[] event(long timestampProcessed, String id) throws Exception {
        return JSON.writeValueAsBytes(new ProcessedEvent("USER", "click", timestampProcessed, id));
    }

    private static ConsumerRecord<String, byte[]> record(int partition, long offset, long timestamp, byte[] value) {
        return new ConsumerRecord<>("processed_events", partition, offset, timestamp, TimestampType.CREATE_TIME,
                3, value == null ? -1 : value.length, "USER", value, new RecordHeaders(), Optional.empty());
    }

    private static Message<List<byte[]>> batch(List<ConsumerRecord<String, byte[]>> records) {
        Map<TopicPartition, List<ConsumerRecord<String, byte[]>>> byPartition = new java.util.LinkedHashMap<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            byPartition.computeIfAbsent(new TopicPartition(record.topic(), record.partition()),
                    partition -> new ArrayList<>()).add(record);
        }
        ConsumerRecords<String, byte[]> polled = new ConsumerRecords<>(byPartition, Map.of());
        List<byte[]> values = new ArrayList<>();
        polled.forEach(record -> values.add(record.value()));
        return Message.of(values, Metadata.of(
                new IncomingKafkaRecordBatchMetadata<>(polled, "processed-events-in", Map.of())));
    }
}
