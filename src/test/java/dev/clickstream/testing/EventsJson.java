package dev.clickstream.testing;

import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Raw events as a producer writes them, and processed events as a consumer reads them: plain JSON. */
public final class EventsJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private EventsJson() {
    }

    /** {@code {"user":...,"is_premium":...,"event_type":...,"event_id":...}}. */
    public static String raw(String user, boolean premium, String eventType, String eventId) {
        ObjectNode event = MAPPER.createObjectNode()
                .put("user", user)
                .put("is_premium", premium)
                .put("event_type", eventType)
                .put("event_id", eventId);
        return event.toString();
    }

    /** A JSON array of raw events, the body of a batch {@code POST /events}. */
    public static String array(List<String> rawEvents) {
        return rawEvents.stream().collect(Collectors.joining(",", "[", "]"));
    }

    public static JsonNode parse(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + json, e);
        }
    }

    /** The {@code event_id} of a raw or processed event; null for a value without one, or one that is not JSON. */
    public static String eventId(String json) {
        try {
            JsonNode id = json == null ? null : MAPPER.readTree(json).get("event_id");
            return id == null ? null : id.asText();
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
