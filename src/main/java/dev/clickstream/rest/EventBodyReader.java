package dev.clickstream.rest;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.clickstream.model.RawEvent;
import dev.clickstream.publish.PublishConfig;

/**
 * Turns a {@code POST /events} body (one event or an array of them) into valid raw events with ids, or fails
 * with every bad field of every event, so that a batch with one bad event publishes nothing.
 */
@ApplicationScoped
public class EventBodyReader {

    @Inject
    ObjectMapper mapper;

    @Inject
    Validator validator;

    @Inject
    PublishConfig config;

    public List<RawEvent> read(JsonNode body) {
        if (body == null || body.isMissingNode()) {
            throw new InvalidRequestException("body", "must be an event or an array of events");
        }
        if (!body.isArray()) {
            return List.of(readOne(body, ""));
        }
        if (body.isEmpty()) {
            throw new InvalidRequestException("body", "must hold at least one event");
        }
        if (body.size() > config.maxBatch()) {
            throw new BatchTooLargeException(body.size(), config.maxBatch());
        }
        List<RawEvent> events = new ArrayList<>(body.size());
        List<Problem.Violation> violations = new ArrayList<>();
        for (int i = 0; i < body.size(); i++) {
            try {
                events.add(readOne(body.get(i), "[" + i + "]."));
            } catch (InvalidRequestException e) {
                violations.addAll(e.violations());
            }
        }
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("invalid events; none was published", violations);
        }
        return events;
    }

    private RawEvent readOne(JsonNode node, String prefix) {
        if (!node.isObject()) {
            throw new InvalidRequestException(prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1),
                    "must be a JSON object");
        }
        List<Problem.Violation> wrongTypes = wrongTypes(node, prefix);
        if (!wrongTypes.isEmpty()) {
            throw new InvalidRequestException("invalid event", wrongTypes);
        }
        RawEvent event;
        try {
            event = mapper.treeToValue(node, RawEvent.class);
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException("invalid event", List.of(new Problem.Violation(prefix + "event",
                    e.getOriginalMessage())));
        }
        Set<ConstraintViolation<RawEvent>> violations = validator.validate(event);
        if (!violations.isEmpty()) {
            throw new InvalidRequestException("invalid event", violations.stream()
                    .map(v -> new Problem.Violation(prefix + RawEvent.jsonName(v.getPropertyPath().toString()),
                            v.getMessage()))
                    .sorted(Comparator.comparing(Problem.Violation::field))
                    .toList());
        }
        return event.withIdAssigned();
    }

    /** Every field of the event whose JSON type is wrong (null is left to validation). */
    private static List<Problem.Violation> wrongTypes(JsonNode event, String prefix) {
        List<Problem.Violation> violations = new ArrayList<>();
        for (String field : List.of("user", "event_type", "event_id")) {
            JsonNode value = event.get(field);
            if (value != null && !value.isNull() && !value.isTextual()) {
                violations.add(new Problem.Violation(prefix + field, "must be a string"));
            }
        }
        JsonNode premium = event.get("is_premium");
        if (premium != null && !premium.isNull() && !premium.isBoolean()) {
            violations.add(new Problem.Violation(prefix + "is_premium", "must be true or false"));
        }
        return violations;
    }
}
