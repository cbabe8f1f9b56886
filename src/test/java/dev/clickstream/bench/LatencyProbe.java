package dev.clickstream.bench;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
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
import org.jboss.logging.Logger;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Open-loop latency of an event's way in ({@code POST /events}, or a record produced straight to the raw topic) →
 * processed record on the output topic. Events go in at fixed intended times ({@code i / rate} seconds after the
 * start), whether or not earlier ones were accepted, and each latency is counted from the intended time, so a
 * stalled pipeline shows up in the figures instead of slowing the sender down (no coordinated omission). One
 * premium event at a time; a consumer of the output topic stamps each processed record on arrival. Latencies are
 * recorded in microseconds.
 */
final class LatencyProbe implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LatencyProbe.class);
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

    /** Where the probe's events go in: each call completes when the event was accepted, or fails saying why. */
    interface Intake extends AutoCloseable {

        CompletableFuture<Void> send(String eventId, String json, String user, long dueEpochMillis);

        /** Gives up on events not sent yet. */
        void cancelWaiting();

        @Override
        void close();
    }

    /** An event the intake answered, but did not accept. */
    static final class Refused extends RuntimeException {

        Refused(String why) {
            super(why, null, false, false);
        }
    }

    /** Connections to the service, at most: enough for 5,000 requests/s at 10 ms each. */
    static final int CONNECTIONS = 64;

    private final Intake intake;
    private final String bootstrapServers;
    private final String outputTopic;
    private final long contenderPid;

    private LatencyProbe(Intake intake, String bootstrapServers, String outputTopic, long contenderPid) {
        this.intake = intake;
        this.bootstrapServers = bootstrapServers;
        this.outputTopic = outputTopic;
        this.contenderPid = contenderPid;
    }

    /** Events go in as {@code POST /events} to the service at {@code serviceBase}, over {@link HttpPoster}. */
    static LatencyProbe http(URI serviceBase, String bootstrapServers, String outputTopic, long servicePid) {
        HttpPoster poster = new HttpPoster(serviceBase.resolve("/events"), CONNECTIONS);
        Intake intake = new Intake() {
            @Override
            public CompletableFuture<Void> send(String eventId, String json, String user, long dueEpochMillis) {
                return poster.post(json).thenAccept(status -> {
                    if (status != 202) {
                        throw new Refused("HTTP " + status);
                    }
                });
            }

            @Override
            public void cancelWaiting() {
                poster.cancelWaiting();
            }

            @Override
            public void close() {
                poster.close();
            }
        };
        return new LatencyProbe(intake, bootstrapServers, outputTopic, servicePid);
    }

    /**
     * Events go in as records produced straight to {@code rawTopic}, keyed by user, with no linger, each stamped with
     * its due time: the processed record's {@code timestamp_processed} is then that time, and its latency the
     * arrival of the processed record less that timestamp.
     */
    static LatencyProbe kafka(String bootstrapServers, String rawTopic, String outputTopic, long contenderPid) {
        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ProducerConfig.LINGER_MS_CONFIG, "0"),
                new StringSerializer(), new ByteArraySerializer());
        Intake intake = new Intake() {
            @Override
            public CompletableFuture<Void> send(String eventId, String json, String user, long dueEpochMillis) {
                CompletableFuture<Void> acked = new CompletableFuture<>();
                producer.send(new ProducerRecord<>(rawTopic, null, dueEpochMillis, user,
                        json.getBytes(StandardCharsets.UTF_8)), (metadata, failure) -> {
                            if (failure == null) {
                                acked.complete(null);
                            } else {
                                acked.completeExceptionally(failure);
                            }
                        });
                return acked;
            }

            @Override
            public void cancelWaiting() {
                // every send is handed to the producer when due
            }

            @Override
            public void close() {
                producer.close(Duration.ofSeconds(5));
            }
        };
        return new LatencyProbe(intake, bootstrapServers, outputTopic, contenderPid);
    }

    @Override
    public void close() {
        intake.close();
    }

    /**
     * The probe's whole programme for one contender: priming (not measured: producers initialised, partitions
     * assigned, first events through end to end), a ramp over the rates, lowest first, not measured (a cold broker
     * and contender sent the highest rate at once fall behind in the first seconds and, the load being open loop,
     * never catch up), then each rate measured {@code repetitions} times, the order rotating, starting
     * {@code rotation} places in.
     */
    List<Outcome> measure(BenchSettings settings, String what, int repetitions, int rotation) throws Exception {
        Outcome priming = run(50, 0, 2);
        if (!priming.valid()) {
            throw new IllegalStateException("priming " + what + " failed: " + priming.summary());
        }
        List<Integer> rates = settings.latencyRates();
        if (settings.latencyRampSeconds() > 0) {
            for (int rate : rates.stream().sorted().toList()) {
                Outcome ramp = run(rate, 0, settings.latencyRampSeconds());
                LOG.infof("%s, ramp at %,d/s: p50 %.2f ms, p99 %.2f ms; %s", what, rate,
                        ramp.endToEnd().getValueAtPercentile(50) / 1000.0,
                        ramp.endToEnd().getValueAtPercentile(99) / 1000.0, ramp.summary());
            }
        }
        List<Outcome> outcomes = new ArrayList<>();
        for (int repetition = 1; repetition <= repetitions; repetition++) {
            for (int i = 0; i < rates.size(); i++) {
                int rate = rates.get((i + repetition - 1 + rotation) % rates.size());
                Outcome outcome = run(rate, settings.latencyWarmupSeconds(), settings.latencySeconds());
                LOG.infof("%s at %,d/s #%d: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms; %s", what, rate, repetition,
                        outcome.endToEnd().getValueAtPercentile(50) / 1000.0,
                        outcome.endToEnd().getValueAtPercentile(99) / 1000.0,
                        outcome.endToEnd().getValueAtPercentile(99.9) / 1000.0, outcome.summary());
                outcomes.add(outcome);
            }
        }
        return outcomes;
    }

    Outcome run(int rate, int warmupSeconds, int seconds) throws Exception {
        Map<String, Long> pending = new ConcurrentHashMap<>();
        Histogram endToEnd = new Histogram(HIGHEST_MICROS, 3);
        Stages stages = new Stages();
        Histogram response = new ConcurrentHistogram(HIGHEST_MICROS, 3);
        AtomicLong failed = new AtomicLong();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        AtomicLong sendingEnded = new AtomicLong();
        Rss.Peak rss = new Rss.Peak(contenderPid);
        ExecutorService reader = Executors.newSingleThreadExecutor();
        List<CompletableFuture<?>> answers = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = endOfOutput()) {
            Future<?> reading = reader.submit(() -> read(consumer, pending, endToEnd, stages, sendingEnded, rss));
            long epochMinusNano = System.currentTimeMillis() * 1_000_000 - System.nanoTime();
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
                String user = InputEvents.user(2L * (i % 500));
                answers.add(intake.send(id, body(id, user), user, (intended + epochMinusNano) / 1_000_000)
                        .whenComplete((ok, error) -> {
                            if (error != null) {
                                if (measured && pending.remove(id) != null) {
                                    failed.incrementAndGet();
                                    failures.merge(rootCause(error), 1, Integer::sum);
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
            intake.cancelWaiting();
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

    /** A premium event of {@code user}: 500 premium users in turn, so that events spread over the partitions. */
    private static String body(String eventId, String user) {
        return "{\"user\":\"" + user + "\",\"is_premium\":true,\"event_type\":\"click\",\"event_id\":\""
                + eventId + "\"}";
    }

    private static String rootCause(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof Refused ? cause.getMessage() : cause.getClass().getSimpleName() + ": " + cause.getMessage();
    }

    private static JsonNode tree(byte[] value) {
        try {
            return MAPPER.readTree(value);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }
}
