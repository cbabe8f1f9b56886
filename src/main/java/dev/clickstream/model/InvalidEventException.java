package dev.clickstream.model;

import java.util.List;

/** JSON that breaks {@link RawEventRules}, with every bad field. */
public class InvalidEventException extends RuntimeException {

    private final transient List<FieldViolation> violations;

    public InvalidEventException(List<FieldViolation> violations) {
        super(FieldViolation.describe(violations), null, false, false);
        this.violations = List.copyOf(violations);
    }

    public List<FieldViolation> violations() {
        return violations;
    }
}
