package dev.clickstream.view;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import dev.clickstream.kafka.Channels;
import dev.clickstream.model.ProcessedEvent;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;

/**
 * Reads {@code processed-events-in}, a poll at a time: keeps the newest processed records (by
 * {@code timestamp_processed}) with their partition, offset, key and timestamp, for {@code GET /events/processed}
 * and the console's feed, and broadcasts each one live to every stream subscriber.
 * <p>
 * The records come as bytes and only those the view can use are decoded: with no stream open, the
 * {@link ViewConfig#capacity()} records of a poll with the latest record timestamps (a record's timestamp is when
 * it was written, so these hold the newest events), and every record while a stream is open. When it decoded every
 * record, the view took about a sixth of the service's profile samples in a drain; 12 % since
 * (src/site/benchmarks.md).
 */
@ApplicationScoped
public class ProcessedEventsView {

    static final int LIVE_BUFFER = 1024;

    private static final Comparator<ConsumerRecord<String, byte[]>> LATEST_FIRST = Comparator
            .comparingLong((ConsumerRecord<String, byte[]> record) -> record.timestamp()).reversed();
    private static final Comparator<ConsumerRecord<String, byte[]>> IN_POLL_ORDER = Comparator
            .comparingInt((ConsumerRecord<String, byte[]> record) -> record.partition())
            .thenComparingLong(ConsumerRecord::offset);

    private final RecentEvents<ProcessedRecord> recent;
    private final BroadcastProcessor<ProcessedRecord> live = BroadcastProcessor.create();
    private final AtomicInteger streams = new AtomicInteger();
    private final ObjectReader reader;

    @Inject
    public ProcessedEventsView(ViewConfig config, ObjectMapper json) {
        this.recent = new RecentEvents<>(config.capacity(), record -> record.value().timestampProcessed());
        this.reader = json.readerFor(ProcessedEvent.class);
    }

    /** Each poll's processed records at once (the channel is a batch channel); acked as read, nothing commits. */
    @Incoming(Channels.PROCESSED_EVENTS_IN)
    public CompletionStage<Void> onProcessed(Message<List<byte[]>> batch) {
        List<ProcessedRecord> records = records(batch);
        Log.debugf("%d processed events decoded", records.size());
        recent.addAll(records);
        records.forEach(live::onNext);
        return batch.ack();
    }

    /**
     * The batch's records to keep or stream, decoded, with their Kafka metadata (which the in-memory connector does
     * not have).
     */
    @SuppressWarnings("unchecked")
    private List<ProcessedRecord> records(Message<List<byte[]>> batch) {
        Optional<IncomingKafkaRecordBatchMetadata<String, byte[]>> metadata = batch
                .getMetadata(IncomingKafkaRecordBatchMetadata.class)
                .map(m -> (IncomingKafkaRecordBatchMetadata<String, byte[]>) m);
        if (metadata.isEmpty()) {
            List<ProcessedRecord> records = new ArrayList<>(batch.getPayload().size());
            for (byte[] value : batch.getPayload()) {
                decode(value).map(ProcessedRecord::withoutMetadata).ifPresent(records::add);
            }
            return records;
        }
        List<ConsumerRecord<String, byte[]>> polled = new ArrayList<>(metadata.get().count());
        metadata.get().getRecords().forEach(polled::add);
        if (streams.get() == 0 && polled.size() > recent.capacity()) {
            List<ConsumerRecord<String, byte[]>> latest = new ArrayList<>(polled);
            latest.sort(LATEST_FIRST);
            polled = latest.subList(0, recent.capacity());
            polled.sort(IN_POLL_ORDER);
        }
        List<ProcessedRecord> records = new ArrayList<>(polled.size());
        for (ConsumerRecord<String, byte[]> record : polled) {
            decode(record.value()).ifPresent(value -> records.add(new ProcessedRecord(record.partition(),
                    record.offset(), record.key(), record.timestamp(), value)));
        }
        return records;
    }

    /** A processed event's JSON, decoded; empty for a tombstone or a value that is no processed event. */
    private Optional<ProcessedEvent> decode(byte[] value) {
        if (value == null) {
            return Optional.empty(); // a tombstone someone wrote by hand: nothing to show
        }
        try {
            return Optional.of(reader.readValue(value));
        } catch (IOException e) {
            Log.debugf("Not shown, not a processed event: %s", e.getMessage());
            return Optional.empty();
        }
    }

    /** Up to {@code limit} processed events, newest first. */
    public List<ProcessedEvent> newest(int limit) {
        return recent.newest(limit).stream().map(ProcessedRecord::value).toList();
    }

    /** Up to {@code limit} processed records with their Kafka metadata, newest first. */
    public List<ProcessedRecord> newestRecords(int limit) {
        return recent.newest(limit);
    }

    public int capacity() {
        return recent.capacity();
    }

    /**
     * Processed events from now on. Each subscriber has a buffer of {@value #LIVE_BUFFER} events; one that falls
     * further behind is failed (an SSE client then reconnects) rather than slowing the others down.
     */
    public Multi<ProcessedEvent> live() {
        return liveRecords().map(ProcessedRecord::value);
    }

    /** Processed records from now on, with their Kafka metadata; buffered like {@link #live()}. */
    public Multi<ProcessedRecord> liveRecords() {
        return live.onOverflow().buffer(LIVE_BUFFER)
                .onSubscription().invoke(streams::incrementAndGet)
                .onTermination().invoke(streams::decrementAndGet);
    }
}
