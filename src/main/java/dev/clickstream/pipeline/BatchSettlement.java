package dev.clickstream.pipeline;

import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicInteger;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * Settles one polled batch of raw records once, when every event kept from it has been written: then the batch's
 * last record of each partition is acked, and with it the whole batch counts as processed for the commit strategy.
 * <p>
 * A record to dead-letter is nacked (the connector writes it to the dead-letter topic, then acks it), and the batch
 * waits for that write too. For a partition's last record the ack would commit the records before it, so its nack
 * waits for the settlement; any other record's nack goes out at once. A kept event whose processed record is lost
 * to a transient failure holds the settlement for good: the batch stays uncommitted and is read again after a
 * restart.
 */
final class BatchSettlement {

    private final Collection<? extends KafkaRecord<?, ?>> lastOfPartitions;
    private final Map<KafkaRecord<?, ?>, Throwable> deadLetterLastOfPartitions = Collections
            .synchronizedMap(new IdentityHashMap<>());
    /** Kept events and dead letters not yet written, plus one until the batch has been gone through. */
    private final AtomicInteger pending = new AtomicInteger(1);

    BatchSettlement(KafkaRecordBatch<?, ?> batch) {
        this.lastOfPartitions = batch.getLatestOffsetRecords().values();
    }

    /** A kept event whose processed record is on its way: settle the batch only after {@link #written}. */
    void writing() {
        pending.incrementAndGet();
    }

    /** A kept event's processed record is on the broker. */
    CompletionStage<Void> written() {
        release();
        return CompletableFuture.completedFuture(null);
    }

    /**
     * A kept event's processed record is lost to a transient failure (the broker away longer than the delivery
     * timeout): the batch stays unsettled, so the commit strategy reports the channel unhealthy after
     * {@code throttled.unprocessed-record-max-age.ms}, liveness goes DOWN, and after a restart the batch is read again.
     */
    CompletionStage<Void> lost(KafkaRecord<?, ?> record, Throwable failure) {
        Log.warnf("Processed record of the raw event at %s-%d offset %d not written (%s): its batch is left "
                + "uncommitted, to be read again after a restart", record.getTopic(), record.getPartition(),
                offsetOf(record), failure);
        return CompletableFuture.completedFuture(null);
    }

    /**
     * A record to send to the dead-letter topic. The batch is settled only once the dead letter is written; if it
     * cannot be written, the batch stays unsettled, as for a lost processed record.
     */
    CompletionStage<Void> deadLetter(KafkaRecord<?, ?> record, Throwable reason) {
        if (isLastOfPartition(record)) {
            deadLetterLastOfPartitions.put(record, reason);
            return CompletableFuture.completedFuture(null);
        }
        pending.incrementAndGet();
        return record.nack(reason).whenComplete((written, failure) -> {
            if (failure == null) {
                release();
            } else {
                Log.warnf("Raw event at %s-%d offset %d not dead-lettered (%s): its batch is left uncommitted",
                        record.getTopic(), record.getPartition(), offsetOf(record), failure);
            }
        });
    }

    /** A kept event whose processed record the broker refused for good: dead-letter it instead. */
    CompletionStage<Void> refused(KafkaRecord<?, ?> record, Throwable reason) {
        CompletionStage<Void> deadLettered = deadLetter(record, reason);
        release();
        return deadLettered;
    }

    /** Every record of the batch has been gone through. */
    void goneThrough() {
        release();
    }

    private void release() {
        if (pending.decrementAndGet() == 0) {
            settle();
        }
    }

    private void settle() {
        for (KafkaRecord<?, ?> last : lastOfPartitions) {
            Throwable reason = deadLetterLastOfPartitions.get(last);
            if (reason == null) {
                last.ack();
            } else {
                last.nack(reason);
            }
        }
    }

    /** A polled record's offset, which the connector keeps in its metadata; -1 if it has none. */
    static long offsetOf(KafkaRecord<?, ?> record) {
        return record.getMetadata(IncomingKafkaRecordMetadata.class).map(IncomingKafkaRecordMetadata::getOffset)
                .orElse(-1L);
    }

    private boolean isLastOfPartition(KafkaRecord<?, ?> record) {
        for (KafkaRecord<?, ?> last : lastOfPartitions) {
            if (last == record) {
                return true;
            }
        }
        return false;
    }
}
