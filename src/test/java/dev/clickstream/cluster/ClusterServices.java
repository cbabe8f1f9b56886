package dev.clickstream.cluster;

import java.util.List;

import dev.clickstream.testing.KafkaCluster;
import dev.clickstream.testing.ServiceProcess;

/** The packaged service as an instance on a {@link KafkaCluster}. */
final class ClusterServices {

    static final String RAW_EVENTS = "raw_events";
    static final String PROCESSED_EVENTS = "processed_events";
    static final String DEAD_LETTERS = "raw_events_dlq";
    static final List<String> TOPICS = List.of(RAW_EVENTS, PROCESSED_EVENTS, DEAD_LETTERS);

    private ClusterServices() {
    }

    /**
     * An instance named {@code name} on {@code cluster}, not started yet, as an operator would start it: no setting
     * about replication, so that the topics and producers are as durable as the service makes them by itself. Only
     * the producers' configuration goes to the log, where the config guard reads it.
     */
    static ServiceProcess instance(String name, KafkaCluster cluster) {
        return ServiceProcess.named(name)
                .withProperty("kafka.bootstrap.servers", cluster.bootstrapServers())
                // Kafka logs every client's configuration at INFO under this category; the service's WARN hides it.
                .withProperty("quarkus.log.category.\"org.apache.kafka.common.config.AbstractConfig\".level", "INFO");
    }
}
