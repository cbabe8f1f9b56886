package dev.clickstream.rest;

/** A {@code POST /events} batch with more events than {@code clickstream.http.max-batch}; answered 413. */
public class BatchTooLargeException extends RuntimeException {

    public BatchTooLargeException(int size, int max) {
        super("a batch may hold at most " + max + " events, this one has " + size, null, false, false);
    }
}
