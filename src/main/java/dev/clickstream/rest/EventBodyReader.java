package dev.clickstream.rest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import com.fasterxml.jackson.databind.JsonNode;

import dev.clickstream.model.FieldViolation;
import dev.clickstream.model.InvalidEventException;
import dev.clickstream.model.RawEvent;
import dev.clickstream.model.RawEventRules;
import dev.clickstream.model.StrictJson;

/**
 * Turns a {@code POST /events} body (one event or an array of them) into valid raw events with ids, or fails
 * with every bad field of every event, so that a batch with one bad event publishes nothing. The rules are
 * {@link RawEventRules}, the same that {@code raw_events}' deserializer applies.
 */
@Singleton
public class EventBodyReader {

    private final int maxBatch;

    @Inject
    EventBodyReader(HttpConfig config) {
        this(config.maxBatch());
    }

    EventBodyReader(int maxBatch) {
        this.maxBatch = maxBatch;
    }

    /** The events of a body, parsed as strictly as a record on {@code raw_events} ({@link StrictJson}). */
    public List<RawEvent> read(byte[] body) throws IOException {
        return read(StrictJson.parse(body));
    }

    private List<RawEvent> read(JsonNode body) {
        if (body.isObject()) {
            try {
                return List.of(RawEventRules.read(body).withIdAssigned());
            } catch (InvalidEventException e) {
                throw new InvalidRequestException("invalid event", named(e.violations(), ""));
            }
        }
        if (!body.isArray()) {
            throw new InvalidRequestException("body", "must be an event or an array of events");
        }
        if (body.isEmpty()) {
            throw new InvalidRequestException("body", "must hold at least one event");
        }
        if (body.size() > maxBatch) {
            throw new BatchTooLargeException(body.size(), maxBatch);
        }
        List<RawEvent> events = new ArrayList<>(body.size());
        List<Problem.Violation> violations = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            try {
                events.add(RawEventRules.read(body.get(i)).withIdAssigned());
            } catch (InvalidEventException e) {
                violations.addAll(named(e.violations(), "[" + i + "]"));
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("invalid events; none was published", violations);
        }
        return events;
    }

    /** An event's bad fields, named by their path in the body: {@code user}, {@code [2].is_premium}, {@code [3]}. */
    private static List<Problem.Violation> named(List<FieldViolation> violations, String path) {
        List<Problem.Violation> named = new ArrayList<>(violations.size());
        for (FieldViolation violation : violations) {
            String field = violation.field();
            named.add(new Problem.Violation(path.isEmpty() || field.isEmpty() ? path + field : path + "." + field,
                    violation.message()));
        }
        return named;
    }
}
