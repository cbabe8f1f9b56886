package dev.clickstream.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.clickstream.faults.Ledger;
import dev.clickstream.testing.EventsJson;
import dev.clickstream.testing.Kcat;

/**
 * A ledger's events written into {@code raw_events} by kcat (librdkafka, {@code acks=all}, idempotent), in chunks
 * spread over a stretch of time. A chunk counts as acked when kcat exits 0, which it does only once every message of
 * it was delivered; a chunk kcat fails is counted and not retried.
 */
final class KcatStream {

    private static final int CHUNK = 250;

    private final AtomicInteger failedChunks = new AtomicInteger();

    /** Produces events 0 to {@code events - 1} of the ledger over about {@code duration}. */
    CompletableFuture<Void> produce(Kcat kcat, Ledger ledger, int events, Duration duration) {
        long pauseNanos = duration.toNanos() / Math.max(1, events / CHUNK);
        return CompletableFuture.runAsync(() -> {
            for (int from = 0; from < events; from += CHUNK) {
                List<String> lines = new ArrayList<>();
                List<String> ids = new ArrayList<>();
                for (int n = from; n < Math.min(events, from + CHUNK); n++) {
                    ids.add(ledger.id(n));
                    lines.add(Ledger.user(n) + "|" + EventsJson.raw(Ledger.user(n), Ledger.premium(n), "click",
                            ledger.id(n)));
                }
                ids.forEach(ledger::sent);
                try {
                    kcat.produceKeyed(ClusterServices.RAW_EVENTS, lines, "enable.idempotence=true", "acks=all");
                    ids.forEach(ledger::acked);
                } catch (IllegalStateException e) {
                    failedChunks.incrementAndGet();
                }
                // Pacing of the stream, not a wait for a result.
                LockSupport.parkNanos(pauseNanos);
            }
        });
    }

    int failedChunks() {
        return failedChunks.get();
    }
}
