package dev.clickstream.console;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * One read of the cluster for the console, in batched Admin calls only: describe cluster, topics and their configs,
 * list earliest offsets and latest offsets (one call each for every partition), list the consumer groups, describe
 * them and list their committed offsets (one call for all groups). No consumer is created.
 */
final class AdminOverviewReader {

    /** What one read found: the broker, the topics and the groups of a {@link KafkaOverview}. */
    record Facts(KafkaOverview.Broker broker, List<KafkaOverview.Topic> topics, List<KafkaOverview.Group> groups,
            Map<TopicPartition, Long> latest) {
    }

    private final Admin admin;
    private final List<String> topicNames;
    private final Duration timeout;

    AdminOverviewReader(Admin admin, List<String> topicNames, Duration timeout) {
        this.admin = admin;
        this.topicNames = topicNames;
        this.timeout = timeout;
    }

    Facts read(long now) throws ExecutionException, TimeoutException, InterruptedException {
        DescribeClusterResult cluster = admin.describeCluster();
        Map<String, TopicDescription> descriptions = existing(admin.describeTopics(topicNames).topicNameValues());
        List<ConfigResource> resources = descriptions.keySet().stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        KafkaFuture<Map<ConfigResource, Config>> configs = admin.describeConfigs(resources).all();
        List<TopicPartition> partitions = descriptions.values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .toList();
        ListOffsetsResult earliest = admin.listOffsets(specs(partitions, OffsetSpec.earliest()));
        ListOffsetsResult latest = admin.listOffsets(specs(partitions, OffsetSpec.latest()));
        Collection<GroupListing> listings = get(admin.listGroups(ListGroupsOptions.forConsumerGroups()).all());
        List<String> groupIds = listings.stream().map(GroupListing::groupId).toList();
        KafkaFuture<Map<String, ConsumerGroupDescription>> described = admin.describeConsumerGroups(groupIds).all();
        Map<String, ListConsumerGroupOffsetsSpec> specs = groupIds.stream()
                .collect(Collectors.toMap(Function.identity(), id -> new ListConsumerGroupOffsetsSpec()));
        KafkaFuture<Map<String, Map<TopicPartition, OffsetAndMetadata>>> committed = groupIds.isEmpty()
                ? KafkaFuture.completedFuture(Map.of()) : admin.listConsumerGroupOffsets(specs).all();

        Map<TopicPartition, Long> earliestOffsets = offsets(get(earliest.all()));
        Map<TopicPartition, Long> latestOffsets = offsets(get(latest.all()));
        Map<String, Config> configsByTopic = new HashMap<>();
        get(configs).forEach((resource, config) -> configsByTopic.put(resource.name(), config));
        List<KafkaOverview.Topic> topics = OverviewAssembler.topics(topicNames, descriptions, configsByTopic,
                earliestOffsets, latestOffsets);
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committedOffsets = new HashMap<>();
        get(committed).forEach((group, offsets) -> {
            // A partition listed with no committed offset comes back as a null value.
            Map<TopicPartition, OffsetAndMetadata> present = new HashMap<>();
            offsets.forEach((tp, offset) -> {
                if (offset != null) {
                    present.put(tp, offset);
                }
            });
            committedOffsets.put(group, present);
        });
        List<KafkaOverview.Group> groups = OverviewAssembler.groups(new HashSet<>(topicNames),
                groupIds.isEmpty() ? List.of() : get(described).values(), committedOffsets, latestOffsets);
        Node controller = get(cluster.controller());
        KafkaOverview.Broker broker = new KafkaOverview.Broker(true, get(cluster.clusterId()),
                controller == null ? null : controller.id(),
                get(cluster.nodes()).stream().map(Node::id).sorted().toList(), null, now);
        return new Facts(broker, topics, groups, latestOffsets);
    }

    /** The declared topics that exist; one not created yet is left out instead of failing the read. */
    private Map<String, TopicDescription> existing(Map<String, KafkaFuture<TopicDescription>> described)
            throws ExecutionException, TimeoutException, InterruptedException {
        Map<String, TopicDescription> descriptions = new HashMap<>();
        for (var topic : described.entrySet()) {
            try {
                descriptions.put(topic.getKey(), get(topic.getValue()));
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw e;
                }
            }
        }
        return descriptions;
    }

    private static Map<TopicPartition, OffsetSpec> specs(List<TopicPartition> partitions, OffsetSpec spec) {
        return partitions.stream().collect(Collectors.toMap(Function.identity(), tp -> spec));
    }

    private static Map<TopicPartition, Long> offsets(Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> infos) {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        infos.forEach((tp, info) -> offsets.put(tp, info.offset()));
        return offsets;
    }

    private <T> T get(KafkaFuture<T> future) throws ExecutionException, TimeoutException, InterruptedException {
        return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
