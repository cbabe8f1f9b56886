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
public final class BrokerProcess extends OwnJvm {

    /**
     * A node of its own JVM is there to be stopped and crashed as a production one is: Kafka's own defaults where
     * the embedded broker's trade that for speed.
     */
    private static final Map<String, String> AS_IN_PRODUCTION = Map.of(
            "controlled.shutdown.enable", "true",
            "replica.high.watermark.checkpoint.interval.ms", "5000",
            "replica.socket.timeout.ms", "30000",
            "controller.socket.timeout.ms", "30000");

    private final Path dir;
    private final int port = FreePorts.next();
    private final int controllerPort = FreePorts.next();
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private int nodeId = 1;
    private String roles = "broker,controller";
    private String quorumVoters;
    private String clusterId = Uuid.randomUuid().toString();
    private Duration readyTimeout = Duration.ofSeconds(90);

    private BrokerProcess(Path dir) {
        // Without Quarkus: it would take over the broker's logging (jboss-logmanager) and hold it back until an
        // application starts, which never happens in the broker JVM.
        super(JvmProcess.mainClass("kafka.Kafka", JvmProcess.testClassPathWithout("/io/quarkus/"),
                        dir.resolve("broker.log"), dir.resolve("server.properties").toString())
                .withJvmOption("-Xms256m").withJvmOption("-Xmx256m")
                .withSystemProperty("java.util.logging.manager", "org.jboss.logmanager.LogManager")
                .withSystemProperty("logging.configuration", dir.resolve("logging.properties").toUri().toString())
                .withStopTimeout(Duration.ofSeconds(60)));
        this.dir = dir;
        overrides.putAll(AS_IN_PRODUCTION);
    }

    /**
     * A node keeping its configuration, data ({@code data/}) and log ({@code broker.log}) in {@code dir};
     * not started yet.
     */
    public static BrokerProcess in(Path dir) {
        return new BrokerProcess(dir.toAbsolutePath());
    }

    /** A broker setting over the {@link BrokerConfig} ones, applied from the next start on. */
    public BrokerProcess withProperty(String key, String value) {
        overrides.put(key, value);
        return this;
    }

    /** The broker JVM's heap, initial and maximum ({@code 256m} unless set), applied from the next start on. */
    public BrokerProcess withHeap(String size) {
        jvm().withJvmOption("-Xms" + size).withJvmOption("-Xmx" + size);
        return this;
    }

    /** An option of the node's JVM, such as {@code -XX:+UseSerialGC}, applied from the next start on. */
    public BrokerProcess withJvmOption(String option) {
        jvm().withJvmOption(option);
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
     * Formats the storage on first use, starts the node's JVM and waits until it answers an admin client: as a
     * broker, on its client port, or as a controller only, on its controller port.
     */
    public BrokerProcess start() {
        writeServerProperties();
        writeLoggingProperties();
        jvm().start();
        Map<String, Object> config = Map.of(
                isBroker() ? AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG : AdminClientConfig.BOOTSTRAP_CONTROLLERS_CONFIG,
                isBroker() ? bootstrapServers() : "localhost:" + controllerPort,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        try (Admin admin = Admin.create(config)) {
            jvm().awaitReady("node " + nodeId + " (" + roles + ") answering", readyTimeout,
                    () -> !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()
                            && (!isBroker() || admin.listTopics().names().get(3, TimeUnit.SECONDS) != null));
        }
        return this;
    }

    /** Stops (SIGTERM) and starts again on the same ports and data. */
    public BrokerProcess restart() {
        stop();
        return start();
    }

    /** {@code localhost:<port>}, the same across restarts. */
    public String bootstrapServers() {
        return "localhost:" + port;
    }

    /** The node's {@code node.id}: 1 unless {@link #asNode} set another. */
    public int nodeId() {
        return nodeId;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dir.resolve("data");
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
            EmbeddedKafkaBroker.formatStorageFromConfig(props, clusterId, true);
            try (OutputStream out = Files.newOutputStream(dir.resolve("server.properties"))) {
                props.store(out, "test broker, node " + nodeId);
            }
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
