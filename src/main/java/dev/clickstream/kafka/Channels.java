package dev.clickstream.kafka;

/**
 * Channel names, shared by beans, configuration and tests. A writer and a reader of one topic use different
 * channel names, so that both really go through Kafka instead of being wired to each other in memory.
 */
public final class Channels {

    /** Outgoing to {@code raw_events}: the generator and {@code POST /events} publish here. */
    public static final String RAW_EVENTS_OUT = "raw-events-out";
    /** Incoming from {@code raw_events}: the processor, consumer group {@code analytics-group}. */
    public static final String RAW_EVENTS = "raw-events";
    /** Outgoing to {@code processed_events}: the processor's output. */
    public static final String PROCESSED_EVENTS = "processed-events";
    /** Incoming from {@code processed_events}: the view of recent processed events. */
    public static final String PROCESSED_EVENTS_IN = "processed-events-in";

    private Channels() {
    }
}
