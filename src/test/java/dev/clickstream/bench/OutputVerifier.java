package dev.clickstream.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.clickstream.model.ProcessedEvent;

/**
 * Reads a contender's output topic from its start and checks every record against the input event it came from:
 * key is the raw user, value is exactly {@code user} (upper-cased), {@code event}, {@code timestamp_processed}
 * (the raw record's timestamp) and {@code event_id}; only premium events, each once. Notes when it saw the first
 * record and when it had seen all of them.
 */
final class OutputVerifier {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("user", "event", "timestamp_processed", "event_id");
    private static final int MAX_PROBLEMS = 5;

    private final InputEvents input;
    private final long[] rawTimestamps;

    OutputVerifier(InputEvents input, long[] rawTimestamps) {
        this.input = input;
        this.rawTimestamps = rawTimestamps;
    }

    /**
     * What the verifier saw; {@code valid()} only when every expected record came, right and once. {@code halfNanos}
     * is when the poll came that took the count to half of the expected records or more, {@code halfCount} that
     * count.
     */
    record Outcome(long expected, long verified, long firstNanos, long halfNanos, long halfCount, long lastNanos,
            List<String> problems) {

        boolean valid() {
            return problems.isEmpty() && verified == expected;
        }

        /** Seconds from the first processed record to the last, as this verifier saw them. */
        double drainSeconds() {
            return (lastNanos - firstNanos) / 1e9;
        }

        /**
         * Records per second over the second half of the drain: with start-up and the first compilations behind the
         * contender, closer to what it does warm.
         */
        double secondHalfPerSecond() {
            return (expected - halfCount) / ((lastNanos - halfNanos) / 1e9);
        }

        String summary() {
            return verified + "/" + expected + " verified" + (problems.isEmpty() ? "" : ", problems: " + problems);
        }
    }

    /**
     * Reads {@code topic} until the expected count arrived and {@code settle} more passed without an extra record,
     * or until nothing new came for {@code stall}, or {@code stop} says so.
     */
    Outcome verify(String bootstrapServers, String topic, long expected, Duration settle, Duration stall,
            BooleanSupplier stop) {
        BitSet seen = new BitSet();
        List<String> problems = new ArrayList<>();
        long verified = 0;
        long firstNanos = 0;
        long halfNanos = 0;
        long halfCount = 0;
        long lastNanos = 0;
        long lastProgress = System.nanoTime();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", bootstrapServers, "enable.auto.commit", "false"),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (PartitionInfo info : consumer.partitionsFor(topic)) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            while (!stop.getAsBoolean()) {
                var records = consumer.poll(Duration.ofMillis(50));
                long now = System.nanoTime();
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (firstNanos == 0) {
                        firstNanos = now;
                    }
                    String problem = check(record, seen);
                    if (problem == null) {
                        verified++;
                    } else if (problems.size() < MAX_PROBLEMS) {
                        problems.add(problem);
                    }
                }
                if (!records.isEmpty()) {
                    lastProgress = now;
                    if (halfNanos == 0 && verified >= expected / 2) {
                        halfNanos = now;
                        halfCount = verified;
                    }
                    if (verified == expected) {
                        lastNanos = now;
                    }
                }
                Duration quiet = Duration.ofNanos(now - lastProgress);
                if (verified >= expected && quiet.compareTo(settle) >= 0 || quiet.compareTo(stall) >= 0) {
                    break;
                }
            }
        }
        if (verified < expected && problems.size() < MAX_PROBLEMS) {
            problems.add((expected - verified) + " processed events missing");
        }
        return new Outcome(expected, verified, firstNanos, halfNanos, halfCount, lastNanos, problems);
    }

    private String check(ConsumerRecord<String, byte[]> record, BitSet seen) {
        JsonNode value;
        ProcessedEvent actual;
        try {
            value = MAPPER.readTree(record.value());
            actual = MAPPER.treeToValue(value, ProcessedEvent.class);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            return "unreadable value at " + where(record) + ": " + e.getMessage();
        }
        Set<String> fields = new HashSet<>();
        value.fieldNames().forEachRemaining(fields::add);
        if (!fields.equals(FIELDS)) {
            return "fields " + fields + " at " + where(record);
        }
        long index = input.indexOf(actual.eventId());
        if (index < 0 || index >= rawTimestamps.length) {
            return "unknown event_id " + actual.eventId() + " at " + where(record);
        }
        if (!InputEvents.isPremium(index)) {
            return "non-premium event " + actual.eventId() + " at " + where(record);
        }
        if (seen.get((int) index)) {
            return "duplicate event " + actual.eventId() + " at " + where(record);
        }
        seen.set((int) index);
        ProcessedEvent expected = input.expected(index, rawTimestamps[(int) index]);
        if (!expected.equals(actual)) {
            return "expected " + expected + " but got " + actual + " at " + where(record);
        }
        if (!InputEvents.user(index).equals(record.key())) {
            return "key " + record.key() + " instead of " + InputEvents.user(index) + " at " + where(record);
        }
        return null;
    }

    private static String where(ConsumerRecord<?, ?> record) {
        return record.topic() + "-" + record.partition() + "@" + record.offset();
    }
}
