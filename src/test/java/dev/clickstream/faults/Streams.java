package dev.clickstream.faults;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;

/** Events written straight into {@code raw_events} over a stretch of time, so that a fault can strike mid-stream. */
public final class Streams {

    private static final int CHUNK = 100;

    private Streams() {
    }

    /** Produces the ledger's events 0 to {@code events - 1} in chunks spread over about {@code duration}. */
    public static CompletableFuture<Void> produce(RawProducer producer, Ledger ledger, int events, Duration duration) {
        long pauseNanos = duration.toNanos() / Math.max(1, events / CHUNK);
        return CompletableFuture.runAsync(() -> {
            for (int from = 0; from < events; from += CHUNK) {
                producer.produce(ledger, from, Math.min(events, from + CHUNK));
                // Pacing of the stream, not a wait for a result.
                LockSupport.parkNanos(pauseNanos);
            }
        });
    }

    /** Lets a fault last: the broker stays down, the service stays dead, for this long. */
    public static void hold(Duration outage) {
        LockSupport.parkNanos(outage.toNanos());
    }
}
