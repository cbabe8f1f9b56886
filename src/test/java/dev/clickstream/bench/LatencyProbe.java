package dev.clickstream.bench;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Open-loop latency of {@code POST /events} → processed record on the output topic. Requests go out at fixed
 * intended times ({@code i / rate} seconds after the start), whether or not earlier ones were answered, and each
 * latency is counted from the intended time, so a stalled service shows up in the figures instead of slowing the
 * sender down (no coordinated omission). One premium event per request; a consumer of the output topic stamps
 * each processed record on arrival. Requests go over at most {@link #CONNECTIONS} connections
 * ({@link HttpPoster}). Latencies are recorded in microseconds.
 */
final class LatencyProbe implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(5);

    /** The figures of one rate; the run counts only when nothing failed and nothing went missing. */
    record Outcome(int rate, int measured, long failed, Map<String, Integer> failures, long missing,
            Histogram endToEnd, Histogram response, Stages stages, double sendSeconds, double peakRssMib) {

        /** Every request answered 202 and every event processed: the figures stand for the whole rate. */
        boolean valid() {
            return failed == 0 && correct();
        }

        /** Every event the service accepted was processed (requests that failed are a matter of speed). */
        boolean correct() {
            return missing == 0 && endToEnd.getTotalCount() == measured - failed;
        }

        String summary() {
            return measured + " measured, " + endToEnd.getTotalCount() + " processed, " + failed + " failed "
                    + failures + ", " + missing + " missing, sending took " + String.format("%.1f s", sendSeconds);
        }
    }

    /**
     * Where each processed event's time went, from the timestamps Kafka keeps (milliseconds, recorded as
     * microseconds like the other histograms): due time → the raw record's timestamp (the service's producer
     * stamps it when the REST call hands the event to {@code send}), → the processed record's timestamp (stamped
     * when the processor's output is handed to {@code send}), → the probe reading it. The service and the probe
     * share the machine's clock.
     */
    record Stages(Histogram toRawSend, Histogram toProcessedSend, Histogram toRead) {

        Stages() {
            this(new Histogram(HIGHEST_MICROS, 3), new Histogram(HIGHEST_MICROS, 3), new Histogram(HIGHEST_MICROS, 3));
        }

        void record(long dueMillis, long rawMillis, long processedMillis, long readMillis) {
            toRawSend.recordValue(micros(rawMillis - dueMillis));
            toProcessedSend.recordValue(micros(processedMillis - rawMillis));
            toRead.recordValue(micros(readMillis - processedMillis));
        }

        private static long micros(long millis) {
            return Math.min(HIGHEST_MICROS, Math.max(0, millis) * 1000);
        }
    }

    private final String bootstrapServers;
    private final String outputTopic;
    private final long servicePid;
    /** Connections to the service, at most: enough for 5,000 requests/s at 10 ms each. */
    static final int CONNECTIONS = 64;

    private final HttpPoster sender;

    LatencyProbe(URI serviceBase, String bootstrapServers, String outputTopic, long servicePid) {
        this.sender = new HttpPoster(serviceBase.resolve("/events"), CONNECTIONS);
        this.bootstrapServers = bootstrapServers;
        this.outputTopic = outputTopic;
        this.servicePid = servicePid;
    }

    @Override
    public void close() {
        sender.close();
    }

    Outcome run(int rate, int warmupSeconds, int seconds) throws Exception {
        Map<String, Long> pending = new ConcurrentHashMap<>();
        Histogram endToEnd = new Histogram(HIGHEST_MICROS, 3);
        Stages stages = new Stages();
        Histogram response = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        AtomicLong failed = new AtomicLong();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        AtomicLong sendingEnded = new AtomicLong();
        Rss.Peak rss = new Rss.Peak(servicePid);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        List<CompletableFuture<?>> answers = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = endOfOutput()) {
            Future<?> reading = reader.submit(() -> read(consumer, pending, endToEnd, stages, sendingEnded, rss));
            int warmup = rate * warmupSeconds;
            int total = warmup + rate * seconds;
            long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
            for (int i = 0; i < total; i++) {
                long intended = start + (long) (i * 1e9 / rate);
                for (long wait = intended - System.nanoTime(); wait > 0; wait = intended - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                String id = UUID.randomUUID().toString();
                boolean measured = i >= warmup;
                if (measured) {
                    pending.put(id, intended);
                }
                answers.add(sender.post(body(id, i)).whenComplete(
                        (status, error) -> {
                            if (error != null || status != 202) {
                                if (measured && pending.remove(id) != null) {
                                    failed.incrementAndGet();
                                    failures.merge(error != null ? rootCause(error) : "HTTP " + status, 1,
                                            Integer::sum);
                                }
                            } else if (measured) {
                                response.recordValue(Math.min(HIGHEST_MICROS, (System.nanoTime() - intended) / 1000));
                            }
                        }));
            }
            double sendSeconds = (System.nanoTime() - start) / 1e9;
            try {
                CompletableFuture.allOf(answers.stream().map(answer -> answer.handle((ok, failure) -> ok))
                        .toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException e) {
                // counted: a request that failed or was never answered is not a measured event
            }
            sender.cancelWaiting();
            sendingEnded.set(System.nanoTime());
            reading.get(5, TimeUnit.MINUTES);
            return new Outcome(rate, rate * seconds, failed.get(), Map.copyOf(failures), pending.size(), endToEnd,
                    response, stages, sendSeconds, rss.mib());
        } finally {
            reader.shutdownNow();
        }
    }

    /**
     * Reads until every request was answered or given up and nothing is pending any more, or until nothing came
     * for 15 s (counted from then at the earliest).
     */
    private void read(KafkaConsumer<String, byte[]> consumer, Map<String, Long> pending, Histogram endToEnd,
            Stages stages, AtomicLong sendingEnded, Rss.Peak rss) {
        long epochMinusNano = System.currentTimeMillis() * 1_000_000 - System.nanoTime();
        long lastProgress = 0;
        long lastRss = 0;
        while (true) {
            var records = consumer.poll(Duration.ofMillis(10));
            long now = System.nanoTime();
            for (ConsumerRecord<String, byte[]> record : records) {
                JsonNode value = tree(record.value());
                Long intended = pending.remove(value.path("event_id").asText());
                if (intended != null) {
                    endToEnd.recordValue(Math.min(HIGHEST_MICROS, (now - intended) / 1000));
                    stages.record((intended + epochMinusNano) / 1_000_000, value.path("timestamp_processed").asLong(),
                            record.timestamp(), (now + epochMinusNano) / 1_000_000);
                    lastProgress = now;
                }
            }
            if (now - lastRss > TimeUnit.MILLISECONDS.toNanos(250)) {
                rss.sample();
                lastRss = now;
            }
            long ended = sendingEnded.get();
            if (ended != 0 && (pending.isEmpty()
                    || now - Math.max(lastProgress, ended) > TimeUnit.SECONDS.toNanos(15))) {
                return;
            }
        }
    }

    private KafkaConsumer<String, byte[]> endOfOutput() {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", bootstrapServers, "enable.auto.commit", "false"),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        consumer.partitionsFor(outputTopic).forEach(info -> partitions.add(new TopicPartition(outputTopic,
                info.partition())));
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** A premium event of one of 500 premium users, so that requests spread over the partitions. */
    private static String body(String eventId, int index) {
        return "{\"user\":\"" + InputEvents.user(2L * (index % 500))
                + "\",\"is_premium\":true,\"event_type\":\"click\",\"event_id\":\"" + eventId + "\"}";
    }

    private static String rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static JsonNode tree(byte[] value) {
        try {
            return MAPPER.readTree(value);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
