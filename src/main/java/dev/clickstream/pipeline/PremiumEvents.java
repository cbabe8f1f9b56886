package dev.clickstream.pipeline;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.clickstream.model.FieldViolation;
import dev.clickstream.model.ProcessedEvent;
import dev.clickstream.model.RawEvent;
import dev.clickstream.model.RawEventRules;

/** The pipeline's logic as pure functions: which raw events are kept, and what each becomes. */
public final class PremiumEvents {

    private PremiumEvents() {
    }

    /**
     * What makes a raw event unprocessable, if anything: {@link RawEventRules}, the rules {@code POST /events} and
     * {@link RawEventDeserializer} apply, for an event that reached the pipeline without them (a null value, or an
     * event another reader bound).
     */
    public static Optional<String> problemOf(RawEvent event) {
        if (event == null) {
            return Optional.of("null value");
        }
        List<FieldViolation> violations = RawEventRules.violationsOf(event);
        return violations.isEmpty() ? Optional.empty()
                : Optional.of(FieldViolation.describe(violations));
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
