package dev.clickstream.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.junit.jupiter.api.Test;

/** Which partitions take no {@code acks=all} write, from what the Admin client describes. */
class WritablePartitionsTest {

    private static final Node ONE = new Node(1, "localhost", 9092);
    private static final Node TWO = new Node(2, "localhost", 9093);
    private static final Node THREE = new Node(3, "localhost", 9094);
    private static final List<Node> ALL = List.of(ONE, TWO, THREE);

    @Test
    void aPartitionWithAsManyInSyncReplicasAsRequiredTakesWrites() {
        assertThat(WritablePartitions.reason(partition(0, THREE, ALL, List.of(THREE, ONE)), 2)).isNull();
        assertThat(WritablePartitions.reason(partition(0, ONE, ALL, ALL), 2)).isNull();
    }

    @Test
    void aPartitionWithFewerInSyncReplicasThanMinInsyncReplicasTakesNone() {
        assertThat(WritablePartitions.reason(partition(1, THREE, ALL, List.of(THREE)), 2))
                .isEqualTo("1 of 3 replicas in sync, min.insync.replicas=2");
        assertThat(WritablePartitions.reason(partition(1, THREE, ALL, List.of(THREE, ONE)), 3))
                .isEqualTo("2 of 3 replicas in sync, min.insync.replicas=3");
    }

    @Test
    void aPartitionWithoutLeaderTakesNone() {
        assertThat(WritablePartitions.reason(partition(0, null, ALL, List.of(THREE)), 1)).isEqualTo("no leader");
        assertThat(WritablePartitions.reason(partition(0, Node.noNode(), ALL, List.of(THREE)), 1))
                .isEqualTo("no leader");
    }

    @Test
    void aSingleReplicaTakesWritesWhateverTheMinimumSaysAsKafkaRequiresNoMoreCopiesThanThereAre() {
        assertThat(WritablePartitions.reason(partition(0, ONE, List.of(ONE), List.of(ONE)), 2)).isNull();
        assertThat(WritablePartitions.reason(partition(0, ONE, List.of(ONE, TWO), List.of(ONE)), 3))
                .isEqualTo("1 of 2 replicas in sync, min.insync.replicas=3");
    }

    @Test
    void namesEveryBlockedPartitionByTopicThenPartitionAndLeavesTheRestOut() {
        Map<String, TopicDescription> topics = Map.of(
                "raw_events", topic("raw_events", partition(0, ONE, ALL, ALL), partition(1, THREE, ALL, List.of(THREE)),
                        partition(2, null, ALL, List.of(TWO))),
                "processed_events", topic("processed_events", partition(0, THREE, ALL, List.of(THREE))),
                "raw_events_dlq", topic("raw_events_dlq", partition(0, ONE, List.of(ONE), List.of(ONE))));

        assertThat(WritablePartitions.blocked(topics, Map.of("raw_events", 2, "processed_events", 2)))
                .extracting(WritablePartitions.Blocked::name, WritablePartitions.Blocked::reason)
                .containsExactly(
                        tuple("processed_events-0",
                                "1 of 3 replicas in sync, min.insync.replicas=2"),
                        tuple("raw_events-1",
                                "1 of 3 replicas in sync, min.insync.replicas=2"),
                        tuple("raw_events-2", "no leader"));
    }

    @Test
    void aTopicWhoseMinimumIsUnknownNeedsOneInSyncReplica() {
        Map<String, TopicDescription> topics = Map.of("t", topic("t", partition(0, THREE, ALL, List.of(THREE))));
        assertThat(WritablePartitions.blocked(topics, Map.of())).isEmpty();
    }

    private static TopicPartitionInfo partition(int partition, Node leader, List<Node> replicas, List<Node> isr) {
        return new TopicPartitionInfo(partition, leader, replicas, isr);
    }

    private static TopicDescription topic(String name, TopicPartitionInfo... partitions) {
        return new TopicDescription(name, false, List.of(partitions));
    }
}
