package dev.clickstream.faults;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/** Events written straight into {@code raw_events} over a stretch of time, so that a fault can strike mid-stream. */
public final class Streams {

    private static final int CHUNK = 100;

    private Streams() {
    }

    /** Produces the ledger's events 0 to {@code events - 1} in chunks spread over about {@code duration}. */
    public static CompletableFuture<Void> produce(RawProducer producer, Ledger ledger, int events, Duration duration) {
        return produceUntil(producer, ledger, events, duration, () -> true);
    }

    /**
     * Produces the ledger's events from 0 on at the pace of {@code events} over {@code duration}, and goes on at that
     * pace after the first {@code events} until {@code done} says so, for a fault that must strike while events flow
     * however long it takes to set up.
     */
    static CompletableFuture<Void> produceUntil(RawProducer producer, Ledger ledger, int events, Duration duration,
            BooleanSupplier done) {
        long pauseNanos = duration.toNanos() / Math.max(1, events / CHUNK);
        return CompletableFuture.runAsync(() -> {
            for (int from = 0; from < events || !done.getAsBoolean(); from += CHUNK) {
                producer.produce(ledger, from, from < events ? Math.min(events, from + CHUNK) : from + CHUNK);
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
