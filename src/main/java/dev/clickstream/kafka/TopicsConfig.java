package dev.clickstream.kafka;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithDefaults;
import io.smallrye.config.WithParentName;

/**
 * The topics the service declares, by name ({@code clickstream.topics.raw_events.partitions=3}), and how it
 * creates them.
 */
@ConfigMapping(prefix = "clickstream.topics")
public interface TopicsConfig {

    /** Whether to create missing topics at start-up (off where channels are in memory). */
    @WithDefault("true")
    boolean create();

    /** How long start-up waits for the broker before it goes on and keeps trying in the background. */
    @WithDefault("5s")
    Duration startupTimeout();

    /** The declared topics, by topic name. */
    @WithParentName
    @WithDefaults
    Map<String, Topic> topics();

    interface Topic {

        /** Partitions: the unit of parallelism; one key always maps to one partition. */
        @WithDefault("3")
        int partitions();

        /** Copies of each partition, at most the number of brokers; by default 3, or fewer on a smaller cluster. */
        Optional<Short> replicationFactor();

        /**
         * {@code min.insync.replicas}: how many copies an {@code acks=all} write needs; by default 2 where there
         * are 3 copies or more, otherwise the broker's default.
         */
        Optional<Integer> minInsyncReplicas();

        /** {@code retention.ms}: how long a record is kept before its segment may be deleted. */
        @WithDefault("7d")
        Duration retention();

        /** {@code retention.bytes}: the most bytes a partition keeps; -1 for no limit. */
        @WithDefault("-1")
        long retentionBytes();

        /** {@code cleanup.policy}: {@code delete} old segments, or {@code compact} to the latest record per key. */
        @WithDefault("delete")
        String cleanupPolicy();

        /** Further topic-level settings, such as {@code config."segment.ms"=60000}. */
        Map<String, String> config();
    }
}
