package dev.clickstream.rest;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What {@code POST /events} accepts. */
@ConfigMapping(prefix = "clickstream.http")
public interface HttpConfig {

    /**
     * The largest {@code POST /events} body, whether its size is announced ({@code Content-Length}) or not
     * (chunked); larger ones are answered 413.
     */
    @WithDefault("1M")
    MemorySize maxBodySize();

    /** The most events one {@code POST /events} may carry. */
    @WithDefault("500")
    int maxBatch();
}
