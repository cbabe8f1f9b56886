package dev.clickstream.view;

import java.util.Collection;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import io.smallrye.common.annotation.Identifier;
import io.smallrye.reactive.messaging.kafka.KafkaConsumerRebalanceListener;

/**
 * Rebalance listener of {@code processed-events-in}: on assignment, rewinds each partition to its last
 * {@code clickstream.view.capacity} records, so a freshly started view already shows recent events.
 */
@ApplicationScoped
@Identifier("view-rewinder")
public class ViewRewinder implements KafkaConsumerRebalanceListener {

    @Inject
    ViewConfig config;

    @Override
    public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
        Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions);
        consumer.endOffsets(partitions).forEach((partition, end) -> consumer.seek(partition,
                Math.max(beginnings.get(partition), end - config.capacity())));
    }
}
