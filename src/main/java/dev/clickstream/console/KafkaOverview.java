package dev.clickstream.console;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.clickstream.pipeline.EventOutcomes;

/**
 * One snapshot of what the console page shows: the broker, the declared topics and their partitions, the
 * consumer groups reading them with their lag, the processor's kept and dropped counts, and the throughput over the
 * last minute. Times are epoch milliseconds.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record KafkaOverview(
        long takenAt,
        Broker broker,
        List<Topic> topics,
        List<Group> groups,
        Map<String, EventOutcomes.Counts> events,
        List<Rate> throughput) {

    /**
     * Whether the last refresh reached the cluster; when not, {@code error} says why and the topics and groups are
     * those of the last good snapshot, taken at {@code lastGoodAt} (null if there never was one).
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Broker(boolean reachable, String clusterId, Integer controller, List<Integer> nodes, String error,
            Long lastGoodAt) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Topic(String name, int partitionCount, int replicationFactor, Integer minInsyncReplicas,
            String cleanupPolicy, Long retentionMs, Long retentionBytes, List<Partition> partitions) {
    }

    /**
     * One partition: {@code outOfSync} lists the replicas missing from the ISR; {@code records} is end minus start,
     * exact on a delete topic and an upper bound ({@code recordsApproximate}) on a compacted one.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Partition(int partition, Integer leader, List<Integer> replicas, List<Integer> isr,
            List<Integer> outOfSync, long startOffset, long endOffset, long records, boolean recordsApproximate) {
    }

    /** A consumer group reading at least one declared topic. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Group(String groupId, String state, int members, Long totalLag, List<GroupPartition> partitions) {
    }

    /**
     * A group's position on one partition: {@code committed} and {@code lag} are null when the group never
     * committed there (a lag of 0 would claim it is caught up); {@code consumer} is the client id of the member
     * assigned the partition, if any.
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record GroupPartition(String topic, int partition, Long committed, long endOffset, Long lag,
            String consumer) {
    }

    /** Records per second appended to {@code raw_events} and {@code processed_events} in the period ending {@code at}. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Rate(long at, double raw, double processed) {
    }
}
