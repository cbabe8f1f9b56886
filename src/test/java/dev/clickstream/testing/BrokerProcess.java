package dev.clickstream.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

import io.smallrye.reactive.messaging.kafka.companion.test.EmbeddedKafkaBroker;

/**
 * A real Apache Kafka node (KRaft) in its own JVM ({@link JvmProcess}): {@code kafka.Kafka server.properties}, started
 * from the test class path (which holds the provided-scope Kafka server jars), with a fixed heap, on free ports
 * chosen once. A test can stop it with SIGTERM ({@link #stop()}), SIGKILL ({@link #kill()}) or SIGSTOP
 * ({@link #pause()}) and {@link #start()} it again on the same data directory and ports. Its output goes to
 * {@code broker.log} in its directory.
 * <p>
 * By default a single node, broker and controller in one. {@link #asNode} makes it one node of a cluster: a
 * controller, a broker or both, with the quorum's voters and the cluster id that all its nodes share.
 *
 * <pre>{@code
 * try (BrokerProcess broker = BrokerProcess.in(TestDirs.fresh("kafka-brokers", "fault")).start()) {
 *     ... broker.bootstrapServers() ...
 *     broker.kill();
 *     broker.start();
 * }
 * }</pre>
 */
public final class BrokerProcess implements AutoCloseable {


    private final Path dir;
    private final int port = FreePorts.next();
    private final int controllerPort = FreePorts.next();
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private final JvmProcess jvm;
    private int nodeId = 1;
    private String roles = "broker,controller";
    private String quorumVoters;
    private String clusterId = Uuid.randomUuid().toString();
    private Duration readyTimeout = Duration.ofSeconds(90);

    private BrokerProcess(Path dir) {
        this.dir = dir.toAbsolutePath();
        // Without Quarkus: it would take over the broker's logging (jboss-logmanager) and hold it back until an
        // application starts, which never happens in the broker JVM.
        jvm = JvmProcess.mainClass("kafka.Kafka", JvmProcess.testClassPathWithout("/io/quarkus/"),
                        this.dir.resolve("broker.log"), this.dir.resolve("server.properties").toString())
                .withJvmOption("-Xms256m").withJvmOption("-Xmx256m")
                .withSystemProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager")
                .withSystemProperty("logging.configuration", this.dir.resolve("logging.properties").toUri().toString())
                .withStopTimeout(Duration.ofSeconds(60));
        // A broker of its own JVM is there to be stopped and crashed as a production one is: Kafka's own defaults
        // where the embedded ones trade that for speed.
        overrides.put("controlled.shutdown.enable", "true");
        overrides.put("replica.high.watermark.checkpoint.interval.ms", "5000");
        overrides.put("replica.socket.timeout.ms", "30000");
        overrides.put("controller.socket.timeout.ms", "30000");
    }

    /**
     * A node keeping its configuration, data ({@code data/}) and log ({@code broker.log}) in {@code dir};
     * not started yet.
     */
    public static BrokerProcess in(Path dir) {
        return new BrokerProcess(dir);
    }

    /** A broker setting over the {@link BrokerConfig} ones, applied from the next start on. */
    public BrokerProcess withProperty(String key, String value) {
        overrides.put(key, value);
        return this;
    }

    /** The broker JVM's heap, initial and maximum ({@code 256m} unless set), applied from the next start on. */
    public BrokerProcess withHeap(String size) {
        jvm.withJvmOption("-Xms" + size).withJvmOption("-Xmx" + size);
        return this;
    }

    /** An option of the node's JVM, such as {@code -XX:+UseSerialGC}, applied from the next start on. */
    public BrokerProcess withJvmOption(String option) {
        jvm.withJvmOption(option);
        return this;
    }

    /** How long {@link #start()} waits for the node to answer; 90 s unless set. */
    public BrokerProcess withReadyTimeout(Duration timeout) {
        this.readyTimeout = timeout;
        return this;
    }

