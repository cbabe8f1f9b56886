package dev.clickstream.console;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The console page's data: how often the Kafka overview is refreshed while someone looks. */
@ConfigMapping(prefix = "clickstream.console")
public interface ConsoleConfig {

    /** The shortest time between two refreshes of the overview; a refresh runs only when someone reads it. */
    @WithDefault("2s")
    Duration refresh();

    /** How long one refresh waits for each Admin call before it reports the broker as unreachable. */
    @WithDefault("5s")
    Duration adminTimeout();

    /** Processed records the live feed sends to a newly connected page. */
    @WithDefault("100")
    int feedSize();
}
