package dev.clickstream.publish;

/** The broker did not ack an event in time, or refused it: the event may not be in {@code raw_events}. */
public class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
