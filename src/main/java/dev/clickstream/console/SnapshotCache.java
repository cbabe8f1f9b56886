package dev.clickstream.console;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;

/**
 * The newest snapshot from a slow source, shared by every reader. Only a read refreshes it, and only when the
 * snapshot is at least one interval old: so at most one refresh per interval, never two at once, and none while
 * nobody reads. A reader gets the current snapshot at once while a refresh runs in the background; only the very
 * first read waits for one. Written for the console, whose source is a round of Admin calls that may take seconds
 * when the broker is away; no library cache found covered "refresh on read, never concurrently, never idle".
 */
final class SnapshotCache<T> {

    private final Supplier<T> source;
    private final long intervalNanos;
    private final Duration interval;
    private final Executor executor;
    private final LongSupplier nanoClock;
    private final BroadcastProcessor<T> updates = BroadcastProcessor.create();
    private final CompletableFuture<T> first = new CompletableFuture<>();

    /** Guarded by this. */
    private T latest;
    private long latestStartedAt;
    private boolean refreshing;

    SnapshotCache(Supplier<T> source, Duration interval, Executor executor, LongSupplier nanoClock) {
        this.source = source;
        this.interval = interval;
        this.intervalNanos = interval.toNanos();
        this.executor = executor;
        this.nanoClock = nanoClock;
    }

    /** The newest snapshot; starts a refresh first if it is an interval old and none runs. */
    synchronized CompletionStage<T> read() {
        long now = nanoClock.getAsLong();
        if (!refreshing && (latest == null || now - latestStartedAt >= intervalNanos)) {
            refreshing = true;
            executor.execute(() -> refresh(now));
        }
        return latest == null ? first.minimalCompletionStage() : CompletableFuture.completedFuture(latest);
    }

    /**
     * The current snapshot, then each new one as soon as it is taken. While subscribed, it reads once per interval,
     * which keeps the snapshots coming; cancelled, it reads no more.
     */
    Multi<T> stream() {
        Multi<T> reads = Multi.createFrom().ticks().every(interval).onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> Uni.createFrom().completionStage(this::read));
        Multi<T> all = Multi.createBy().merging().streams(Uni.createFrom().completionStage(this::read).toMulti(),
                updates.onOverflow().drop(), reads);
        return Multi.createFrom().deferred(() -> {
            AtomicReference<T> last = new AtomicReference<>();
            return all.select().where(snapshot -> last.getAndSet(snapshot) != snapshot);
        });
    }

    private void refresh(long startedAt) {
        T snapshot;
        try {
            snapshot = source.get();
        } catch (RuntimeException e) {
            // The source is expected to describe its own failures in the snapshot; this keeps the cache alive if not.
            Log.warnf(e, "Refreshing the snapshot failed");
            synchronized (this) {
                refreshing = false;
            }
            return;
        }
        synchronized (this) {
            latest = snapshot;
            latestStartedAt = startedAt;
            refreshing = false;
        }
        first.complete(snapshot);
        updates.onNext(snapshot);
    }
}
