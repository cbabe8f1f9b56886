package dev.clickstream.pipeline;

/**
 * Why a raw event cannot be processed. Its message, {@code "<reason>: <detail>"}, becomes the
 * {@code dead-letter-reason} header on {@code raw_events_dlq}, so readers of that topic can tell the reasons apart.
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
    }

    private final Reason reason;

    public UnprocessableEventException(Reason reason, String detail) {
        super(reason.label() + ": " + detail, null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
