package dev.clickstream.generator;

import java.time.Duration;
import java.util.OptionalLong;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The random event generator: on at start-up or not, how many events, how often. */
@ConfigMapping(prefix = "clickstream.generator")
public interface GeneratorConfig {

    /** Whether the generator starts with the application (on in dev, off in test and prod). */
    @WithDefault("false")
    boolean enabled();

    /** How many events one run sends; 0 sends until stopped. */
    @WithDefault("20")
    long count();

    /** Time between two events. */
    @WithDefault("500ms")
    Duration interval();

    /** Seed of the random sequence; the same seed gives the same events. Random when absent. */
    OptionalLong seed();
}
