package dev.clickstream.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * A premium user's event as it travels on {@code processed_events}:
 * {@code {"user":"ALICE","event":"click","timestamp_processed":1732712345678,"event_id":"..."}}, where
 * {@code timestamp_processed} is the Kafka timestamp (epoch millis) of the raw record it came from.
 * <p>
 * Registered for reflection because the view decodes it with its own Jackson reader, which no channel's generated
 * deserializer registers in a native executable.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "user", "event", "timestamp_processed", "event_id" })
public record ProcessedEvent(
        @JsonProperty("user") String user,
        @JsonProperty("event") String event,
        @JsonProperty("timestamp_processed") long timestampProcessed,
        @JsonProperty("event_id") String eventId) {
}
