package dev.clickstream.cluster;

/**
 * How many events the cluster scenarios send: {@code -Dcluster.events=N}, 20,000 unless set. The bounce spreads them
 * over its three minutes, so the count sets the rate, not the duration.
 */
final class ClusterScale {

    private ClusterScale() {
    }

    static int bounceEvents() {
        return Integer.getInteger("cluster.events", 20_000);
    }
}
