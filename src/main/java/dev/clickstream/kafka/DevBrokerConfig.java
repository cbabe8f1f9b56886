package dev.clickstream.kafka;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The Kafka broker that {@code quarkus:dev} runs when no other one is configured. */
@ConfigMapping(prefix = "clickstream.dev-broker")
public interface DevBrokerConfig {

    /** Whether dev mode may start a broker at all. */
    @WithDefault("true")
    boolean enabled();

    /** The port clients use: the dev bootstrap servers are {@code localhost:<port>}. */
    @WithDefault("9092")
    int port();

    /** Where the broker keeps its logs, so topics and offsets survive live reloads and restarts. */
    @WithDefault("target/dev-kafka")
    String dataDir();
}
