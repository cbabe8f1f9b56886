package dev.clickstream.kafka;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Kafka broker, or cluster, that {@code quarkus:dev} runs when no other one is configured. */
@ConfigMapping(prefix = "clickstream.dev-broker")
public interface DevBrokerConfig {

    /** Whether dev mode may start a broker at all. */
    @WithDefault("true")
    boolean enabled();

    /** The first broker's port: the dev bootstrap servers are {@code localhost:<port>}; broker n listens on port+n-1. */
    @WithDefault("9092")
    int port();

    /** How many brokers: 1 runs a single node (broker and controller in one); more run a cluster. */
    @WithDefault("1")
    int brokers();

    /** The controller's port; by default the port after the last broker's (9093 for one broker, 9095 for three). */
    Optional<Integer> controllerPort();

    /** Where the broker keeps its logs, so topics and offsets survive live reloads and restarts. */
    @WithDefault("target/dev-kafka")
    String dataDir();
}
