package dev.clickstream.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.IntStream;

import dev.clickstream.testing.EventsJson;

/**
 * A well-behaved client of {@code POST /events}: sends a ledger's events in batches from a few workers, and retries a
 * batch answered 503 (or not answered at all) with the same {@code event_id}s, until it is answered 202 or
 * {@code giveUpAfter} has passed (one try only for zero). A 202 marks the batch's events acked in the ledger.
 */
public final class HttpLoad {

    private static final int BATCH = 100;
    private static final int WORKERS = 3;
    private static final Duration PAUSE_BEFORE_RETRY = Duration.ofMillis(500);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final String url;
    private final Ledger ledger;
    private final int events;
    private final Duration giveUpAfter;
    private Duration spread = Duration.ZERO;
    private final AtomicInteger accepted = new AtomicInteger();
    private final AtomicInteger unavailable = new AtomicInteger();
    private final AtomicInteger unanswered = new AtomicInteger();
    private final List<String> unexpected = new ArrayList<>();

    public HttpLoad(String eventsUrl, Ledger ledger, int events, Duration giveUpAfter) {
        this.url = eventsUrl;
        this.ledger = ledger;
        this.events = events;
        this.giveUpAfter = giveUpAfter;
    }

    /** Spreads the batches over about {@code duration} instead of sending them as fast as they are answered. */
    public HttpLoad spreadOver(Duration duration) {
        this.spread = duration;
        return this;
    }

    /** Starts the workers; the future completes when every batch was answered 202 or given up. */
    public CompletableFuture<Void> start() {
        int batches = (events + BATCH - 1) / BATCH;
        long pauseNanos = spread.toNanos() * WORKERS / Math.max(1, batches);
        return CompletableFuture.allOf(IntStream.range(0, WORKERS)
                .mapToObj(worker -> CompletableFuture.runAsync(() -> {
                    for (int batch = worker; batch < batches; batch += WORKERS) {
                        send(batch * BATCH, Math.min(events, (batch + 1) * BATCH));
                        // Pacing of the load, not a wait for a result.
                        LockSupport.parkNanos(pauseNanos);
                    }
                }))
                .toArray(CompletableFuture[]::new));
    }

    private void send(int from, int to) {
        List<String> ids = new ArrayList<>();
        List<String> json = new ArrayList<>();
        for (int n = from; n < to; n++) {
            ids.add(ledger.id(n));
            json.add(EventsJson.raw(Ledger.user(n), Ledger.premium(n), "click", ledger.id(n)));
        }
        ids.forEach(ledger::sent);
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(EventsJson.array(json)))
                .build();
        long deadline = System.nanoTime() + giveUpAfter.toNanos();
        while (true) {
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 202) {
                    accepted.incrementAndGet();
                    ids.forEach(ledger::acked);
                    return;
                }
                if (response.statusCode() == 503) {
                    unavailable.incrementAndGet();
                } else {
                    synchronized (unexpected) {
                        unexpected.add(response.statusCode() + " " + response.body());
                    }
                    return;
                }
            } catch (IOException e) {
                unanswered.incrementAndGet();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (System.nanoTime() >= deadline) {
                return;
            }
            // A client's back-off between retries, not a wait for a result.
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(PAUSE_BEFORE_RETRY.toMillis()));
        }
    }

    public int accepted() {
        return accepted.get();
    }

    public int unavailable() {
        return unavailable.get();
    }

    public int unanswered() {
        return unanswered.get();
    }

    public List<String> unexpected() {
        synchronized (unexpected) {
            return List.copyOf(unexpected);
        }
    }
}
