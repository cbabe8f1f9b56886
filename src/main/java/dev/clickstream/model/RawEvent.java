package dev.clickstream.model;

import java.util.UUID;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A user-activity event as it travels on {@code raw_events}:
 * {@code {"user":"alice","is_premium":true,"event_type":"click","event_id":"..."}}. What makes one valid is
 * {@link RawEventRules}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "user", "is_premium", "event_type", "event_id" })
public record RawEvent(
        @JsonProperty("user") String user,
        @JsonProperty("is_premium") Boolean isPremium,
        @JsonProperty("event_type") String eventType,
        @JsonProperty("event_id") String eventId) {

    public RawEvent(String user, boolean isPremium, String eventType) {
        this(user, isPremium, eventType, null);
    }

    public boolean premium() {
        return Boolean.TRUE.equals(isPremium);
    }

    /** This event with an {@code event_id}: its own if it has one, a random UUID otherwise. */
    public RawEvent withIdAssigned() {
        return eventId != null ? this : new RawEvent(user, isPremium, eventType, UUID.randomUUID().toString());
    }
}
