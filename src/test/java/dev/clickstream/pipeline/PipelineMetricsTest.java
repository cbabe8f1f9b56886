package dev.clickstream.pipeline;

import static dev.clickstream.testing.PolledBatch.record;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.common.errors.RecordTooLargeException;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.junit.jupiter.api.Test;

import dev.clickstream.model.ProcessedEvent;
import dev.clickstream.model.RawEvent;
import dev.clickstream.testing.PolledBatch;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** What the processor's meters count, on batches built as the connector builds them, acked by hand as the sink would. */
class PipelineMetricsTest {

    private final MeterRegistry registry = new SimpleMeterRegistry();
    private final PremiumEventProcessor processor = StandaloneProcessor.create(registry);

    @Test
    void countsEveryConsumedRecordWhetherKeptDroppedOrDeadLettered() {
        processor.processBatch(PolledBatch.of(List.of(
                record(0, 0, 1L, new RawEvent("alice", true, "click", "k-1")),
                record(0, 1, 2L, new RawEvent("bob", false, "click", "d-1")),
                record(1, 0, 3L, null))).batch());
        processor.processBatch(PolledBatch.of(List.of(
                record(1, 1, 4L, new RawEvent("bob", false, "scroll", "d-2")))).batch());

        assertThat(registry.get("clickstream.raw.events.consumed").counter().count()).isEqualTo(4.0);
    }

    @Test
    void recordsLatencyFromTheRawTimestampOnlyWhenTheProcessedRecordIsAcked() {
        long twoSecondsAgo = System.currentTimeMillis() - 2_000;
        List<Message<ProcessedEvent>> out = processor.processBatch(PolledBatch.of(List.of(
                record(0, 0, twoSecondsAgo, new RawEvent("alice", true, "click", "a-1")),
                record(0, 1, twoSecondsAgo, new RawEvent("bob", false, "click", "b-1")),
                record(0, 2, twoSecondsAgo, new RawEvent("carol", true, "click", "c-1")))).batch());
        Timer latency = registry.get("clickstream.processed.latency").timer();

        assertThat(latency.count()).isZero();
        out.get(0).ack();
        assertThat(latency.count()).isEqualTo(1);
        assertThat(latency.max(TimeUnit.MILLISECONDS)).isBetween(2_000.0, 60_000.0);
        out.get(1).nack(new RecordTooLargeException("refused"));
        assertThat(latency.count()).as("a refused processed record is not a processed event").isEqualTo(1);
    }
}
