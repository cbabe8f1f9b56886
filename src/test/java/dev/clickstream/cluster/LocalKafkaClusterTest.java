package dev.clickstream.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.clickstream.kafka.LocalKafkaCluster;
import dev.clickstream.testing.FreePorts;
import dev.clickstream.testing.TestDirs;

/**
 * The dev cluster (a controller and three brokers in this JVM) replicates as a cluster should: topics get three
 * replicas and {@code min.insync.replicas=2} by default; a broker stopped hands its leaderships over and leaves the
 * in-sync replicas, writes with {@code acks=all} go on, and once started again it catches up and rejoins them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LocalKafkaClusterTest {

    private static final String TOPIC = "replicated";
    private static final Duration FAILOVER = Duration.ofSeconds(30);

    private LocalKafkaCluster cluster;
    private Admin admin;

    @BeforeAll
    void startCluster() throws Exception {
        cluster = new LocalKafkaCluster(List.of(FreePorts.next(), FreePorts.next(), FreePorts.next()), FreePorts.next(),
                TestDirs.fresh("kafka-brokers", "local-cluster"), Map.of()).start();
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers()));
        // No replication factor given: the brokers' default applies.
        admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(6), Optional.empty()))).all().get(30, TimeUnit.SECONDS);
    }

    @AfterAll
    void stopCluster() {
        admin.close();
        cluster.close();
    }

    @Test
    void stoppedBrokerHandsOverItsLeadershipsAndRejoinsTheInSyncReplicasWhenStartedAgain() throws Exception {
        assertThat(cluster.getBrokerIds()).containsExactly(1, 2, 3);
        List<TopicPartitionInfo> before = partitions();
        assertThat(before).allSatisfy(p -> assertThat(ids(p.replicas())).containsExactlyInAnyOrder(1, 2, 3));
        assertThat(admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, TOPIC))).all()
                .get(10, TimeUnit.SECONDS).values().iterator().next().get("min.insync.replicas").value()).isEqualTo("2");
        assertThat(before).as("broker 1 leads some partitions").anySatisfy(p -> assertThat(p.leader().id()).isEqualTo(1));

        cluster.stopBroker(1);
        assertThat(cluster.running(1)).isFalse();
        await().atMost(FAILOVER).untilAsserted(() -> assertThat(partitions()).allSatisfy(p -> {
            assertThat(p.leader()).isNotNull();
            assertThat(p.leader().id()).isIn(2, 3);
            assertThat(ids(p.isr())).containsExactlyInAnyOrder(2, 3);
        }));
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000, ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000),
                new StringSerializer(), new StringSerializer())) {
            for (int partition = 0; partition < 6; partition++) {
                assertThat(producer.send(new ProducerRecord<>(TOPIC, partition, "key", "with broker 1 down"))
                        .get(20, TimeUnit.SECONDS).offset()).isGreaterThanOrEqualTo(0);
            }
        }

        cluster.startBroker(1);
        assertThat(cluster.running(1)).isTrue();
        await().atMost(FAILOVER).untilAsserted(() -> assertThat(partitions())
                .allSatisfy(p -> assertThat(ids(p.isr())).containsExactlyInAnyOrder(1, 2, 3)));
    }

    private List<TopicPartitionInfo> partitions() throws Exception {
        return admin.describeTopics(List.of(TOPIC)).allTopicNames().get(10, TimeUnit.SECONDS).get(TOPIC).partitions();
    }

    private static List<Integer> ids(List<Node> nodes) {
        return nodes.stream().map(Node::id).toList();
    }
}
