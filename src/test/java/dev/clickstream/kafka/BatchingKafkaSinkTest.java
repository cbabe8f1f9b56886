package dev.clickstream.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.Serializer;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.junit.jupiter.api.Test;

import io.smallrye.reactive.messaging.OutgoingMessageMetadata;
import io.smallrye.reactive.messaging.kafka.Record;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Vertx;

/** {@link BatchingKafkaSink} on Kafka's own {@link MockProducer}, with the sending thread's tasks run by hand. */
class BatchingKafkaSinkTest {

    private static final Serializer<Object> TEXT = (topic, data) -> String.valueOf(data)
            .getBytes(StandardCharsets.UTF_8);

    private final MockProducer<Object, Object> producer = new MockProducer<>(false, null, TEXT, TEXT);
    private final List<Consumer<Producer<Object, Object>>> tasks = new ArrayList<>();
    private final List<Consumer<Throwable>> notRun = new ArrayList<>();
    private final List<Throwable> reported = new ArrayList<>();
    private final Requests requests = new Requests();

    private BatchingKafkaSink sink(long window) {
        BatchingKafkaSink sink = new BatchingKafkaSink("out", "out_topic", -1, null, window,
                (work, failed) -> {
                    tasks.add(work);
                    notRun.add(failed);
                }, BatchingKafkaSink.Tracing.NONE, reported::add);
        sink.onSubscribe(requests);
        return sink;
    }

    private static void queue(BatchingKafkaSink sink, Settled... messages) {
        for (Settled message : messages) {
            sink.onNext(message.message);
        }
    }

    private void runTasks() {
        List<Consumer<Producer<Object, Object>>> pending = List.copyOf(tasks);
        tasks.clear();
        notRun.clear();
        pending.forEach(task -> task.accept(producer));
    }

    @Test
    void messagesQueuedBeforeTheSendingThreadRunsGoOutInOneTaskInOrder() {
        BatchingKafkaSink sink = sink(100);
        List<Settled> messages = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Settled message = Settled.keyed("user-" + i, "event-" + i);
            messages.add(message);
            sink.onNext(message.message);
        }
        assertThat(tasks).as("one hand-over for the five").hasSize(1);
        runTasks();

        assertThat(producer.history()).extracting(ProducerRecord::value)
                .containsExactly("event-0", "event-1", "event-2", "event-3", "event-4");
        assertThat(producer.history()).extracting(ProducerRecord::key)
                .containsExactly("user-0", "user-1", "user-2", "user-3", "user-4");
        assertThat(producer.history()).extracting(ProducerRecord::topic).containsOnly("out_topic");

