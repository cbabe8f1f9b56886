package dev.clickstream.pipeline;

import java.util.Arrays;

/**
 * Why a raw event cannot be processed. Its message, {@code "<reason>: <detail>"}, travels as the
 * deserialization-failure header of the record and then as the {@code dead-letter-reason} header on
 * {@code raw_events_dlq}, so the reason can be read back from either.
 */
public class UnprocessableEventException extends RuntimeException {

    /** The kinds of poison pill, as counted and as written at the start of the dead-letter reason. */
    public enum Reason {
        /** A null value, such as a compaction tombstone. */
        TOMBSTONE("tombstone"),
        /** Bytes that are not JSON. */
        MALFORMED_JSON("malformed-json"),
        /** JSON without the shape of a raw event: a field missing, blank or of the wrong type. */
        INVALID_EVENT("invalid-event"),
        /** A well-formed event that failed in processing. */
        PROCESSING_FAILED("processing-failed");

        private final String label;

        Reason(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The reason a message of this exception starts with; {@link #PROCESSING_FAILED} for any other text. */
        public static Reason of(String message) {
            return Arrays.stream(values())
                    .filter(reason -> message != null && message.startsWith(reason.label + ":"))
                    .findFirst().orElse(PROCESSING_FAILED);
        }
    }

    private final Reason reason;

    public UnprocessableEventException(Reason reason, String detail) {
        super(reason.label() + ": " + detail, null, false, false);
        this.reason = reason;
    }

    /** The exception whose message is the given {@code "<reason>: <detail>"} text, such as a header's. */
    public static UnprocessableEventException fromMessage(String message) {
        Reason reason = Reason.of(message);
        String prefix = reason.label() + ": ";
        return new UnprocessableEventException(reason, message.startsWith(prefix) ? message.substring(prefix.length())
                : message);
    }

    public Reason reason() {
        return reason;
    }
}
