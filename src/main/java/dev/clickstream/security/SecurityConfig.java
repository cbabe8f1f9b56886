package dev.clickstream.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * {@code clickstream.security.*}: whether writes need an authenticated caller with the right role, and whether
 * reads need one too. The rules themselves are Quarkus HTTP permissions in {@code application.properties}.
 */
@ConfigMapping(prefix = "clickstream.security")
public interface SecurityConfig {

    /** Writes ({@code POST /events}, the generator, {@code /dev/*}) need the publisher or operator role. */
    @WithDefault("true")
    boolean enabled();

    /** Reads (the processed events, the generator's status, the console) need an authenticated caller. */
    @WithDefault("false")
    boolean protectReads();
}