        Settled next = Settled.keyed("user-5", "event-5");
        sink.onNext(next.message);
        assertThat(tasks).as("a new hand-over once the queue was emptied").hasSize(1);
    }

    @Test
    void onAnEventLoopABurstOfMessagesIsHandedOverOnceTheLoopsTaskEnds() throws Exception {
        Vertx vertx = Vertx.vertx();
        try {
            List<Integer> sentPerTask = new CopyOnWriteArrayList<>();
            BatchingKafkaSink sink = new BatchingKafkaSink("out", "out_topic", -1, null, 100,
                    (work, failed) -> {
                        int before = producer.history().size();
                        work.accept(producer);
                        sentPerTask.add(producer.history().size() - before);
                    }, BatchingKafkaSink.Tracing.NONE, reported::add);
            sink.onSubscribe(requests);
            CountDownLatch handedOver = new CountDownLatch(1);
            vertx.runOnContext(ignored -> {
                for (int i = 0; i < 5; i++) {
                    sink.onNext(Settled.keyed("user-" + i, "event-" + i).message);
                }
                vertx.runOnContext(next -> handedOver.countDown());
            });
            assertThat(handedOver.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(sentPerTask).as("records sent by each task on the sending thread").containsExactly(5);
        } finally {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void aMessageIsAckedOnlyOnceTheBrokerHasItsRecord() {
        BatchingKafkaSink sink = sink(100);
        Settled first = Settled.keyed("a", "1");
        Settled second = Settled.keyed("b", "2");
        queue(sink, first, second);
        runTasks();
        assertThat(first.acked).isFalse();

        producer.completeNext();
        assertThat(first.acked).isTrue();
        assertThat(second.acked).isFalse();
        producer.completeNext();
        assertThat(second.acked).isTrue();
        assertThat(first.nacked).isNull();
    }

    @Test
    void aFailedSendNacksItsMessageWithTheFailure() {
        BatchingKafkaSink sink = sink(100);
        Settled message = Settled.keyed("a", "1");
        sink.onNext(message.message);
        runTasks();

        TimeoutException failure = new TimeoutException("delivery timed out");
        producer.errorNext(failure);
        assertThat(message.acked).isFalse();
        assertThat(message.nacked).isSameAs(failure);
        assertThat(reported).as("a record's failure is the message's, not the channel's").isEmpty();
    }

    @Test
    void aSendThatThrowsNacksItsMessageAndTheNextOnesStillGo() {
        BatchingKafkaSink sink = sink(100);
        Settled first = Settled.keyed("a", "1");
        sink.onNext(first.message);
        producer.close();
        runTasks();
        assertThat(first.nacked).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void noMoreThanTheWindowIsRequestedAheadOfSettledMessages() {
        BatchingKafkaSink sink = sink(8);
        assertThat(requests.total).isEqualTo(8);
        for (int i = 0; i < 8; i++) {
            sink.onNext(Settled.keyed("k", "v" + i).message);
        }
        runTasks();

        producer.completeNext();
        assertThat(requests.total).as("a quarter of the window not yet settled").isEqualTo(8);
        producer.completeNext();
        assertThat(requests.total).as("two settled, two more requested").isEqualTo(10);
        producer.errorNext(new TimeoutException("lost"));
        producer.completeNext();
        assertThat(requests.total).as("a nacked message counts as settled").isEqualTo(12);
    }

    @Test
    void anAckThatThrowsStillCountsAsSettled() {
        BatchingKafkaSink sink = sink(4);
        sink.onNext(Message.of("event").withAck(() -> {
            throw new IllegalStateException("ack failed");
        }));
        runTasks();
        producer.completeNext();
        assertThat(requests.total).as("the window of 4 refilled by its quarter").isEqualTo(5);
    }

    @Test
    void withoutAWindowEverythingIsRequestedAtOnce() {
        BatchingKafkaSink sink = sink(0);
        sink.onNext(Settled.keyed("k", "v").message);
        runTasks();
        producer.completeNext();
        assertThat(requests.total).isEqualTo(Long.MAX_VALUE);
        assertThat(requests.calls).as("nothing more requested after a message settled").isEqualTo(1);
    }

    @Test
    void whenTheSendingThreadCannotRunTheQueuedMessagesAreNackedAndTheChannelReportsIt() {
        BatchingKafkaSink sink = sink(100);
        Settled first = Settled.keyed("a", "1");
        Settled second = Settled.keyed("b", "2");
        queue(sink, first, second);
        IllegalStateException failure = new IllegalStateException("producer closed");
        notRun.get(0).accept(failure);

        assertThat(first.nacked).isSameAs(failure);
        assertThat(second.nacked).isSameAs(failure);
        assertThat(reported).containsExactly(failure);

        tasks.clear();
        sink.onNext(Settled.keyed("c", "3").message);
        assertThat(tasks).as("later messages are handed over again").hasSize(1);
    }

    @Test
    void theMessagesMetadataSetsTopicPartitionTimestampAndHeaders() {
        BatchingKafkaSink sink = sink(100);
        Instant at = Instant.ofEpochMilli(1_700_000_000_000L);
        sink.onNext(Message.of("payload", Metadata.of(OutgoingKafkaRecordMetadata.<String> builder()
                .withTopic("elsewhere").withPartition(2).withKey("k").withTimestamp(at)
                .withHeaders(List.of(new org.apache.kafka.common.header.internals.RecordHeader("h",
                        "v".getBytes(StandardCharsets.UTF_8))))
                .build())));
        sink.onNext(Message.of(Record.of("record-key", "record-value")));
        runTasks();

        ProducerRecord<Object, Object> first = producer.history().get(0);
        assertThat(first.topic()).isEqualTo("elsewhere");
        assertThat(first.partition()).isEqualTo(2);
        assertThat(first.key()).isEqualTo("k");
        assertThat(first.timestamp()).isEqualTo(at.toEpochMilli());
        assertThat(first.headers().lastHeader("h").value()).isEqualTo("v".getBytes(StandardCharsets.UTF_8));
        ProducerRecord<Object, Object> second = producer.history().get(1);
        assertThat(second.topic()).isEqualTo("out_topic");
        assertThat(second.partition()).isNull();
        assertThat(second.key()).isEqualTo("record-key");
        assertThat(second.value()).isEqualTo("record-value");
    }

    @Test
    void eachRecordIsTracedBeforeItIsSentAndItsMetadataReachesTheMessage() {
        List<String> traced = new ArrayList<>();
        BatchingKafkaSink sink = new BatchingKafkaSink("out", "out_topic", -1, null, 100,
                (work, failed) -> work.accept(producer),
                (message, record) -> traced.add(record.value() + " sent: " + producer.history().size()),
                reported::add);
        sink.onSubscribe(requests);
        OutgoingMessageMetadata<RecordMetadata> result = new OutgoingMessageMetadata<>();
        sink.onNext(Message.of("event", Metadata.of(result)));
        producer.completeNext();

        assertThat(traced).containsExactly("event sent: 0");
        assertThat(result.getResult()).isNotNull();
        assertThat(result.getResult().topic()).isEqualTo("out_topic");
    }

    @Test
    void aFailedStreamIsReportedAndCancellingStopsTheRequests() {
        BatchingKafkaSink sink = sink(100);
        IllegalStateException failure = new IllegalStateException("upstream failed");
        sink.onError(failure);
        assertThat(reported).containsExactly(failure);
        assertThat(requests.cancelled).isFalse();
        sink.cancel();
        assertThat(requests.cancelled).isTrue();
    }

    @Test
    void aSecondSubscriptionIsCancelled() {
        BatchingKafkaSink sink = sink(100);
        Requests other = new Requests();
        sink.onSubscribe(other);
        assertThat(other.cancelled).isTrue();
        assertThat(other.total).isZero();
    }

    /** A message that records how it was settled. */
    private static final class Settled {
        final Message<String> message;
        boolean acked;
        Throwable nacked;

        private Settled(String key, String payload) {
            this.message = Message.of(payload,
                    Metadata.of(OutgoingKafkaRecordMetadata.<String> builder().withKey(key).build()),
                    () -> {
                        acked = true;
                        return CompletableFuture.completedFuture(null);
                    },
                    failure -> {
                        nacked = failure;
                        return CompletableFuture.completedFuture(null);
                    });
        }

        static Settled keyed(String key, String payload) {
            return new Settled(key, payload);
        }
    }

    /** A subscription that adds up what is requested. */
    private static final class Requests implements Flow.Subscription {
        long total;
        int calls;
        boolean cancelled;

        @Override
        public void request(long n) {
            calls++;
            total = total + n < 0 ? Long.MAX_VALUE : total + n;
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }
}
