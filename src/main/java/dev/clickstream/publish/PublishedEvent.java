package dev.clickstream.publish;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where the broker stored a raw event: its id, and the partition and offset in {@code raw_events}. */
public record PublishedEvent(
        @JsonProperty("event_id") String eventId,
        @JsonProperty("partition") int partition,
        @JsonProperty("offset") long offset) {
}
