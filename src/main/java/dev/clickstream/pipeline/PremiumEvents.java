package dev.clickstream.pipeline;

import java.util.Locale;
import java.util.Optional;

import dev.clickstream.model.ProcessedEvent;
import dev.clickstream.model.RawEvent;

/** The pipeline's logic as pure functions: which raw events are kept, and what each becomes. */
public final class PremiumEvents {

    private PremiumEvents() {
    }

    /**
     * What makes a raw event read from Kafka unprocessable, if anything. Producers other than this service can
     * write anything to {@code raw_events}: a tombstone, or JSON without the fields the transform needs.
     */
    public static Optional<String> problemOf(RawEvent event) {
        if (event == null) {
            return Optional.of("null value");
        }
        if (event.user() == null || event.user().isBlank()) {
            return Optional.of("missing user");
        }
        if (event.isPremium() == null) {
            return Optional.of("missing is_premium");
        }
        if (event.eventType() == null || event.eventType().isBlank()) {
            return Optional.of("missing event_type");
        }
        return Optional.empty();
    }

    /** Only premium users' events go on to {@code processed_events}. */
    public static boolean isKept(RawEvent event) {
        return event.premium();
    }

    /**
     * The processed form of a kept event.
     *
     * @param recordTimestamp the Kafka timestamp of the raw record, in epoch milliseconds
     */
    public static ProcessedEvent transform(RawEvent event, long recordTimestamp) {
        return new ProcessedEvent(event.user().toUpperCase(Locale.ROOT), event.eventType(), recordTimestamp,
                event.eventId());
    }
}
