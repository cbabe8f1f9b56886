package dev.clickstream.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}, built by {@code package}, so for failsafe
 * {@code *IT} tests) in its own JVM, configured with {@code -D} system properties, on a free HTTP port chosen
 * once. {@link #start()} returns when {@code /q/health/ready} answers 200; {@link #stop()} sends SIGTERM,
 * {@link #kill()} SIGKILL, and {@link #start()} runs it again with the same configuration and port. Every run
 * appends its output to {@code target/services/<name>.log}.
 *
 * <pre>{@code
 * try (ServiceProcess service = ServiceProcess.named("offsets")
 *         .withProperty("kafka.bootstrap.servers", broker.bootstrapServers())
 *         .start()) {
 *     ... service.url("/events") ...
 * }
 * }</pre>
 */
public final class ServiceProcess implements AutoCloseable {

    /** The runnable jar that {@code ./mvnw package} builds. */
    public static final Path RUNNABLE_JAR = TestDirs.TARGET.resolve("quarkus-app/quarkus-run.jar");
    /** The class-data archive the build makes beside it (the POM's class-data-archive run), used when present. */
    public static final Path CLASS_DATA_ARCHIVE = TestDirs.TARGET.resolve("quarkus-app/app-cds.jsa");

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final String name;
    private final int httpPort = FreePorts.next();
    private final Map<String, String> properties = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>(List.of("-Xms128m", "-Xmx256m"));
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Process process;

    private ServiceProcess(String name) {
        this.name = name;
        properties.put("quarkus.http.port", Integer.toString(httpPort));
        // The packaged service requires credentials for writes; tests that are not about security run it open.
        properties.put("clickstream.security.enabled", "false");
        try {
            Files.deleteIfExists(logFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A service instance whose output goes to {@code target/services/<name>.log} (emptied now, then appended to
     * by every run); not started yet.
     */
    public static ServiceProcess named(String name) {
        return new ServiceProcess(name);
    }

    /** A {@code -D} system property (any Quarkus or application setting), applied from the next start on. */
    public ServiceProcess withProperty(String key, String value) {
        properties.put(key, value);
        return this;
    }

    /** An option of the service JVM, such as {@code -Xmx512m}, applied from the next start on. */
    public ServiceProcess withJvmOption(String option) {
        if (option.startsWith("-Xmx")) {
            jvmOptions.removeIf(existing -> existing.startsWith("-Xmx"));
        }
        jvmOptions.add(option);
        return this;
    }

    /** Starts the service JVM and waits until {@code /q/health/ready} answers 200. */
    public ServiceProcess start() {
        launch();
        await(name + " ready at " + url("/q/health/ready") + " (log: " + logFile() + ")")
                .atMost(READY_TIMEOUT)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .failFast(name + " exited (log: " + logFile() + ")", () -> !process.isAlive())
                .until(() -> get("/q/health/ready").statusCode() == 200);
        return this;
    }

    /**
     * Starts the service JVM and waits only until {@code /q/health/live} answers 200, for a service that cannot be
     * ready yet (no broker).
     */
    public ServiceProcess launch() {
        if (isAlive()) {
            throw new IllegalStateException(name + " already running, pid " + process.pid());
        }
        if (!Files.isRegularFile(RUNNABLE_JAR)) {
            throw new IllegalStateException(RUNNABLE_JAR + " is missing: ServiceProcess runs in *IT tests, after package");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        if (Files.isRegularFile(CLASS_DATA_ARCHIVE)) {
            // The archive holds the class path as the build ran it: relative, from the jar's folder.
            command.add("-XX:SharedArchiveFile=" + CLASS_DATA_ARCHIVE.getFileName());
        }
        properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(RUNNABLE_JAR.getFileName().toString());
        appendToLog("==== " + Instant.now() + " starting: " + String.join(" ", command));
        try {
            process = new ProcessBuilder(command).directory(RUNNABLE_JAR.getParent().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
        ProcessKiller.killOnExit(process);
        await(name + " live at " + url("/q/health/live") + " (log: " + logFile() + ")")
                .atMost(READY_TIMEOUT)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .failFast(name + " exited (log: " + logFile() + ")", () -> !process.isAlive())
                .until(() -> get("/q/health/live").statusCode() == 200);
        return this;
    }

    /** SIGTERM: Quarkus shuts down gracefully; waits until the JVM exited and returns its exit code. */
    public int stop() {
        return end(false);
    }

    /** SIGKILL: the service dies at once, as in a crash; waits until the process is gone. */
    public int kill() {
        return end(true);
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        if (process == null) {
            throw new IllegalStateException(name + " not started");
        }
        return process.pid();
    }

    public int httpPort() {
        return httpPort;
    }

    /** {@code http://localhost:<port><path>}. */
    public String url(String path) {
        return "http://localhost:" + httpPort + path;
    }

    /** A GET of {@code path}, the body as text. */
    public HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).GET());
    }

    /** A POST of a JSON body to {@code path}. */
    public HttpResponse<String> postJson(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(url(path)))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Path logFile() {
        return TestDirs.TARGET.resolve("services").resolve(name + ".log");
    }

    /** Everything the service wrote so far, over all its runs. */
    public String log() {
        try {
            return Files.readString(logFile(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the service if it still runs. */
    @Override
    public void close() {
        if (isAlive()) {
            stop();
        }
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private int end(boolean forcibly) {
        if (process == null) {
            throw new IllegalStateException(name + " not started");
        }
        appendToLog("==== " + Instant.now() + (forcibly ? " SIGKILL" : " SIGTERM") + " to pid " + process.pid());
        if (forcibly) {
            process.destroyForcibly();
        } else {
            process.destroy();
        }
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                appendToLog("==== still running after " + STOP_TIMEOUT + ": SIGKILL");
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("interrupted while stopping " + name, e);
        }
        return process.exitValue();
    }

    private void appendToLog(String line) {
        try {
            Files.createDirectories(logFile().getParent());
            Files.writeString(logFile(), line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
