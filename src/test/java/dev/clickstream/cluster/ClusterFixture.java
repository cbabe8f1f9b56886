package dev.clickstream.cluster;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import dev.clickstream.testing.KafkaCluster;

/**
 * A {@link KafkaCluster} for all tests of a class: started before the first, killed after the last.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final ClusterFixture CLUSTER = new ClusterFixture("scale-out");
 * }</pre>
 */
final class ClusterFixture implements BeforeAllCallback, AfterAllCallback {

    private final String name;
    private KafkaCluster cluster;

    ClusterFixture(String name) {
        this.name = name;
    }

    KafkaCluster cluster() {
        return cluster;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        cluster = KafkaCluster.start(name);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.close();
        }
    }
}