    /**
     * This node as one of a cluster: {@code nodeId}, its {@code process.roles} ({@code broker}, {@code controller} or
     * {@code broker,controller}), the {@code controller.quorum.voters} (each controller's {@link #voter()}, joined
     * with commas; null for a controller that is the quorum's only voter) and the {@code clusterId} every node of the
     * cluster is formatted with. Before the first start.
     */
    public BrokerProcess asNode(int nodeId, String roles, String quorumVoters, String clusterId) {
        this.nodeId = nodeId;
        this.roles = roles;
        this.quorumVoters = quorumVoters;
        this.clusterId = clusterId;
        return this;
    }

    /** This node as a voter of the controller quorum: {@code <node id>@localhost:<controller port>}. */
    public String voter() {
        return nodeId + "@localhost:" + controllerPort;
    }

    /**
     * Formats the storage on first use, starts the node's JVM and waits until it answers: clients, if it is a broker;
     * on its controller port, if it is a controller only.
     */
    public BrokerProcess start() {
        writeServerProperties();
        writeLoggingProperties();
        jvm.start();
        if (!isBroker()) {
            jvm.awaitReady("controller " + voter() + " listening", readyTimeout,
                    () -> FreePorts.isListening(controllerPort));
            return this;
        }
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(config)) {
            jvm.awaitReady("broker at " + bootstrapServers() + " ready", readyTimeout,
                    () -> !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()
                            && admin.listTopics().names().get(3, TimeUnit.SECONDS) != null);
        }
        return this;
    }

    /** SIGTERM: a controlled shutdown; waits until the JVM exited and returns its exit code. */
    public int stop() {
        return jvm.stop();
    }

    /** SIGKILL: the node dies at once, as in a crash; waits until the process is gone. */
    public int kill() {
        return jvm.kill();
    }

    /** SIGSTOP: the node stalls, its connections open and unanswered; {@link #resume()} lets it go on. */
    public void pause() {
        jvm.pause();
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() {
        jvm.resume();
    }

    /** Stops (SIGTERM) and starts again on the same ports and data. */
    public BrokerProcess restart() {
        stop();
        return start();
    }

    public boolean isAlive() {
        return jvm.isAlive();
    }

    /** The running node's process id, for tools outside the JVM. */
    public long pid() {
        return jvm.pid();
    }

    /** {@code localhost:<port>}, the same across restarts. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    public int port() {
        return port;
    }

    public int nodeId() {
        return nodeId;
    }

    public Path dataDir() {
        return dir.resolve("data");
    }

    public Path logFile() {
        return jvm.logFile();
    }

    /** Stops the node if it still runs; SIGKILL if SIGTERM is not enough. Leaves the data in place. */
    @Override
    public void close() {
        jvm.close();
    }

    private boolean isBroker() {
        return roles.contains("broker");
    }

    private void writeServerProperties() {
        Properties props = BrokerConfig.node(nodeId, port, controllerPort, dataDir(), Map.of());
        props.put("process.roles", roles);
        if (quorumVoters != null) {
            props.put("controller.quorum.voters", quorumVoters);
        } else if (roles.contains("controller")) {
            props.put("controller.quorum.voters", voter());
        }
        if (!roles.contains("controller")) {
            props.put("listeners", "PLAINTEXT://localhost:" + port);
        } else if (!isBroker()) {
            props.put("listeners", "CONTROLLER://localhost:" + controllerPort);
            // A controller only serves the quorum: no client listener to advertise or to replicate over.
            props.remove("advertised.listeners");
            props.remove("inter.broker.listener.name");
        }
        props.putAll(overrides);
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        EmbeddedKafkaBroker.formatStorageFromConfig(props, clusterId, true);
        try (OutputStream out = Files.newOutputStream(dir.resolve("server.properties"))) {
            props.store(out, "test broker, node " + nodeId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Kafka logs through SLF4J to jboss-logmanager, configured here: INFO and up to the broker's output. */
    private void writeLoggingProperties() {
        try {
            Files.writeString(dir.resolve("logging.properties"), String.join(System.lineSeparator(),
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
    }
}
