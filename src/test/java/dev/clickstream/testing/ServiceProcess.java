package dev.clickstream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}, built by {@code package}, so for failsafe
 * {@code *IT} tests) in its own JVM ({@link JvmProcess}), configured with {@code -D} system properties, on a free HTTP
 * port chosen once. {@link #start()} returns when {@code /q/health/ready} answers 200; {@link #stop()} sends SIGTERM,
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
public final class ServiceProcess extends OwnJvm {

    /** The runnable jar that {@code ./mvnw package} builds. */
    public static final Path RUNNABLE_JAR = TestDirs.TARGET.resolve("quarkus-app/quarkus-run.jar");
    /** The class-data archive the build makes beside it (the POM's class-data-archive run), used when present. */
    public static final Path CLASS_DATA_ARCHIVE = TestDirs.TARGET.resolve("quarkus-app/app-cds.jsa");

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);

    private final String name;
    private final int httpPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServiceProcess(String name, int httpPort, boolean asPackaged) {
        super(JvmProcess.jar(RUNNABLE_JAR, emptied(TestDirs.TARGET.resolve("services").resolve(name + ".log")))
                .withSystemProperty("quarkus.http.port", Integer.toString(httpPort))
                // The packaged service requires credentials for writes; tests that are not about security run it open.
                .withSystemProperty("clickstream.security.enabled", "false"));
        this.name = name;
        this.httpPort = httpPort;
        if (asPackaged) {
            return;
        }
        jvm().withJvmOption("-Xms128m").withJvmOption("-Xmx256m");
        if (Files.isRegularFile(CLASS_DATA_ARCHIVE)) {
            // The archive holds the class path as the build ran it: relative, from the jar's folder.
            jvm().withJvmOption("-XX:SharedArchiveFile=" + CLASS_DATA_ARCHIVE.getFileName());
        }
    }

    /**
     * A service instance whose output goes to {@code target/services/<name>.log} (emptied now, then appended to
     * by every run), with a small heap and the build's class-data archive; not started yet.
     */
    public static ServiceProcess named(String name) {
        return new ServiceProcess(name, FreePorts.next(), false);
    }

    /**
     * A service instance started as {@code java -jar quarkus-run.jar} with no JVM option at all (the JVM's own
     * heap size, collector and compilers), as a user first runs it; not started yet.
     */
    public static ServiceProcess asPackaged(String name) {
        return new ServiceProcess(name, FreePorts.next(), true);
    }

    /** A {@code -D} system property (any Quarkus or application setting), applied from the next start on. */
    public ServiceProcess withProperty(String key, String value) {
        jvm().withSystemProperty(key, value);
        return this;
    }

    /** An option of the service JVM, such as {@code -Xmx512m}, applied from the next start on. */
    public ServiceProcess withJvmOption(String option) {
        jvm().withJvmOption(option);
        return this;
    }

    /** Starts the service JVM and waits until {@code /q/health/ready} answers 200. */
    public ServiceProcess start() {
        launch();
        jvm().awaitReady(name + " ready at " + url("/q/health/ready"), READY_TIMEOUT,
                () -> get("/q/health/ready").statusCode() == 200);
        return this;
    }

    /**
     * Starts the service JVM and waits only until {@code /q/health/live} answers 200, for a service that cannot be
     * ready yet (no broker).
     */
    public ServiceProcess launch() {
        if (!Files.isRegularFile(RUNNABLE_JAR)) {
            throw new IllegalStateException(RUNNABLE_JAR + " is missing: ServiceProcess runs in *IT tests, after package");
        }
        jvm().start().awaitReady(name + " live at " + url("/q/health/live"), READY_TIMEOUT,
                () -> get("/q/health/live").statusCode() == 200);
        return this;
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

    /** A POST without a body to {@code path}, as {@code curl -X POST} sends it. */
    public HttpResponse<String> post(String path) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private static Path emptied(Path log) {
        try {
            Files.deleteIfExists(log);
            return log;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
}
