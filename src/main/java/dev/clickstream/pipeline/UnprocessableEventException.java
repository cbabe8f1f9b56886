package dev.clickstream.pipeline;

/** Why the processor nacked a raw event instead of processing or dropping it. */
public class UnprocessableEventException extends RuntimeException {

    public UnprocessableEventException(String reason) {
        super(reason, null, false, false);
    }
}
