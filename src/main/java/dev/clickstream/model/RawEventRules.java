package dev.clickstream.model;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What makes a raw event valid, the one definition for both ways in: {@code POST /events} and records written
 * straight to {@code raw_events}. {@code user} and {@code event_type} are required, {@code event_id} may be absent
 * or null (the publisher then assigns one); each given text is a JSON string, not blank, at most {@link #MAX_TEXT}
 * characters (code points), without control characters; {@code is_premium} is a JSON {@code true} or {@code false}.
 * Other fields are ignored.
 * <p>
 * Written here rather than as Bean Validation constraints: the rules judge the JSON as sent (a boolean must be a
 * JSON boolean, before any binding could coerce it), and the Kafka path runs them on every record, outside CDI.
 */
public final class RawEventRules {

    /** Longest user, event type or event id accepted, in characters. */
    public static final int MAX_TEXT = 64;

    static final String USER = "user";
    static final String IS_PREMIUM = "is_premium";
    static final String EVENT_TYPE = "event_type";
    static final String EVENT_ID = "event_id";

    private RawEventRules() {
    }

    /** The event this JSON holds, or an {@link InvalidEventException} naming every bad field. */
    public static RawEvent read(JsonNode json) {
        List<FieldViolation> violations = violationsOf(json);
        if (!violations.isEmpty()) {
            throw new InvalidEventException(violations);
        }
        return new RawEvent(json.get(USER).textValue(), json.get(IS_PREMIUM).booleanValue(),
                json.get(EVENT_TYPE).textValue(), json.path(EVENT_ID).textValue());
    }

    /** Every bad field of this JSON, in wire order; empty when it is a valid raw event. */
    public static List<FieldViolation> violationsOf(JsonNode json) {
        if (json == null || !json.isObject()) {
            return List.of(new FieldViolation("", "must be a JSON object"));
        }
        List<FieldViolation> violations = new ArrayList<>(0);
        text(json, USER, true, violations);
        JsonNode premium = json.get(IS_PREMIUM);
        if (premium == null || premium.isNull()) {
            violations.add(new FieldViolation(IS_PREMIUM, "is required"));
        } else if (!premium.isBoolean()) {
            violations.add(new FieldViolation(IS_PREMIUM, "must be true or false"));
        }
        text(json, EVENT_TYPE, true, violations);
        text(json, EVENT_ID, false, violations);
        return violations;
    }

    /** The same rules for an event already bound (built in code, or read by another reader). */
    public static List<FieldViolation> violationsOf(RawEvent event) {
        List<FieldViolation> violations = new ArrayList<>(0);
        text(USER, event.user(), true, violations);
        if (event.isPremium() == null) {
            violations.add(new FieldViolation(IS_PREMIUM, "is required"));
        }
        text(EVENT_TYPE, event.eventType(), true, violations);
        text(EVENT_ID, event.eventId(), false, violations);
        return violations;
    }

    private static void text(JsonNode json, String field, boolean required, List<FieldViolation> violations) {
        JsonNode value = json.get(field);
        if (value != null && !value.isNull() && !value.isTextual()) {
            violations.add(new FieldViolation(field, "must be a string"));
        } else {
            text(field, value == null ? null : value.textValue(), required, violations);
        }
    }

    private static void text(String field, String value, boolean required, List<FieldViolation> violations) {
        String problem = problemOf(value, required);
        if (problem != null) {
            violations.add(new FieldViolation(field, problem));
        }
    }

    /** What is wrong with a text field's value (null when absent), or null if nothing is. */
    private static String problemOf(String value, boolean required) {
        if (value == null) {
            return required ? "is required" : null;
        }
        if (value.isBlank()) {
            return "must not be blank";
        }
        if (value.codePointCount(0, value.length()) > MAX_TEXT) {
            return "must be at most " + MAX_TEXT + " characters";
        }
        for (int i = 0; i < value.length(); i++) {
            if (Character.isISOControl(value.charAt(i))) {
                return "must not contain control characters";
            }
        }
        return null;
    }
}
