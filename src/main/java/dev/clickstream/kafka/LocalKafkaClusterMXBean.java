package dev.clickstream.kafka;

/**
 * The controls of a {@link LocalKafkaCluster}, registered with the JVM's platform MBean server so that the dev
 * broker bean of a later live reload (loaded by a new class loader) can still reach the cluster an earlier one
 * started; jconsole shows them too.
 */
public interface LocalKafkaClusterMXBean {

    /** The brokers' node ids, in order: 1, 2, 3. */
    int[] getBrokerIds();

    /** The client port of a broker. */
    int port(int brokerId);

    /** Whether a broker is running. */
    boolean running(int brokerId);

    /** Stops a broker as a SIGTERM would: it hands over its leaderships first (controlled shutdown). */
    void stopBroker(int brokerId);

    /** Starts a stopped broker again, on its own port and data. */
    void startBroker(int brokerId);

    /** Stops every broker, then the controller. */
    void stop();
}
