package dev.clickstream.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Reads the console's overview stream ({@code GET /kafka/overview/stream}) as an open page does, on a thread of its
 * own, counting the snapshots that arrive, until closed.
 */
final class OverviewWatcher implements AutoCloseable {

    private final InputStream body;
    private final Thread reader;
    private final AtomicInteger snapshots = new AtomicInteger();

    private OverviewWatcher(InputStream body) {
        this.body = body;
        this.reader = new Thread(this::read, "overview-watcher");
        reader.setDaemon(true);
        reader.start();
    }

    static OverviewWatcher open(String url) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(url)).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IllegalStateException(url + " answered " + response.statusCode());
        }
        return new OverviewWatcher(response.body());
    }

    /** The snapshots read so far. */
    int snapshots() {
        return snapshots.get();
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            boolean data = false;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.isEmpty() && data) {
                    snapshots.incrementAndGet();
                }
                data = line.startsWith("data:");
            }
        } catch (IOException closed) {
            // the watcher was closed, or the service stopped
        }
    }

    @Override
    public void close() {
        try {
            body.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
