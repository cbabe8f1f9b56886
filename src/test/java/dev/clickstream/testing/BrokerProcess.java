package dev.clickstream.testing;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import dev.clickstream.kafka.KRaftNodes;

/**
 * A real single-node Apache Kafka broker (KRaft) in its own JVM: {@code kafka.Kafka server.properties}, started
 * from the test class path (which holds the provided-scope Kafka server jars), with a fixed heap, on free ports
 * chosen once. A test can stop it with SIGTERM ({@link #stop()}) or SIGKILL ({@link #kill()}) and {@link #start()}
 * it again on the same data directory and ports. The broker's output goes to {@code broker.log} in its directory.
 *
 * <pre>{@code
 * try (BrokerProcess broker = BrokerProcess.in(TestDirs.fresh("brokers", "fault")).start()) {
 *     ... broker.bootstrapServers() ...
 *     broker.kill();
 *     broker.start();
 * }
 * }</pre>
 */
public final class BrokerProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);

    private final Path dir;
    private final int port = FreePorts.next();
    private final int controllerPort = FreePorts.next();
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private final List<String> jvmOptions = new ArrayList<>(List.of("-Xms256m", "-Xmx256m"));
    private Process process;

    private BrokerProcess(Path dir) {
        this.dir = dir.toAbsolutePath();
    }

    /**
     * A broker keeping its configuration, data ({@code data/}) and log ({@code broker.log}) in {@code dir};
     * not started yet.
     */
    public static BrokerProcess in(Path dir) {
        return new BrokerProcess(dir);
    }

    /** A broker setting over the {@link BrokerConfig} defaults, applied from the next start on. */
    public BrokerProcess withProperty(String key, String value) {
        overrides.put(key, value);
        return this;
    }

    /** The broker JVM's heap, initial and maximum ({@code 256m} unless set), applied from the next start on. */
    public BrokerProcess withHeap(String size) {
        jvmOptions.removeIf(option -> option.startsWith("-Xms") || option.startsWith("-Xmx"));
        jvmOptions.add("-Xms" + size);
        jvmOptions.add("-Xmx" + size);
        return this;
    }

    /** Formats the storage on first use, starts the broker JVM and waits until it answers clients. */
    public BrokerProcess start() {
        if (isAlive()) {
            throw new IllegalStateException("broker already running, pid " + process.pid());
        }
        Path serverProperties = writeServerProperties();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-Djava.util.logging.manager=org.jboss.logmanager.LogManager");
        command.add("-Dlogging.configuration=" + writeLoggingProperties().toUri());
        command.add("-cp");
        command.add(brokerClassPath());
        command.add("kafka.Kafka");
        command.add(serverProperties.toString());
        appendToLog("==== " + Instant.now() + " starting: " + String.join(" ", command.subList(0, jvmOptions.size() + 3))
                + " -cp ... kafka.Kafka " + serverProperties);
        try {
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile().toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the broker JVM", e);
        }
        ProcessKiller.killOnExit(process);
        awaitReady();
        return this;
    }

    /** SIGTERM: a controlled shutdown; waits until the JVM exited and returns its exit code. */
    public int stop() {
        return end(false);
    }

    /** SIGKILL: the broker dies at once, as in a crash; waits until the process is gone. */
    public int kill() {
        return end(true);
    }

    /** Stops (SIGTERM) and starts again on the same ports and data. */
    public BrokerProcess restart() {
        stop();
        return start();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The running broker's process id, for tools outside the JVM ({@code kill -STOP}). */
    public long pid() {
        if (process == null) {
            throw new IllegalStateException("broker not started");
        }
        return process.pid();
    }

    /** {@code localhost:<port>}, the same across restarts. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dir.resolve("data");
    }

    public Path logFile() {
        return dir.resolve("broker.log");
    }

    /** Stops the broker if it still runs; SIGKILL if SIGTERM is not enough. Leaves the data in place. */
    @Override
    public void close() {
        if (isAlive()) {
            stop();
        }
    }

    private int end(boolean forcibly) {
        if (process == null) {
            throw new IllegalStateException("broker not started");
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
            throw new IllegalStateException("interrupted while stopping the broker", e);
        }
        return process.exitValue();
    }

    private Path writeServerProperties() {
        Properties props = BrokerConfig.singleNode(port, controllerPort, dataDir(), overrides);
        KRaftNodes.formatIfNeeded(props);
        Path file = dir.resolve("server.properties");
        try (OutputStream out = Files.newOutputStream(file)) {
            props.store(out, "single-node test broker");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /**
     * The test class path without Quarkus: Quarkus would take over the broker's logging (jboss-logmanager) and
     * hold it back until an application starts, which never happens in the broker JVM.
     */
    private static String brokerClassPath() {
        // Surefire and failsafe start tests from a manifest-only jar and give the real class path here.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.replace(File.separatorChar, '/').contains("/io/quarkus/"))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /** Kafka logs through SLF4J to jboss-logmanager, configured here: INFO and up to the broker's output. */
    private Path writeLoggingProperties() {
        Path file = dir.resolve("logging.properties");
        try {
            Files.writeString(file, String.join(System.lineSeparator(),
                    "logger.level=INFO",
                    "logger.handlers=CONSOLE",
                    "handler.CONSOLE=org.jboss.logmanager.handlers.ConsoleHandler",
                    "handler.CONSOLE.formatter=PATTERN",
                    "handler.CONSOLE.properties=autoFlush,target",
                    "handler.CONSOLE.autoFlush=true",
                    "handler.CONSOLE.target=SYSTEM_OUT",
                    "formatter.PATTERN=org.jboss.logmanager.formatters.PatternFormatter",
                    "formatter.PATTERN.properties=pattern",
                    "formatter.PATTERN.pattern=%d{HH:mm:ss,SSS} %-5p [%c] (%t) %s%e%n",
                    ""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private void awaitReady() {
        await("broker listening at " + bootstrapServers() + " (log: " + logFile() + ")")
                .atMost(READY_TIMEOUT)
                .pollInterval(Duration.ofMillis(200))
                .failFast("broker JVM exited (log: " + logFile() + ")", () -> !process.isAlive())
                .until(this::isListening);
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(config)) {
            await("broker at " + bootstrapServers() + " ready (log: " + logFile() + ")")
                    .atMost(READY_TIMEOUT)
                    .pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions()
                    .failFast("broker JVM exited (log: " + logFile() + ")", () -> !process.isAlive())
                    .until(() -> !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()
                            && admin.listTopics().names().get(3, TimeUnit.SECONDS) != null);
        }
    }

    private boolean isListening() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void appendToLog(String line) {
        try {
            Files.createDirectories(dir);
            Files.writeString(logFile(), line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
