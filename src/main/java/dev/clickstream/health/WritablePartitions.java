package dev.clickstream.health;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * Which partitions cannot take an {@code acks=all} write now, and why: those without a leader, and those with fewer
 * in-sync replicas than the broker requires, which is the topic's {@code min.insync.replicas} or the partition's
 * replica count if that is smaller (so one replica of one is enough).
 */
final class WritablePartitions {

    /** A partition that takes no {@code acks=all} write. */
    record Blocked(String topic, int partition, String reason) {

        String name() {
            return topic + "-" + partition;
        }
    }

    private WritablePartitions() {
    }

    /**
     * The blocked partitions of {@code topics}, by topic name then partition; {@code minInsyncReplicas} is each
     * topic's effective {@code min.insync.replicas} (1 where unknown, the broker's own default).
     */
    static List<Blocked> blocked(Map<String, TopicDescription> topics, Map<String, Integer> minInsyncReplicas) {
        List<Blocked> blocked = new ArrayList<>();
        new TreeMap<>(topics).forEach((name, topic) -> {
            int minInsync = minInsyncReplicas.getOrDefault(name, 1);
            for (TopicPartitionInfo partition : topic.partitions()) {
                String reason = reason(partition, minInsync);
                if (reason != null) {
                    blocked.add(new Blocked(name, partition.partition(), reason));
                }
            }
        });
        return blocked;
    }

    /** Why {@code partition} takes no {@code acks=all} write; null if it takes them. */
    static String reason(TopicPartitionInfo partition, int minInsyncReplicas) {
        Node leader = partition.leader();
        if (leader == null || leader.isEmpty()) {
            return "no leader";
        }
        int required = Math.min(minInsyncReplicas, partition.replicas().size());
        int inSync = partition.isr().size();
        if (inSync < required) {
            return String.format("%d of %d replicas in sync, min.insync.replicas=%d", inSync,
                    partition.replicas().size(), minInsyncReplicas);
        }
        return null;
    }
}
