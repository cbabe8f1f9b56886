package dev.clickstream.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.jboss.logging.Logger;
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

import dev.clickstream.model.RawEvent;
import dev.clickstream.pipeline.PremiumEventProcessor;
import dev.clickstream.pipeline.StandaloneProcessor;
import dev.clickstream.testing.PolledBatch;
import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;

/**
 * The pipeline in memory, without Kafka or Quarkus: {@link PremiumEventProcessor#process} over {@link #BATCH}
 * records handed over as the Kafka connector does with {@code batch=true}, in polls of {@link #POLL} records, half of
 * them premium. {@code processor} starts from decoded records; {@code processorWithJson} starts from the records'
 * bytes and ends with the processed events' bytes, as the Kafka serdes would. Scores are events/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class ProcessorBenchmark {

    static final int BATCH = 10_000;
    /** Records per poll: the consumer's default {@code max.poll.records}. */
    static final int POLL = 500;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final PremiumEventProcessor processor = StandaloneProcessor.create();
    private List<List<ConsumerRecord<String, byte[]>>> polls;
    private List<KafkaRecordBatch<String, RawEvent>> batches;

    @Setup
    public void setUp() {
        // Unrewritten, each Log.debugf call walks the stack to find its logger: a cost the packaged service
        // does not have, since Quarkus rewrites it at build time into a static logger field (InMemoryPhase).
        if (Arrays.stream(PremiumEventProcessor.class.getDeclaredFields())
                .noneMatch(field -> field.getType() == Logger.class)) {
            throw new IllegalStateException("PremiumEventProcessor as compiled, not as Quarkus rewrites it: "
                    + "put the class from target/quarkus-app/quarkus/transformed-bytecode.jar first on the class path");
        }
        polls = polls(records(new InputEvents(42), BATCH));
        batches = polls.stream().map(poll -> PolledBatch.unnoted(decoded(poll))).toList();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void processor(Blackhole out) {
        processor.process(Multi.createFrom().iterable(batches)).subscribe().with(out::consume);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void processorWithJson(Blackhole out) {
        processor.process(Multi.createFrom().iterable(polls).map(poll -> PolledBatch.unnoted(decoded(poll))))
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

    /** The records in polls of {@link #POLL}. */
    static <T> List<List<T>> polls(List<T> records) {
        List<List<T>> polls = new ArrayList<>();
        for (int from = 0; from < records.size(); from += POLL) {
            polls.add(records.subList(from, Math.min(records.size(), from + POLL)));
        }
        return polls;
    }

    /** The records as the connector's deserializer hands them over: with the decoded event as value. */
    static List<ConsumerRecord<String, RawEvent>> decoded(List<ConsumerRecord<String, byte[]>> records) {
        List<ConsumerRecord<String, RawEvent>> decoded = new ArrayList<>(records.size());
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                decoded.add(PolledBatch.record(record.partition(), record.offset(), record.timestamp(),
                        MAPPER.readValue(record.value(), RawEvent.class)));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return decoded;
    }

    private static byte[] bytes(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
