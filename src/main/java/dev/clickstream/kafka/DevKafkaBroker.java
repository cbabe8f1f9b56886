package dev.clickstream.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Properties;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import org.apache.kafka.common.utils.Time;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.profile.IfBuildProfile;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * Dev mode only: starts a single-node Apache Kafka broker (KRaft, broker and controller in one) inside the dev
 * JVM before the channels connect, when the bootstrap servers are the dev default {@code localhost:<port>} and
 * nothing listens there yet. It keeps its data under {@code target/}, outlives live reloads (a reload finds it
 * listening and reuses it) and stops with the JVM. Kafka's server jars are in {@code provided} scope, so this
 * bean and its broker exist in dev mode only, never in the packaged application.
 */
@IfBuildProfile("dev")
@ApplicationScoped
public class DevKafkaBroker {

    private static final String STARTED_MARKER = "devKafkaBrokerStarted";

    @Inject
    DevBrokerConfig config;

    @ConfigProperty(name = "kafka.bootstrap.servers", defaultValue = "localhost:9092")
    String bootstrapServers;

    void onStart(@Observes @Priority(StartupOrder.BROKER) StartupEvent event) {
        String devDefault = "localhost:" + config.port();
        if (!config.enabled() || !devDefault.equals(bootstrapServers)) {
            Log.infof("Using the Kafka broker at %s; no dev broker started", bootstrapServers);
            return;
        }
        if (isListening(config.port())) {
            if (System.getProperty(STARTED_MARKER) == null) {
                Log.infof("A Kafka broker already listens at %s: using it; no dev broker started", devDefault);
            }
            return;
        }
        long start = System.nanoTime();
        KafkaRaftServer server = start(config.port(), Path.of(config.dataDir()).toAbsolutePath());
        System.setProperty(STARTED_MARKER, devDefault);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown();
            server.awaitShutdown();
        }, "dev-kafka-broker-shutdown"));
        Log.infof("Dev Kafka broker (KRaft) started in %d ms at %s, data in %s; kcat -b %s -L lists its topics",
                (System.nanoTime() - start) / 1_000_000, devDefault, config.dataDir(), devDefault);
    }

    private static KafkaRaftServer start(int port, Path dataDir) {
        Properties props = SingleNodeKafka.config(port, freePort(), dataDir);
        SingleNodeKafka.formatIfNeeded(props);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return server;
    }

    private static boolean isListening(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
