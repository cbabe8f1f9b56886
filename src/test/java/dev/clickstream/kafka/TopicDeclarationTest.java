package dev.clickstream.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;

/** How many replicas a declared topic gets, and how many of them an {@code acks=all} write needs. */
class TopicDeclarationTest {

    @Test
    void takesThreeReplicasAndTwoInSyncOnAClusterOfThreeOrMore() {
        for (int brokers : new int[] { 3, 5 }) {
            NewTopic topic = TopicInitializer.newTopic("t", declared(Optional.empty(), Optional.empty()), brokers);
            assertThat(topic.replicationFactor()).as("%d brokers", brokers).isEqualTo((short) 3);
            assertThat(topic.configs()).containsEntry("min.insync.replicas", "2");
        }
    }

    @Test
    void takesAsManyReplicasAsBrokersOnASmallerClusterAndLeavesTheInSyncMinimumToTheBroker() {
        for (int brokers : new int[] { 1, 2 }) {
            NewTopic topic = TopicInitializer.newTopic("t", declared(Optional.empty(), Optional.empty()), brokers);
            assertThat(topic.replicationFactor()).isEqualTo((short) brokers);
            assertThat(topic.configs()).doesNotContainKey("min.insync.replicas");
        }
    }

    @Test
    void keepsWhatATopicDeclares() {
        NewTopic topic = TopicInitializer.newTopic("t", declared(Optional.of((short) 2), Optional.empty()), 3);
        assertThat(topic.replicationFactor()).isEqualTo((short) 2);
        assertThat(topic.configs()).doesNotContainKey("min.insync.replicas");

        topic = TopicInitializer.newTopic("t", declared(Optional.empty(), Optional.of(3)), 5);
        assertThat(topic.replicationFactor()).isEqualTo((short) 3);
        assertThat(topic.configs()).containsEntry("min.insync.replicas", "3");
    }

    private static TopicsConfig.Topic declared(Optional<Short> replicationFactor, Optional<Integer> minInsyncReplicas) {
        return new TopicsConfig.Topic() {
            @Override
            public int partitions() {
                return 3;
            }

            @Override
            public Optional<Short> replicationFactor() {
                return replicationFactor;
            }

            @Override
            public Optional<Integer> minInsyncReplicas() {
                return minInsyncReplicas;
            }

            @Override
            public Duration retention() {
                return Duration.ofDays(7);
            }

            @Override
            public long retentionBytes() {
                return -1;
            }

            @Override
            public String cleanupPolicy() {
                return "delete";
            }

            @Override
            public Map<String, String> config() {
                return Map.of();
            }
        };
    }
}
