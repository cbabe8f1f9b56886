package dev.clickstream.model;

import java.util.List;
import java.util.stream.Collectors;

/**
 * One bad field of a raw event: its JSON name ({@code is_premium}), or {@code ""} for the event as a whole, and what
 * is wrong with it ({@code must be true or false}).
 */
public record FieldViolation(String field, String message) {

    /** The violation as a sentence: {@code "is_premium must be true or false"}. */
    public String describe() {
        return field.isEmpty() ? "the event " + message : field + " " + message;
    }

    /** Several violations as one text: {@code "user is required; is_premium must be true or false"}. */
    public static String describe(List<FieldViolation> violations) {
        return violations.stream().map(FieldViolation::describe).collect(Collectors.joining("; "));
    }
}
