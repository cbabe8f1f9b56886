package dev.clickstream.kafka;

import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Message;

import io.quarkus.logging.Log;
import io.smallrye.reactive.messaging.OutgoingMessageMetadata;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;

/**
 * The subscriber of one {@link BatchingKafkaConnector} channel: each message becomes a Kafka record, and the message
 * is acked once the broker has it (nacked with the failure if it never gets it).
 * <p>
 * Messages are queued as they come and handed to the producer's sending thread together: one task sends whatever
 * has queued since the last, in order, so a poll's worth of processed events costs one hand-over, not one each
 * (when the messages come on a Vert.x event loop, the hand-over waits for the loop's current task to end). At
 * most {@code window} messages are requested and not yet settled (acked or nacked); more are requested a quarter
 * window at a time as they settle.
 */
final class BatchingKafkaSink implements Flow.Subscriber<Message<?>> {

    /** Runs work on the producer's sending thread, one task after the other, or says why it could not. */
    interface SendingThread {
        void run(Consumer<Producer<Object, Object>> work, Consumer<Throwable> notRun);
    }

    /** Builds a message's record's span, when the channel traces; none by default. */
    interface Tracing {
        Tracing NONE = (message, record) -> {
        };

        void traceOutgoing(Message<?> message, ProducerRecord<Object, Object> record);
    }

    private final String channel;
    private final String topic;
    private final int partition;
    private final Object key;
    private final long window;
    private final long requestEvery;
    private final SendingThread sendingThread;
    private final Tracing tracing;
    private final Consumer<Throwable> reportFailure;

    private final Queue<Message<?>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final AtomicLong settledSinceRequest = new AtomicLong();
    private volatile Flow.Subscription subscription;

    /**
     * @param partition the partition to write to, or -1 for the producer's partitioner
     * @param key the key of every record whose message names none, or null
     * @param window the most messages requested and not yet settled; 0 or less for no limit
     */
    BatchingKafkaSink(String channel, String topic, int partition, Object key, long window,
            SendingThread sendingThread, Tracing tracing, Consumer<Throwable> reportFailure) {
        this.channel = channel;
        this.topic = topic;
        this.partition = partition;
        this.key = key;
        this.window = window <= 0 ? Long.MAX_VALUE : window;
        this.requestEvery = window <= 0 ? Long.MAX_VALUE : Math.max(1, window / 4);
        this.sendingThread = sendingThread;
        this.tracing = tracing;
        this.reportFailure = reportFailure;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        if (this.subscription != null) {
            subscription.cancel();
            return;
        }
        this.subscription = subscription;
        subscription.request(window);
    }

    @Override
    public void onNext(Message<?> message) {
        queue.offer(message);
        if (queued.getAndIncrement() == 0) {
            // On an event loop, the rest of the pipeline's burst (a poll's processed events, emitted in one go) is
            // queued before the hand-over, which runs as the loop's next task; elsewhere it goes at once.
            Context context = Vertx.currentContext();
            if (context != null && Context.isOnEventLoopThread()) {
                context.runOnContext(ignored -> handOver());
            } else {
                handOver();
            }
        }
    }

    private void handOver() {
        sendingThread.run(this::sendQueued, this::failQueued);
    }

    @Override
    public void onError(Throwable failure) {
        Log.errorf(failure, "Channel %s: the stream of messages to write failed", channel);
        reportFailure.accept(failure);
    }

    @Override
    public void onComplete() {
        Log.debugf("Channel %s: the stream of messages to write completed", channel);
    }

    /** Stops requesting messages; those already requested are still written. */
    void cancel() {
        Flow.Subscription current = subscription;
        if (current != null) {
            current.cancel();
        }
    }

    /** On the sending thread: sends every queued message, including those queued meanwhile. */
    private void sendQueued(Producer<Object, Object> producer) {
        int missed = 1;
        do {
            for (Message<?> message = queue.poll(); message != null; message = queue.poll()) {
                send(producer, message);
            }
            missed = queued.addAndGet(-missed);
        } while (missed != 0);
    }

