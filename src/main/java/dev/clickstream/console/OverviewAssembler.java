package dev.clickstream.console;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.TopicConfig;

/** Turns what the Admin client reported into the topics and groups of a {@link KafkaOverview}: pure functions. */
final class OverviewAssembler {

    private OverviewAssembler() {
    }

    /** The described topics in the order of {@code names}, with their configs and earliest and latest offsets. */
    static List<KafkaOverview.Topic> topics(List<String> names, Map<String, TopicDescription> descriptions,
            Map<String, Config> configs, Map<TopicPartition, Long> earliest, Map<TopicPartition, Long> latest) {
        List<KafkaOverview.Topic> topics = new ArrayList<>();
        for (String name : names) {
            TopicDescription description = descriptions.get(name);
            if (description == null) {
                continue;
            }
            Config config = configs.get(name);
            String cleanupPolicy = value(config, TopicConfig.CLEANUP_POLICY_CONFIG);
            boolean compacted = cleanupPolicy != null && cleanupPolicy.contains(TopicConfig.CLEANUP_POLICY_COMPACT);
            List<KafkaOverview.Partition> partitions = description.partitions().stream()
                    .sorted(Comparator.comparingInt(TopicPartitionInfo::partition))
                    .map(info -> partition(new TopicPartition(name, info.partition()), info, compacted, earliest, latest))
                    .toList();
            int replicationFactor = description.partitions().isEmpty() ? 0
                    : description.partitions().get(0).replicas().size();
            topics.add(new KafkaOverview.Topic(name, partitions.size(), replicationFactor,
                    asInteger(value(config, TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG)), cleanupPolicy,
                    asLong(value(config, TopicConfig.RETENTION_MS_CONFIG)),
                    asLong(value(config, TopicConfig.RETENTION_BYTES_CONFIG)), partitions));
        }
        return topics;
    }

    private static KafkaOverview.Partition partition(TopicPartition tp, TopicPartitionInfo info, boolean compacted,
            Map<TopicPartition, Long> earliest, Map<TopicPartition, Long> latest) {
        List<Integer> replicas = ids(info.replicas());
        List<Integer> isr = ids(info.isr());
        List<Integer> outOfSync = replicas.stream().filter(id -> !isr.contains(id)).toList();
        long start = earliest.getOrDefault(tp, 0L);
        long end = latest.getOrDefault(tp, 0L);
        return new KafkaOverview.Partition(info.partition(), info.leader() == null || info.leader().isEmpty() ? null
                : info.leader().id(), replicas, isr, outOfSync, start, end, Math.max(0, end - start), compacted);
    }

    /**
     * The groups that read a declared topic, by committed offsets or by assignment, sorted by id. A group is shown on
     * every partition of each declared topic it reads; where it committed nothing, committed and lag are null.
     */
    static List<KafkaOverview.Group> groups(Set<String> declaredTopics, Collection<ConsumerGroupDescription> groups,
            Map<String, Map<TopicPartition, OffsetAndMetadata>> committed, Map<TopicPartition, Long> latest) {
        List<KafkaOverview.Group> result = new ArrayList<>();
        for (ConsumerGroupDescription group : groups) {
            Map<TopicPartition, OffsetAndMetadata> offsets = committed.getOrDefault(group.groupId(), Map.of());
            Map<TopicPartition, String> assigned = new HashMap<>();
            for (MemberDescription member : group.members()) {
                member.assignment().topicPartitions().forEach(tp -> assigned.put(tp, member.clientId()));
            }
            Set<String> topicsRead = new TreeSet<>();
            offsets.keySet().forEach(tp -> topicsRead.add(tp.topic()));
            assigned.keySet().forEach(tp -> topicsRead.add(tp.topic()));
            topicsRead.retainAll(declaredTopics);
            if (topicsRead.isEmpty()) {
                continue;
            }
            List<KafkaOverview.GroupPartition> partitions = latest.keySet().stream()
                    .filter(tp -> topicsRead.contains(tp.topic()))
                    .sorted(Comparator.comparing(TopicPartition::topic).thenComparingInt(TopicPartition::partition))
                    .map(tp -> groupPartition(tp, offsets.get(tp), latest.get(tp), assigned.get(tp)))
                    .toList();
            Long totalLag = partitions.stream().map(KafkaOverview.GroupPartition::lag)
                    .filter(lag -> lag != null).reduce(Long::sum).orElse(null);
            result.add(new KafkaOverview.Group(group.groupId(), group.groupState().toString(), group.members().size(),
                    totalLag, partitions));
        }
        result.sort(Comparator.comparing(KafkaOverview.Group::groupId));
        return result;
    }

    /** Lag is end minus committed, never below 0; unknown (null), not 0, where nothing was committed. */
    static KafkaOverview.GroupPartition groupPartition(TopicPartition tp, OffsetAndMetadata committed, long end,
            String consumer) {
        Long position = committed == null ? null : committed.offset();
        Long lag = position == null ? null : Math.max(0, end - position);
        return new KafkaOverview.GroupPartition(tp.topic(), tp.partition(), position, end, lag, consumer);
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }

    private static String value(Config config, String name) {
        ConfigEntry entry = config == null ? null : config.get(name);
        return entry == null ? null : entry.value();
    }

    private static Integer asInteger(String value) {
        return value == null ? null : Integer.valueOf(value);
    }

    private static Long asLong(String value) {
        return value == null ? null : Long.valueOf(value);
    }
}
