package dev.clickstream.bench;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

/**
 * Sends requests over at most {@code connections} requests in flight, so over at most that many kept-alive
 * connections, as a load generator with a fixed connection pool does. A request due while all are busy waits
 * here, without holding up the caller; its latency still counts from its due time, so the wait shows in the
 * figures. Without the bound, an overloaded service would see a new connection for every waiting request.
 */
final class BoundedSender {

    private final HttpClient client;
    private final Queue<Waiting> waiting = new ArrayDeque<>();
    private int free;

    private record Waiting(Runnable start, CompletableFuture<?> answer) {
    }

    BoundedSender(HttpClient client, int connections) {
        this.client = client;
        this.free = connections;
    }

    CompletableFuture<HttpResponse<Void>> send(HttpRequest request) {
        CompletableFuture<HttpResponse<Void>> answer = new CompletableFuture<>();
        Runnable start = () -> client.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .whenComplete((response, error) -> {
                    release();
                    if (error != null) {
                        answer.completeExceptionally(error);
                    } else {
                        answer.complete(response);
                    }
                });
        Runnable now;
        synchronized (this) {
            if (free > 0) {
                free--;
                now = start;
            } else {
                waiting.add(new Waiting(start, answer));
                now = null;
            }
        }
        if (now != null) {
            now.run();
        }
        return answer;
    }

    /** Fails every request still waiting for a connection, so that none goes out after the run. */
    void cancelWaiting() {
        Waiting next;
        while ((next = poll()) != null) {
            next.answer().completeExceptionally(new IllegalStateException("still waiting for a connection at the end"));
        }
    }

    private synchronized Waiting poll() {
        return waiting.poll();
    }

    private void release() {
        Waiting next;
        synchronized (this) {
            next = waiting.poll();
            if (next == null) {
                free++;
            }
        }
        if (next != null) {
            next.start().run();
        }
    }
}
