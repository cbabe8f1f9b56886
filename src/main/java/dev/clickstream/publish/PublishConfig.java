package dev.clickstream.publish;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How publishing to {@code raw_events} behaves towards its callers. */
@ConfigMapping(prefix = "clickstream.publish")
public interface PublishConfig {

    /** How long a caller waits for the broker's ack before the publish counts as failed. */
    @WithDefault("5s")
    Duration ackTimeout();

    /** What a 503 answer's {@code Retry-After} tells the client to wait. */
    @WithDefault("5s")
    Duration retryAfter();
}