    /**
     * When the sending thread could not run (the producer could not be created, or is closed): every queued message
     * is nacked, so that none waits for good, and the channel reports the failure.
     */
    private void failQueued(Throwable failure) {
        Log.errorf("Channel %s: no producer to write with: %s", channel, failure);
        reportFailure.accept(failure);
        int missed = 1;
        do {
            for (Message<?> message = queue.poll(); message != null; message = queue.poll()) {
                settle(message, null, failure instanceof Exception e ? e : new IllegalStateException(failure));
            }
            missed = queued.addAndGet(-missed);
        } while (missed != 0);
    }

    private void send(Producer<Object, Object> producer, Message<?> message) {
        try {
            ProducerRecord<Object, Object> record = recordOf(message);
            tracing.traceOutgoing(message, record);
            producer.send(record, (metadata, failure) -> settle(message, metadata, failure));
        } catch (RuntimeException e) {
            // Serialization failures and a closed producer are thrown, not passed to the callback.
            settle(message, null, e);
        }
    }

    private void settle(Message<?> message, RecordMetadata metadata, Exception failure) {
        CompletionStage<Void> settled;
        try {
            if (failure == null) {
                OutgoingMessageMetadata.setResultOnMessage(message, metadata);
                settled = message.ack();
            } else {
                // The message's nack handler decides what the failure means, and says so.
                Log.debugf("Channel %s: a record not written to %s: %s", channel, topic, failure);
                settled = message.nack(failure);
            }
        } catch (RuntimeException e) {
            // Counted as settled all the same: a throwing handler must not shrink the window for good.
            settled = CompletableFuture.failedFuture(e);
        }
        settled.whenComplete((ignored, settleFailure) -> {
            if (settleFailure != null) {
                Log.warnf("Channel %s: a message's %s failed: %s", channel, failure == null ? "ack" : "nack",
                        settleFailure);
            }
            settledOne();
        });
    }

    /** Requests as many messages as have settled, once they make up a quarter of the window. */
    private void settledOne() {
        if (requestEvery == Long.MAX_VALUE) {
            return;
        }
        while (true) {
            long settled = settledSinceRequest.get();
            long next = settled + 1;
            if (next < requestEvery) {
                if (settledSinceRequest.compareAndSet(settled, next)) {
                    return;
                }
            } else if (settledSinceRequest.compareAndSet(settled, 0)) {
                subscription.request(next);
                return;
            }
        }
    }

    /**
     * A message's record: its payload as the value (or a {@link Record}'s key and value, or a whole
     * {@link ProducerRecord}), with what {@link OutgoingKafkaRecordMetadata} sets overriding the channel's topic,
     * partition and key.
     */
    @SuppressWarnings("unchecked")
    ProducerRecord<Object, Object> recordOf(Message<?> message) {
        Object payload = message.getPayload();
        if (payload instanceof ProducerRecord<?, ?> record) {
            return (ProducerRecord<Object, Object>) record;
        }
        OutgoingKafkaRecordMetadata<?> metadata = message.getMetadata(OutgoingKafkaRecordMetadata.class).orElse(null);
        Object value = payload;
        Object recordKey = key;
        if (payload instanceof Record<?, ?> record) {
            value = record.value();
            recordKey = record.key();
        }
        if (metadata == null) {
            return new ProducerRecord<>(topic, partition == -1 ? null : partition, null, recordKey, value);
        }
        return new ProducerRecord<>(
                metadata.getTopic() == null ? topic : metadata.getTopic(),
                metadata.getPartition() > -1 ? Integer.valueOf(metadata.getPartition())
                        : partition == -1 ? null : partition,
                metadata.getTimestamp() == null ? null : metadata.getTimestamp().toEpochMilli(),
                metadata.getKey() == null ? recordKey : metadata.getKey(),
                value,
                metadata.getHeaders() == null ? new RecordHeaders() : new RecordHeaders(metadata.getHeaders().toArray()));
    }
}
