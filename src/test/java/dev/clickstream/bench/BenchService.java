package dev.clickstream.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) in a JVM of its own, configured with
 * {@code -D} properties, on a free HTTP port.
 */
final class BenchService implements AutoCloseable {

    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    private final JvmProcess process;
    private final URI base;

    private BenchService(JvmProcess process, URI base) {
        this.process = process;
        this.base = base;
    }

    static BenchService start(String jvmOptions, Map<String, String> config, Path log) throws IOException {
        if (!Files.exists(JAR)) {
            throw new IllegalStateException(JAR + " is missing: the benchmark runs after the package phase");
        }
        int port = BenchBroker.freePort();
        List<String> properties = new ArrayList<>();
        properties.add("quarkus.http.port=" + port);
        config.forEach((key, value) -> properties.add(key + "=" + value));
        return new BenchService(JvmProcess.jar(JAR, jvmOptions, properties, log),
                URI.create("http://localhost:" + port));
    }

    URI base() {
        return base;
    }

    long pid() {
        return process.pid();
    }

    long startNanos() {
        return process.startNanos();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    Path log() {
        return process.log();
    }

    /** Waits until {@code /q/health/ready} answers 200; returns the seconds since launch. */
    double awaitReady(Duration timeout) throws InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(base.resolve("/q/health/ready")).timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try {
                if (client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return (System.nanoTime() - process.startNanos()) / 1e9;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            TimeUnit.MILLISECONDS.sleep(20);
        }
        throw new IllegalStateException("service not ready after " + timeout + "; see " + process.log());
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
