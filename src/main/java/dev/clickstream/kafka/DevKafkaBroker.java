package dev.clickstream.kafka;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.IntStream;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;
import javax.management.JMException;
import javax.management.JMX;
import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;

/**
 * Dev mode only: starts Apache Kafka inside the dev JVM before the channels connect, when the bootstrap servers are
 * the dev default {@code localhost:<port>} and nothing listens there yet: one KRaft node, or with
 * {@code clickstream.dev-broker.brokers=3} a controller and three brokers ({@link LocalKafkaCluster}). Data stay
 * under {@code target/}. The brokers outlive live reloads (a reload finds them through the platform MBean server)
 * and stop when dev mode ends, after the service's Kafka clients have closed, so that its consumers leave their
 * groups and the next start needs no session timeout to pass. Kafka's server jars are in {@code provided} scope, so
 * this bean and its brokers exist in dev mode only, never in the packaged application.
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class DevKafkaBroker {

    private static final ObjectName NAME = objectName("dev.clickstream:type=DevKafkaCluster");
    private static final List<String> QUIET_AT_EXIT = List.of("kafka", "org.apache.kafka",
            "org.apache.kafka.clients.NetworkClient", "state.change.logger");
    /** How long a JVM shutdown waits for the application to stop the brokers in order before stopping them itself. */
    private static final long ORDERLY_STOP_WAIT_SECONDS = 20;

    @Inject
    DevBrokerConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;

    private LocalKafkaClusterMXBean cluster;

    void onStart(@Observes @Priority(StartupOrder.BROKER) StartupEvent event) throws JMException {
        String devDefault = "localhost:" + config.port();
        if (!config.enabled() || !devDefault.equals(bootstrapServers)) {
            Log.infof("Using the Kafka broker at %s; no dev broker started", bootstrapServers);
            return;
        }
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        if (server.isRegistered(NAME)) {
            // A live reload: the brokers an earlier class loader started are still running.
            cluster = JMX.newMXBeanProxy(server, NAME, LocalKafkaClusterMXBean.class);
            return;
        }
        if (isListening(config.port())) {
            Log.infof("A Kafka broker already listens at %s: using it; no dev broker started", devDefault);
            return;
        }
        long start = System.nanoTime();
        LocalKafkaCluster started = new LocalKafkaCluster(brokerPorts(), controllerPort(), dataDir(), Map.of()).start();
        server.registerMBean(started, NAME);
        cluster = started;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stopUnlessStopped(started), "dev-kafka-shutdown"));
        Log.infof("Dev Kafka (KRaft) up after %d ms: %s, data in %s; kcat -b %s -L lists its topics",
                (System.nanoTime() - start) / 1_000_000, describe(), dataDir(), started.bootstrapServers());
    }

    /**
     * When dev mode ends, the brokers stop once the service's Kafka clients have closed: the Kafka connector closes
     * them on this event at priority 50, this runs after it. A live reload stops the application too, but not the
     * JVM: the brokers keep running for the next start.
     */
    void onStop(@Observes @Priority(Interceptor.Priority.PLATFORM_AFTER) @BeforeDestroyed(ApplicationScoped.class)
    Object event) throws JMException {
        if (cluster == null || !jvmShuttingDown()) {
            return;
        }
        // Only the brokers are left, whose replicas and clients warn as the others close under them: noise at exit.
        for (String category : QUIET_AT_EXIT) {
            Logger.getLogger(category).setLevel(Level.SEVERE);
        }
        long start = System.nanoTime();
        cluster.stop();
        ManagementFactory.getPlatformMBeanServer().unregisterMBean(NAME);
        Log.infof("Dev Kafka stopped in %d ms", (System.nanoTime() - start) / 1_000_000);
    }

    /** Every broker this JVM runs for dev mode, and the partitions each leads. */
    public List<DevBrokerStatus> brokers() {
        return DevBrokerStatus.of(running());
    }

    /** How many brokers this JVM runs for dev mode that can be stopped one by one: 0 for none or a single node. */
    public int stoppableBrokers() {
        return cluster == null || cluster.getBrokerIds().length < 2 ? 0 : cluster.getBrokerIds().length;
    }

    /** Stops a broker of the dev cluster (controlled shutdown: its leaderships move first). */
    public void stopBroker(int id) {
        running().stopBroker(known(id));
        Log.infof("Dev Kafka broker %d stopped", id);
    }

    /** Starts a stopped broker of the dev cluster again. */
    public void startBroker(int id) {
        running().startBroker(known(id));
        Log.infof("Dev Kafka broker %d started", id);
    }

    private LocalKafkaClusterMXBean running() {
        if (cluster == null) {
            throw new NoSuchElementException("no dev broker runs in this JVM: the service uses the broker at " + bootstrapServers);
        }
        return cluster;
    }

    private int known(int id) {
        if (IntStream.of(running().getBrokerIds()).noneMatch(known -> known == id)) {
            throw new NoSuchElementException("no dev broker " + id + "; the brokers are 1 to " + config.brokers());
        }
        return id;
    }

    private List<Integer> brokerPorts() {
        return IntStream.range(0, config.brokers()).mapToObj(i -> config.port() + i).toList();
    }

    private int controllerPort() {
        return config.controllerPort().orElse(config.port() + config.brokers());
    }

    private Path dataDir() {
        String dir = config.brokers() == 1 ? config.dataDir() : config.dataDir() + "-" + config.brokers() + "-brokers";
        return Path.of(dir).toAbsolutePath();
    }

    private String describe() {
        return config.brokers() == 1
                ? "one node at localhost:" + config.port() + " (controller on " + controllerPort() + ")"
                : config.brokers() + " brokers at localhost:" + brokerPorts() + ", controller on " + controllerPort();
    }

    /** The safety net if the application never stops (it failed to start after a live reload, say). */
    private static void stopUnlessStopped(LocalKafkaCluster started) {
        try {
            if (!started.awaitStopped(ORDERLY_STOP_WAIT_SECONDS, TimeUnit.SECONDS)) {
                started.stop();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** True while the JVM runs its shutdown hooks, which then refuses new ones; false during a live reload. */
    private static boolean jvmShuttingDown() {
        Thread probe = new Thread(() -> {
        });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException e) {
            return true;
        }
    }

    private static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static ObjectName objectName(String name) {
        try {
            return new ObjectName(name);
        } catch (JMException e) {
            throw new IllegalArgumentException(name, e);
        }
    }
}
