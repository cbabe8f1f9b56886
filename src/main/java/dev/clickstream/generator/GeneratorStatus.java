package dev.clickstream.generator;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** What the generator is doing: whether it runs, its settings, and how its events fared. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record GeneratorStatus(
        @JsonProperty("running") boolean running,
        @JsonProperty("count") long count,
        @JsonProperty("interval_ms") long intervalMs,
        @JsonProperty("seed") Long seed,
        @JsonProperty("sent") long sent,
        @JsonProperty("failed") long failed) {
}
