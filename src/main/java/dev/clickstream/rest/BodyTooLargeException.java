package dev.clickstream.rest;

/** A request body over {@code clickstream.http.max-body-size}, found while reading it; answered 413. */
public class BodyTooLargeException extends RuntimeException {

    private final long max;

    public BodyTooLargeException(long max) {
        super(detail(max), null, false, false);
        this.max = max;
    }

    static Problem problem(long max) {
        return Problem.of(413, "Body too large", detail(max));
    }

    private static String detail(long max) {
        return "a request body may hold at most " + max + " bytes";
    }

    public long max() {
        return max;
    }
}
