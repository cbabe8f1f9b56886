package dev.clickstream.rest;

import java.util.List;

/** A request that names bad fields; answered 400 with those fields. */
public class InvalidRequestException extends RuntimeException {

    private final transient List<Problem.Violation> violations;

    public InvalidRequestException(String detail, List<Problem.Violation> violations) {
        super(detail, null, false, false);
        this.violations = List.copyOf(violations);
    }

    public InvalidRequestException(String field, String message) {
        this("invalid " + field, List.of(new Problem.Violation(field, message)));
    }

    public List<Problem.Violation> violations() {
        return violations;
    }
}
