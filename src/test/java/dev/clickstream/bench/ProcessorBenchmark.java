package dev.clickstream.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.Blackhole;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.clickstream.kafka.Channels;
import dev.clickstream.model.RawEvent;
import dev.clickstream.pipeline.PremiumEventProcessor;
import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;

/**
 * The pipeline in memory, without Kafka or Quarkus: {@link PremiumEventProcessor#process} over a
 * {@link #BATCH} of messages as the Kafka connector hands them over (payload plus {@code IncomingKafkaRecordMetadata}),
 * half of them premium. {@code processor} starts from decoded messages; {@code processorWithJson} starts from the
 * records' bytes and ends with the processed events' bytes, as the Kafka serdes would. Scores are events/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ProcessorBenchmark {

    static final int BATCH = 10_000;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PremiumEventProcessor processor = new PremiumEventProcessor();
    private List<ConsumerRecord<String, byte[]>> records;
    private List<Message<RawEvent>> messages;

    @Setup
    public void setUp() {
        // Unrewritten, each Log.debugf call walks the stack to find its logger: a cost the packaged service
        // does not have, since Quarkus rewrites it at build time into a static logger field (InMemoryPhase).
        if (Arrays.stream(PremiumEventProcessor.class.getDeclaredFields())
                .noneMatch(field -> field.getType() == Logger.class)) {
            throw new IllegalStateException("PremiumEventProcessor as compiled, not as Quarkus rewrites it: "
                    + "put the class from target/quarkus-app/quarkus/transformed-bytecode.jar first on the class path");
        }
        records = records(new InputEvents(42), BATCH);
        messages = records.stream().map(ProcessorBenchmark::message).toList();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void processor(Blackhole out) {
        processor.process(Multi.createFrom().iterable(messages)).subscribe().with(out::consume);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void processorWithJson(Blackhole out) {
        processor.process(Multi.createFrom().iterable(records).map(ProcessorBenchmark::message))
                .map(processed -> bytes(processed.getPayload()))
                .subscribe().with(out::consume);
    }

    /** Events {@code 0..count-1} of {@code input} as records of {@code raw_events}, timestamped with their index. */
    static List<ConsumerRecord<String, byte[]>> records(InputEvents input, int count) {
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(new ConsumerRecord<>("raw_events", i % 3, i / 3, i, TimestampType.CREATE_TIME, 0, 0,
                    InputEvents.user(i), bytes(input.event(i)), new RecordHeaders(), Optional.empty()));
        }
        return records;
    }

    /** A record as the Kafka connector hands it to the processor: decoded payload, record metadata, an ack. */
    static Message<RawEvent> message(ConsumerRecord<String, byte[]> record) {
        RawEvent raw;
        try {
            raw = MAPPER.readValue(record.value(), RawEvent.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Message.of(raw, Metadata.of(new IncomingKafkaRecordMetadata<>(record, Channels.RAW_EVENTS)),
                () -> CompletableFuture.completedFuture(null));
    }

    private static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
