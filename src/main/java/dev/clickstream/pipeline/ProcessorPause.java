package dev.clickstream.pipeline;

import java.util.NoSuchElementException;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.common.TopicPartition;

import dev.clickstream.kafka.Channels;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaClientService;
import io.smallrye.reactive.messaging.kafka.KafkaConsumer;

/**
 * Pauses and resumes the consumer of {@code raw-events}, the processor's: paused, it stays in {@code analytics-group}
 * and keeps its partitions (it still polls, so it heartbeats), but fetches nothing, so the group's committed offsets
 * stand still and its lag grows with every raw event; resumed, it goes on from where it stopped.
 * <p>
 * This pauses the Kafka consumer itself rather than the channel's demand (SmallRye's pausable channels): a paused
 * demand still takes the batch already requested, which then waits unacked and fails the channel for good after
 * {@code throttled.unprocessed-record-max-age.ms}. Records fetched before the pause took effect are still processed.
 */
@ApplicationScoped
public class ProcessorPause {

    @Inject
    KafkaClientService clients;

    /** Pauses the processor's partitions; completes once no later poll returns records from them. */
    public Uni<ProcessorStatus> pause() {
        return consumer().pause()
                .invoke(partitions -> Log.infof("Processor paused on %s", partitions))
                .chain(ignored -> status());
    }

    /** Resumes the processor's partitions. */
    public Uni<ProcessorStatus> resume() {
        return consumer().resume()
                .invoke(() -> Log.info("Processor resumed"))
                .chain(ignored -> status());
    }

    /** Whether the processor's consumer is paused, and on which partitions. */
    public Uni<ProcessorStatus> status() {
        return consumer().paused().map(ProcessorPause::statusOf);
    }

    static ProcessorStatus statusOf(Set<TopicPartition> paused) {
        return new ProcessorStatus(!paused.isEmpty(),
                paused.stream().map(TopicPartition::toString).sorted().toList());
    }

    private KafkaConsumer<String, Object> consumer() {
        KafkaConsumer<String, Object> consumer = clients.getConsumer(Channels.RAW_EVENTS);
        if (consumer == null) {
            throw new NoSuchElementException("the processor's channel " + Channels.RAW_EVENTS
                    + " has no Kafka consumer (not connected to Kafka yet, or not a Kafka channel)");
        }
        return consumer;
    }
}
