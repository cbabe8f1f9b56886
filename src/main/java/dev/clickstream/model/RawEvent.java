package dev.clickstream.model;

import java.util.UUID;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * A user-activity event as it travels on {@code raw_events}:
 * {@code {"user":"alice","is_premium":true,"event_type":"click","event_id":"..."}}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "user", "is_premium", "event_type", "event_id" })
public record RawEvent(
        @JsonProperty("user") @NotBlank @Size(max = MAX_TEXT) @Pattern(regexp = PRINTABLE, message = MUST_BE_PRINTABLE) String user,
        @JsonProperty("is_premium") @NotNull Boolean isPremium,
        @JsonProperty("event_type") @NotBlank @Size(max = MAX_TEXT) @Pattern(regexp = PRINTABLE, message = MUST_BE_PRINTABLE) String eventType,
        @JsonProperty("event_id") @Size(max = MAX_TEXT) @Pattern(regexp = PRINTABLE, message = MUST_BE_PRINTABLE) String eventId) {

    /** Longest user, event type or event id accepted, in characters. */
    public static final int MAX_TEXT = 64;
    static final String PRINTABLE = "[^\\p{Cntrl}]*";
    static final String MUST_BE_PRINTABLE = "must not contain control characters";

    public RawEvent(String user, boolean isPremium, String eventType) {
        this(user, isPremium, eventType, null);
    }

    public boolean premium() {
        return Boolean.TRUE.equals(isPremium);
    }

    /** The JSON name of a record component, for naming bad fields to clients. */
    public static String jsonName(String component) {
        return switch (component) {
            case "isPremium" -> "is_premium";
            case "eventType" -> "event_type";
            case "eventId" -> "event_id";
            default -> component;
        };
    }

    /** This event with an {@code event_id}: its own if it has one, a random UUID otherwise. */
    public RawEvent withIdAssigned() {
        return eventId != null ? this : new RawEvent(user, isPremium, eventType, UUID.randomUUID().toString());
    }
}
