package dev.clickstream.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberAssignment;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;

class OverviewAssemblerTest {

    private static final Node B1 = new Node(1, "localhost", 9092);
    private static final Node B2 = new Node(2, "localhost", 9093);
    private static final Node B3 = new Node(3, "localhost", 9094);
    private static final TopicPartition RAW0 = new TopicPartition("raw_events", 0);
    private static final TopicPartition RAW1 = new TopicPartition("raw_events", 1);
    private static final TopicPartition OTHER0 = new TopicPartition("someone_elses", 0);
    private static final Map<TopicPartition, Long> LATEST = Map.of(RAW0, 10L, RAW1, 7L);

    @Test
    void lagIsNullWhereTheGroupNeverCommittedAndZeroOnlyWhereItCaughtUp() {
        List<KafkaOverview.Group> groups = OverviewAssembler.groups(Set.of("raw_events"),
                List.of(group("analytics-group", 0)),
                Map.of("analytics-group", Map.of(RAW0, new OffsetAndMetadata(10))), LATEST);

        assertThat(groups).singleElement().satisfies(group -> {
            assertThat(group.partitions()).extracting(KafkaOverview.GroupPartition::partition,
                    KafkaOverview.GroupPartition::committed, KafkaOverview.GroupPartition::endOffset,
                    KafkaOverview.GroupPartition::lag)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(0, 10L, 10L, 0L),
                            org.assertj.core.groups.Tuple.tuple(1, null, 7L, null));
            assertThat(group.totalLag()).isZero();
        });
    }

    @Test
    void lagIsEndMinusCommittedSummedOverPartitions() {
        List<KafkaOverview.Group> groups = OverviewAssembler.groups(Set.of("raw_events"),
                List.of(group("analytics-group", 0)),
                Map.of("analytics-group", Map.of(RAW0, new OffsetAndMetadata(4), RAW1, new OffsetAndMetadata(5))),
                LATEST);

        assertThat(groups.get(0).partitions()).extracting(KafkaOverview.GroupPartition::lag).containsExactly(6L, 2L);
        assertThat(groups.get(0).totalLag()).isEqualTo(8L);
    }

    @Test
    void aGroupThatCommittedNothingHasNoLagAtAllNotZero() {
        List<KafkaOverview.Group> groups = OverviewAssembler.groups(Set.of("raw_events"),
                List.of(group("clickstream-view-1", 1, RAW0, RAW1)), Map.of(), LATEST);

        assertThat(groups).singleElement().satisfies(group -> {
            assertThat(group.partitions()).extracting(KafkaOverview.GroupPartition::lag).containsOnlyNulls();
            assertThat(group.totalLag()).isNull();
            assertThat(group.members()).isEqualTo(1);
            assertThat(group.state()).isEqualTo("Stable");
            assertThat(group.partitions()).extracting(KafkaOverview.GroupPartition::consumer)
                    .containsOnly("client-clickstream-view-1");
        });
    }

    @Test
    void leavesOutGroupsThatReadNoDeclaredTopic() {
        List<KafkaOverview.Group> groups = OverviewAssembler.groups(Set.of("raw_events"),
                List.of(group("others", 1, OTHER0), group("idle", 0)),
                Map.of("others", Map.of(OTHER0, new OffsetAndMetadata(3))), LATEST);

        assertThat(groups).isEmpty();
    }

    @Test
    void marksReplicasMissingFromTheIsrAndCountsRecordsFromStartToEnd() {
        TopicDescription description = new TopicDescription("raw_events", false, List.of(
                new TopicPartitionInfo(0, B1, List.of(B1, B2, B3), List.of(B1, B3)),
                new TopicPartitionInfo(1, B2, List.of(B2, B3, B1), List.of(B2, B3, B1))));
        List<KafkaOverview.Topic> topics = OverviewAssembler.topics(List.of("raw_events", "not_there"),
                Map.of("raw_events", description), Map.of("raw_events", config("delete", "2", "604800000", "-1")),
                Map.of(RAW0, 3L, RAW1, 0L), LATEST);

        assertThat(topics).singleElement().satisfies(topic -> {
            assertThat(topic.partitionCount()).isEqualTo(2);
            assertThat(topic.replicationFactor()).isEqualTo(3);
            assertThat(topic.minInsyncReplicas()).isEqualTo(2);
            assertThat(topic.cleanupPolicy()).isEqualTo("delete");
            assertThat(topic.retentionMs()).isEqualTo(604_800_000L);
            assertThat(topic.retentionBytes()).isEqualTo(-1L);
            KafkaOverview.Partition p0 = topic.partitions().get(0);
            assertThat(p0.leader()).isEqualTo(1);
            assertThat(p0.outOfSync()).containsExactly(2);
            assertThat(p0.records()).isEqualTo(7);
            assertThat(p0.recordsApproximate()).isFalse();
            assertThat(topic.partitions().get(1).outOfSync()).isEmpty();
        });
    }

    @Test
    void recordCountsOfACompactedTopicAreMarkedApproximate() {
        TopicDescription description = new TopicDescription("raw_events", false,
                List.of(new TopicPartitionInfo(0, B1, List.of(B1), List.of(B1))));
        List<KafkaOverview.Topic> topics = OverviewAssembler.topics(List.of("raw_events"),
                Map.of("raw_events", description), Map.of("raw_events", config("compact,delete", "1", "-1", "-1")),
                Map.of(RAW0, 0L), LATEST);

        assertThat(topics.get(0).partitions().get(0).recordsApproximate()).isTrue();
    }

    @Test
    void aPartitionWithoutLeaderHasANullLeader() {
        TopicDescription description = new TopicDescription("raw_events", false,
                List.of(new TopicPartitionInfo(0, Node.noNode(), List.of(B1), List.of())));
        List<KafkaOverview.Topic> topics = OverviewAssembler.topics(List.of("raw_events"),
                Map.of("raw_events", description), Map.of(), Map.of(RAW0, 0L), LATEST);

        assertThat(topics.get(0).partitions().get(0).leader()).isNull();
        assertThat(topics.get(0).partitions().get(0).outOfSync()).containsExactly(1);
    }

    private static Config config(String cleanupPolicy, String minIsr, String retentionMs, String retentionBytes) {
        return new Config(List.of(new ConfigEntry("cleanup.policy", cleanupPolicy),
                new ConfigEntry("min.insync.replicas", minIsr), new ConfigEntry("retention.ms", retentionMs),
                new ConfigEntry("retention.bytes", retentionBytes)));
    }

    private static ConsumerGroupDescription group(String id, int members, TopicPartition... assigned) {
        List<MemberDescription> memberList = members == 0 ? List.of()
                : List.of(new MemberDescription("m-" + id, "client-" + id, "/127.0.0.1",
                        new MemberAssignment(Set.of(assigned))));
        return new ConsumerGroupDescription(id, false, memberList, "range", GroupType.CLASSIC,
                members == 0 ? GroupState.EMPTY : GroupState.STABLE, B1, Set.of(), java.util.Optional.empty(),
                java.util.Optional.empty());
    }
}
