package dev.clickstream.view;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import dev.clickstream.kafka.Channels;
import dev.clickstream.model.ProcessedEvent;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * Reads {@code processed-events-in}, a poll at a time: keeps the newest processed events (by {@code timestamp_processed}) for
 * {@code GET /events/processed} and broadcasts each one live to every stream subscriber.
 */
@ApplicationScoped
public class ProcessedEventsView {

    static final int LIVE_BUFFER = 1024;

    private final RecentEvents<ProcessedEvent> recent;
    private final BroadcastProcessor<ProcessedEvent> live = BroadcastProcessor.create();

    @Inject
    public ProcessedEventsView(ViewConfig config) {
        this.recent = new RecentEvents<>(config.capacity(), ProcessedEvent::timestampProcessed);
    }

    /** Each poll's processed events at once (the channel is a batch channel). */
    @Incoming(Channels.PROCESSED_EVENTS_IN)
    public void onProcessed(List<ProcessedEvent> events) {
        Log.debugf("%d processed events", events.size());
        recent.addAll(events);
        events.forEach(live::onNext);
    }

    /** Up to {@code limit} processed events, newest first. */
    public List<ProcessedEvent> newest(int limit) {
        return recent.newest(limit);
    }

    public int capacity() {
        return recent.capacity();
    }

    /**
     * Processed events from now on. Each subscriber has a buffer of {@value #LIVE_BUFFER} events; one that falls
     * further behind is failed (an SSE client then reconnects) rather than slowing the others down.
     */
    public Multi<ProcessedEvent> live() {
        return live.onOverflow().buffer(LIVE_BUFFER);
    }
}
