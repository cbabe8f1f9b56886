package dev.clickstream.bench;

import java.util.Locale;
import java.util.UUID;

import dev.clickstream.model.ProcessedEvent;
import dev.clickstream.model.RawEvent;

/**
 * The benchmark's raw events, each a function of its index, so that any processed record can be checked against
 * the event it came from: event {@code i} belongs to user {@code user-(i % 1000)}, premium when that user's number
 * is even, and its {@code event_id} is a UUID whose low bits are {@code i}.
 */
final class InputEvents {

    static final int USERS = 1000;
    private static final String[] TYPES = { "click", "view", "purchase", "scroll", "login" };

    private final long idPrefix;

    InputEvents(long idPrefix) {
        this.idPrefix = idPrefix;
    }

    static long premiumCount(long events) {
        return (events + 1) / 2;
    }

    static boolean isPremium(long index) {
        return index % 2 == 0;
    }

    static String user(long index) {
        return "user-" + (index % USERS);
    }

    RawEvent event(long index) {
        String type = TYPES[(int) ((index / USERS) % TYPES.length)];
        return new RawEvent(user(index), isPremium(index), type, eventId(index));
    }

    String eventId(long index) {
        return new UUID(idPrefix, index).toString();
    }

    /** The index of an event id of this input, or -1 for an id that is not one. */
    long indexOf(String eventId) {
        try {
            UUID id = UUID.fromString(eventId);
            return id.getMostSignificantBits() == idPrefix ? id.getLeastSignificantBits() : -1;
        } catch (IllegalArgumentException | NullPointerException e) {
            return -1;
        }
    }

    /** What the pipeline must make of event {@code index}, read with the given record timestamp. */
    ProcessedEvent expected(long index, long recordTimestamp) {
        RawEvent raw = event(index);
        return new ProcessedEvent(raw.user().toUpperCase(Locale.ROOT), raw.eventType(), recordTimestamp, raw.eventId());
    }
}
