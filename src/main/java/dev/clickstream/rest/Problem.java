package dev.clickstream.rest;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An RFC 9457 problem detail, sent as {@code application/problem+json}; {@code violations} names each bad
 * field of an invalid request.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(
        @JsonProperty("type") String type,
        @JsonProperty("title") String title,
        @JsonProperty("status") int status,
        @JsonProperty("detail") String detail,
        @JsonProperty("violations") List<Violation> violations) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One bad field: a JSON path such as {@code [2].is_premium}, and what is wrong with it. */
    public record Violation(@JsonProperty("field") String field, @JsonProperty("message") String message) {
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, List.of());
    }

    public static Problem invalid(String detail, List<Violation> violations) {
        return new Problem("about:blank", "Invalid request", 400, detail, violations);
    }
}
