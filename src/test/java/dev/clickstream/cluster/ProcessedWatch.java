package dev.clickstream.cluster;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import dev.clickstream.testing.EventsJson;

/**
 * Watches {@code processed_events} from its current end, outside any group, and notes when each record arrived, so
 * that a failover can be timed from a broker's death to the first event produced after it that came through.
 */
final class ProcessedWatch implements AutoCloseable {

    private record Arrival(int partition, long producedAt, long arrivedAt) {
    }

    private final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final CompletableFuture<Void> loop;

    ProcessedWatch(String bootstrapServers) {
        KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false"), new StringDeserializer(), new StringDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(ClusterServices.PROCESSED_EVENTS, Duration.ofSeconds(30))
                .stream().map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        loop = CompletableFuture.runAsync(() -> {
            try (consumer) {
                while (running.get()) {
                    consumer.poll(Duration.ofMillis(100)).forEach(record -> arrivals.add(new Arrival(
                            record.partition(),
                            EventsJson.parse(record.value()).path("timestamp_processed").asLong(),
                            System.currentTimeMillis())));
                }
            }
        });
    }

    /**
     * Milliseconds from {@code sinceMillis} (wall clock) to the arrival of the first record of {@code partition}
     * whose raw event was produced after {@code sinceMillis}; empty while there is none.
     */
    OptionalLong firstProducedAfter(int partition, long sinceMillis) {
        return arrivals.stream()
                .filter(arrival -> arrival.partition() == partition && arrival.producedAt() > sinceMillis)
                .mapToLong(arrival -> arrival.arrivedAt() - sinceMillis)
                .min();
    }

    /**
     * The longest stretch in milliseconds between {@code fromMillis} and {@code toMillis} (wall clock) in which no
     * processed record arrived: the output's pause, as while a group rebalances.
     */
    long longestPause(long fromMillis, long toMillis) {
        long[] times = arrivals.stream().mapToLong(Arrival::arrivedAt)
                .filter(at -> at >= fromMillis && at <= toMillis).sorted().toArray();
        long previous = fromMillis;
        long longest = 0;
        for (long at : times) {
            longest = Math.max(longest, at - previous);
            previous = at;
        }
        return Math.max(longest, toMillis - previous);
    }

    @Override
    public void close() {
        running.set(false);
        loop.join();
    }
}
