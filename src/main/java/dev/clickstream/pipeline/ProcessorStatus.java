package dev.clickstream.pipeline;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether the processor's consumer is paused, and its paused partitions ({@code raw_events-0}, ...). */
public record ProcessorStatus(
        @JsonProperty("paused") boolean paused,
        @JsonProperty("paused_partitions") List<String> pausedPartitions) {
}
