package dev.clickstream.view;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

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
 */
@ApplicationScoped
public class ProcessedEventsView {

    static final int LIVE_BUFFER = 1024;

    private final RecentEvents<ProcessedRecord> recent;
    private final BroadcastProcessor<ProcessedRecord> live = BroadcastProcessor.create();

    @Inject
    public ProcessedEventsView(ViewConfig config) {
        this.recent = new RecentEvents<>(config.capacity(), record -> record.value().timestampProcessed());
    }

    /** Each poll's processed records at once (the channel is a batch channel); acked as read, nothing commits. */
    @Incoming(Channels.PROCESSED_EVENTS_IN)
    public CompletionStage<Void> onProcessed(Message<List<ProcessedEvent>> batch) {
        List<ProcessedRecord> records = records(batch);
        Log.debugf("%d processed events", records.size());
        recent.addAll(records);
        records.forEach(live::onNext);
        return batch.ack();
    }

    /** The batch's records with their Kafka metadata, which the in-memory connector does not have. */
    @SuppressWarnings("unchecked")
    private static List<ProcessedRecord> records(Message<List<ProcessedEvent>> batch) {
        Optional<IncomingKafkaRecordBatchMetadata<String, ProcessedEvent>> metadata = batch
                .getMetadata(IncomingKafkaRecordBatchMetadata.class)
                .map(m -> (IncomingKafkaRecordBatchMetadata<String, ProcessedEvent>) m);
        if (metadata.isEmpty()) {
            return batch.getPayload().stream().map(ProcessedRecord::withoutMetadata).toList();
        }
        List<ProcessedRecord> records = new ArrayList<>(metadata.get().count());
        for (ConsumerRecord<String, ProcessedEvent> record : metadata.get().getRecords()) {
            if (record.value() == null) {
                continue; // a tombstone someone wrote by hand: nothing to show
            }
            records.add(new ProcessedRecord(record.partition(), record.offset(), record.key(), record.timestamp(),
                    record.value()));
        }
        return records;
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
        return live.onOverflow().buffer(LIVE_BUFFER);
    }
}
