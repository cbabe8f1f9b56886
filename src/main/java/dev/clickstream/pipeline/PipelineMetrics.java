package dev.clickstream.pipeline;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * The processor's own meters at {@code /q/metrics}: {@code clickstream_raw_events_consumed_total}, every record it
 * took from {@code raw_events}, and {@code clickstream_processed_latency_seconds}, a histogram of the time from a
 * raw event's record timestamp to the broker's ack of its processed record.
 */
@ApplicationScoped
public class PipelineMetrics {

    private final Counter consumed;
    private final Timer latency;

    @Inject
    public PipelineMetrics(MeterRegistry registry) {
        consumed = Counter.builder("clickstream.raw.events.consumed")
                .description("Raw event records the processor took from raw_events, kept, dropped or dead-lettered")
                .register(registry);
        latency = Timer.builder("clickstream.processed.latency")
                .description("From a raw event's record timestamp to its processed record acked by the broker")
                // Percentile buckets for histogram_quantile(), plus exact bounds at the latencies worth alerting on.
                .publishPercentileHistogram()
                .serviceLevelObjectives(Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofMillis(100),
                        Duration.ofMillis(250), Duration.ofSeconds(1), Duration.ofSeconds(5))
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
    }

    /** A polled batch of this many records reached the processor. */
    void consumed(int records) {
        consumed.increment(records);
    }

    /** The broker acked the processed record of a raw event with this record timestamp (epoch milliseconds). */
    void processedAcked(long rawTimestamp) {
        // The record timestamp is wall-clock time, from the producer or the broker, so the other end is too.
        latency.record(Math.max(0, System.currentTimeMillis() - rawTimestamp), TimeUnit.MILLISECONDS);
    }
}
