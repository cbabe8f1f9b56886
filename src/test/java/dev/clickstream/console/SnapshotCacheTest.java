package dev.clickstream.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.subscription.Cancellable;

/** The shared cache behind the console: refreshes never overlap, come at most once an interval, and need a reader. */
class SnapshotCacheTest {

    private static final Duration INTERVAL = Duration.ofMillis(100);
    /** Longer than the interval, so that readers keep finding the snapshot stale while a refresh runs. */
    private static final long REFRESH_MS = 250;

    private final ExecutorService refreshers = Executors.newCachedThreadPool();
    private final ExecutorService readers = Executors.newFixedThreadPool(8);
    private final SlowSource source = new SlowSource();

    @AfterEach
    void stop() {
        readers.shutdownNow();
        refreshers.shutdownNow();
    }

    @Test
    void concurrentReadersNeverStartTwoRefreshesAtOnce() throws Exception {
        SnapshotCache<Integer> cache = new SnapshotCache<>(source, INTERVAL, refreshers, System::nanoTime);
        long start = System.nanoTime();
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            running.add(readers.submit(() -> {
                while (System.nanoTime() - start < TimeUnit.SECONDS.toNanos(2)) {
                    cache.read().toCompletableFuture().join();
                }
            }));
        }
        for (Future<?> reader : running) {
            reader.get(10, TimeUnit.SECONDS);
        }
        await().until(() -> source.running.get() == 0);

        assertThat(source.mostAtOnce.get()).isEqualTo(1);
        // 2 s of constant reading: refreshes back to back, each 250 ms long, so about 8, never more than 2 s / 100 ms.
        assertThat(source.calls.get()).isBetween(2, 21);
    }

    @Test
    void readersGetTheCurrentSnapshotWhileARefreshRuns() {
        SnapshotCache<Integer> cache = new SnapshotCache<>(source, INTERVAL, refreshers, System::nanoTime);
        assertThat(cache.read().toCompletableFuture().join()).isEqualTo(1);
        await().pollDelay(INTERVAL).until(() -> source.running.get() == 0);

        long before = System.nanoTime();
        Integer during = cache.read().toCompletableFuture().join();

        assertThat(during).as("the stale snapshot, while the second refresh runs").isEqualTo(1);
        assertThat(System.nanoTime() - before).as("no wait for the refresh")
                .isLessThan(TimeUnit.MILLISECONDS.toNanos(REFRESH_MS));
        await().until(() -> cache.read().toCompletableFuture().join() == 2);
    }

    @Test
    void noRefreshRunsWithoutAReader() {
        SnapshotCache<Integer> cache = new SnapshotCache<>(source, INTERVAL, refreshers, System::nanoTime);

        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> source.calls.get() == 0);

        cache.read().toCompletableFuture().join();
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> source.calls.get() == 1);
    }

    @Test
    void aStreamKeepsRefreshingWhileSubscribedAndStopsOnceCancelled() {
        SnapshotCache<Integer> cache = new SnapshotCache<>(source, INTERVAL, refreshers, System::nanoTime);
        List<Integer> seen = new CopyOnWriteArrayList<>();
        Cancellable subscription = cache.stream().subscribe().with(seen::add);

        await().atMost(Duration.ofSeconds(5)).until(() -> seen.size() >= 4);
        subscription.cancel();
        await().until(() -> source.running.get() == 0);
        int afterCancel = source.calls.get();

        assertThat(seen).as("each snapshot once, in order").doesNotHaveDuplicates().isSorted();
        assertThat(source.mostAtOnce.get()).isEqualTo(1);
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(2))
                .until(() -> source.calls.get() == afterCancel);
    }

    @Test
    void twoStreamsShareOneRefreshPerInterval() {
        SnapshotCache<Integer> cache = new SnapshotCache<>(source, INTERVAL, refreshers, System::nanoTime);
        List<Integer> first = new CopyOnWriteArrayList<>();
        List<Integer> second = new CopyOnWriteArrayList<>();
        Cancellable a = cache.stream().subscribe().with(first::add);
        Cancellable b = cache.stream().subscribe().with(second::add);

        await().atMost(Duration.ofSeconds(5)).until(() -> first.size() >= 5 && second.size() >= 5);
        a.cancel();
        b.cancel();

        assertThat(source.mostAtOnce.get()).isEqualTo(1);
        // Both saw the same numbered snapshots: one source call served both.
        assertThat(first.subList(1, 4)).containsAnyElementsOf(second);
    }

    /** A source that takes {@value #REFRESH_MS} ms and counts its calls and how many ran at once. */
    private static final class SlowSource implements Supplier<Integer> {
        final AtomicInteger calls = new AtomicInteger();
        final AtomicInteger running = new AtomicInteger();
        final AtomicInteger mostAtOnce = new AtomicInteger();

        @Override
        public Integer get() {
            int now = running.incrementAndGet();
            mostAtOnce.accumulateAndGet(now, Math::max);
            try {
                // Stands for the Admin calls' round trips; this is the fake's own duration, not a wait for a result.
                Thread.sleep(REFRESH_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            running.decrementAndGet();
            return calls.incrementAndGet();
        }
    }
}
