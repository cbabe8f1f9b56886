package dev.clickstream.health;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code clickstream.health.*}: how the readiness check looks at the topics' partitions. */
@ConfigMapping(prefix = "clickstream.health")
public interface HealthConfig {

    /** How long one look at the partitions answers every readiness probe before the next probe looks again. */
    @WithDefault("5s")
    Duration partitionsRefresh();

    /** How long one look waits for the broker before readiness reports it unreachable. */
    @WithDefault("3s")
    Duration adminTimeout();
}
