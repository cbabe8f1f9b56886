package dev.clickstream.bench;

import java.io.IOException;
import java.io.Writer;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka broker (KRaft, broker and controller in one) in a JVM of its own with a fixed heap, on free
 * ports, with its data in a fresh folder: the broker every contender of the benchmark talks to.
 */
final class BenchBroker implements AutoCloseable {

    static final String HEAP = "-Xms1g -Xmx1g";

    private final JvmProcess process;
    private final String bootstrapServers;

    private BenchBroker(JvmProcess process, String bootstrapServers) {
        this.process = process;
        this.bootstrapServers = bootstrapServers;
    }

    static BenchBroker start(Path workDir) throws IOException, InterruptedException {
        int port = freePort();
        int controllerPort = freePort();
        Path dataDir = Files.createDirectories(workDir.resolve("broker-data"));
        Path config = workDir.resolve("broker.properties");
        Properties props = new Properties();
        props.put("node.id", "1");
        props.put("process.roles", "broker,controller");
        props.put("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("controller.quorum.voters", "1@localhost:" + controllerPort);
        props.put("log.dirs", dataDir.toString());
        props.put("offsets.topic.replication.factor", "1");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("auto.create.topics.enable", "false");
        try (Writer out = Files.newBufferedWriter(config)) {
            props.store(out, "benchmark broker");
        }
        JvmProcess format = JvmProcess.main("kafka.tools.StorageTool", "-Xmx256m", workDir.resolve("broker-format.log"),
                "format", "-t", Uuid.randomUuid().toString(), "-c", config.toString());
        if (format.waitFor(60) != 0) {
            throw new IllegalStateException("formatting the broker's storage failed; see " + format.log());
        }
        JvmProcess broker = JvmProcess.main("kafka.Kafka", HEAP, workDir.resolve("broker.log"), config.toString());
        BenchBroker started = new BenchBroker(broker, "localhost:" + port);
        started.awaitReady(Duration.ofSeconds(60));
        return started;
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    long pid() {
        return process.pid();
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            while (true) {
                try {
                    admin.describeCluster().nodes().get(1, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    if (!process.isAlive() || System.nanoTime() > deadline) {
                        throw new IllegalStateException("broker not ready at " + bootstrapServers + "; see "
                                + process.log(), notYet);
                    }
                    TimeUnit.MILLISECONDS.sleep(200);
                }
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.close();
    }
}
