package dev.clickstream.pipeline;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the raw events the processor keeps and drops, by {@code event_type}, as the metric
 * {@code clickstream_events_total{outcome="kept|dropped",event_type="..."}} at {@code /q/metrics}, and for the
 * console page. Event types are whatever producers write, so only the first {@value #MAX_EVENT_TYPES} distinct
 * ones get their own tag value; later ones are counted under {@value #OTHER}, which keeps the number of time
 * series bounded.
 */
@ApplicationScoped
public class EventOutcomes {

    static final int MAX_EVENT_TYPES = 32;
    static final String OTHER = "other";

    /** Kept and dropped counts of one event type. */
    public record Counts(long kept, long dropped) {
    }

    private record Pair(Counter kept, Counter dropped) {
    }

    private final MeterRegistry registry;
    /** Looked up once per record: a map read, no meter registration on the hot path once a type is known. */
    private final Map<String, Pair> byType = new ConcurrentHashMap<>();
    /** Set once the cap is reached: from then on an unknown type costs one map miss, no lock. */
    private volatile Pair other;

    @Inject
    public EventOutcomes(MeterRegistry registry) {
        this.registry = registry;
    }

    public void kept(String eventType) {
        pairOf(eventType).kept().increment();
    }

    public void dropped(String eventType) {
        pairOf(eventType).dropped().increment();
    }

    /** Counts so far by event type tag value (the capped set, {@value #OTHER} included), sorted by name. */
    public Map<String, Counts> counts() {
        Map<String, Counts> counts = new TreeMap<>();
        byType.forEach((type, pair) -> counts.put(type,
                new Counts((long) pair.kept().count(), (long) pair.dropped().count())));
        return counts;
    }

    private Pair pairOf(String eventType) {
        Pair pair = byType.get(eventType);
        if (pair != null) {
            return pair;
        }
        Pair other = this.other;
        return other != null ? other : register(eventType);
    }

    private synchronized Pair register(String eventType) {
        Pair known = byType.get(eventType);
        if (known != null) {
            return known;
        }
        // Past the cap, a new type shares the "other" counters; it is not added to the map under its own name.
        if (byType.size() >= MAX_EVENT_TYPES) {
            other = byType.computeIfAbsent(OTHER, this::newPair);
            return other;
        }
        Pair pair = newPair(eventType);
        byType.put(eventType, pair);
        return pair;
    }

    private Pair newPair(String tag) {
        return new Pair(counter("kept", tag), counter("dropped", tag));
    }

    private Counter counter(String outcome, String eventType) {
        return Counter.builder("clickstream.events")
                .description("Raw events the processor kept (premium) or dropped, by event type")
                .tag("outcome", outcome)
                .tag("event_type", eventType)
                .register(registry);
    }
}
