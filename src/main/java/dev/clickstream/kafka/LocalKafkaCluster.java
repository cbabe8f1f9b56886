package dev.clickstream.kafka;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import org.apache.kafka.common.utils.Time;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;

/**
 * Apache Kafka nodes in KRaft mode inside this JVM, on fixed ports, keeping their data in one directory: one node
 * that is broker and controller in one, or, for several brokers, a dedicated controller and brokers 1..n (a
 * combined node of a cluster hangs on shutdown once the quorum is lost). A broker can be stopped and started again.
 * Hand-written rather than Kafka's test kit: that one is test-scoped, picks random ports and fresh directories, and
 * this cluster serves dev mode on fixed ports with data that survive restarts.
 */
public final class LocalKafkaCluster implements LocalKafkaClusterMXBean, AutoCloseable {

    /** The id of a cluster's dedicated controller; brokers are 1..n. */
    static final int CONTROLLER_ID = 100;
    // Every node of one cluster must be formatted with the same cluster id; a fixed one survives a lost directory.
    private static final String CLUSTER_ID = "Y2xpY2tzdHJlYW0tZGV2LQ";

    private final Map<Integer, Properties> brokerConfigs = new LinkedHashMap<>();
    private final Map<Integer, KafkaRaftServer> running = new LinkedHashMap<>();
    private final Properties controllerConfig;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private KafkaRaftServer controller;

    /**
     * A cluster with one broker per port of {@code brokerPorts} and, for more than one, a dedicated controller on
     * {@code controllerPort} (a single node uses that port for its own controller); {@code overrides} apply to
     * every broker.
     */
    public LocalKafkaCluster(List<Integer> brokerPorts, int controllerPort, Path dataDir, Map<String, String> overrides) {
        int brokers = brokerPorts.size();
        if (brokers == 1) {
            controllerConfig = null;
            brokerConfigs.put(1, KRaftNodes.config(brokerPorts.get(0), controllerPort, dataDir));
        } else {
            controllerConfig = KRaftNodes.controller(CONTROLLER_ID, controllerPort, brokers, dataDir.resolve("controller"));
            String voter = KRaftNodes.controllerVoter(CONTROLLER_ID, controllerPort);
            for (int id = 1; id <= brokers; id++) {
                brokerConfigs.put(id, KRaftNodes.broker(id, brokerPorts.get(id - 1), voter, brokers,
                        dataDir.resolve("broker-" + id)));
            }
        }
        brokerConfigs.values().forEach(props -> props.putAll(overrides));
    }

    /** Starts the controller, then every broker; returns once each broker serves clients. */
    public LocalKafkaCluster start() {
        if (controllerConfig != null) {
            controller = startNode(controllerConfig);
        }
        brokerConfigs.keySet().forEach(this::startBroker);
        return this;
    }

    /** {@code localhost:port} of every broker, comma-separated. */
    public String bootstrapServers() {
        return brokerConfigs.keySet().stream().map(id -> "localhost:" + port(id)).collect(Collectors.joining(","));
    }

    @Override
    public int[] getBrokerIds() {
        return brokerConfigs.keySet().stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public int port(int brokerId) {
        String listener = config(brokerId).getProperty("advertised.listeners");
        return Integer.parseInt(listener.substring(listener.lastIndexOf(':') + 1));
    }

    @Override
    public synchronized boolean running(int brokerId) {
        config(brokerId);
        return running.containsKey(brokerId);
    }

    @Override
    public synchronized void stopBroker(int brokerId) {
        config(brokerId);
        KafkaRaftServer server = running.remove(brokerId);
        if (server != null) {
            server.shutdown();
            server.awaitShutdown();
        }
    }

    @Override
    public synchronized void startBroker(int brokerId) {
        Properties props = config(brokerId);
        if (!running.containsKey(brokerId)) {
            running.put(brokerId, startNode(props));
        }
    }

    @Override
    public synchronized void stop() {
        IntStream.of(getBrokerIds()).forEach(this::stopBroker);
        if (controller != null) {
            controller.shutdown();
            controller.awaitShutdown();
            controller = null;
        }
        stopped.countDown();
    }

    /** Waits up to {@code timeout} for {@link #stop()} to have been called and to have finished; true if it has. */
    public boolean awaitStopped(long timeout, TimeUnit unit) throws InterruptedException {
        return stopped.await(timeout, unit);
    }

    @Override
    public void close() {
        stop();
    }

    private Properties config(int brokerId) {
        Properties props = brokerConfigs.get(brokerId);
        if (props == null) {
            throw new IllegalArgumentException("no broker " + brokerId + "; brokers are " + brokerConfigs.keySet());
        }
        return props;
    }

    private static KafkaRaftServer startNode(Properties props) {
        KRaftNodes.formatIfNeeded(props, CLUSTER_ID);
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
        server.startup();
        return server;
    }
}
