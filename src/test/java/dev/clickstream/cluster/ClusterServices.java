package dev.clickstream.cluster;

import java.util.List;

import dev.clickstream.testing.KafkaCluster;
import dev.clickstream.testing.ServiceProcess;

/** The packaged service as an instance on a {@link KafkaCluster}, its declared topics as durable as the cluster's. */
final class ClusterServices {

    static final String RAW_EVENTS = "raw_events";
    static final String PROCESSED_EVENTS = "processed_events";
    static final String DEAD_LETTERS = "raw_events_dlq";
    static final List<String> TOPICS = List.of(RAW_EVENTS, PROCESSED_EVENTS, DEAD_LETTERS);

    private ClusterServices() {
    }

    /**
     * An instance named {@code name} on {@code cluster}, not started yet: every declared topic with three replicas and
     * two of them in sync for a write, and the producers' configuration in the log, where the config guard reads it.
     */
    static ServiceProcess instance(String name, KafkaCluster cluster) {
        ServiceProcess service = ServiceProcess.named(name)
                .withProperty("kafka.bootstrap.servers", cluster.bootstrapServers())
                // Kafka logs every client's configuration at INFO under this category; the service's WARN hides it.
                .withProperty("quarkus.log.category.\"org.apache.kafka.common.config.AbstractConfig\".level", "INFO")
                // The dead-letter producer takes the connector's default, acks=1, unless told otherwise.
                .withProperty("mp.messaging.incoming.raw-events.dead-letter-queue.acks", "all")
                .withProperty("mp.messaging.incoming.raw-events.dead-letter-queue.enable.idempotence", "true");
        TOPICS.forEach(topic -> durable(service, topic));
        return service;
    }

    /** Declares {@code topic} with three replicas, two of them in sync for a write. */
    static ServiceProcess durable(ServiceProcess service, String topic) {
        return service.withProperty("clickstream.topics." + topic + ".replication-factor", "3")
                .withProperty("clickstream.topics." + topic + ".config.\"min.insync.replicas\"", "2");
    }
}
