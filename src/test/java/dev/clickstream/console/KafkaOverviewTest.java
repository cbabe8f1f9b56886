package dev.clickstream.console;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.internals.BuiltInPartitioner;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import dev.clickstream.testing.EventsJson;
import dev.clickstream.testing.RealKafkaProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/** {@code GET /kafka/overview} on a real broker says what the Admin client says, and the feed carries metadata. */
@QuarkusTest
@TestProfile(RealKafkaProfile.class)
class KafkaOverviewTest {

    private static final List<String> TOPICS = List.of("raw_events", "processed_events", "raw_events_dlq");

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void topicsAndPartitionsAreWhatTheAdminClientReports() throws Exception {
        post("overview-alice", true, "click");
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            Map<TopicPartition, Long> ends = await().atMost(Duration.ofSeconds(30)).until(() -> endOffsets(admin),
                    found -> found.entrySet().stream().anyMatch(e -> e.getKey().topic().equals("processed_events")
                            && e.getValue() > 0));
            JsonPath overview = await().atMost(Duration.ofSeconds(10)).until(KafkaOverviewTest::overview,
                    json -> endOffsetsOf(json).equals(ends));
            Map<String, TopicDescription> descriptions = admin.describeTopics(TOPICS).allTopicNames().get(10, TimeUnit.SECONDS);
            Map<ConfigResource, Config> configs = admin.describeConfigs(TOPICS.stream()
                    .map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList()).all().get(10, TimeUnit.SECONDS);

            assertThat(overview.getBoolean("broker.reachable")).isTrue();
            assertThat(overview.getString("broker.cluster_id")).isEqualTo(admin.describeCluster().clusterId().get());
            assertThat(overview.getList("topics.name", String.class)).containsExactlyElementsOf(TOPICS);
            for (String topic : TOPICS) {
                TopicDescription description = descriptions.get(topic);
                Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic));
                String path = "topics.find { it.name == '" + topic + "' }";
                assertThat(overview.getInt(path + ".partition_count")).isEqualTo(description.partitions().size());
                assertThat(overview.getInt(path + ".replication_factor"))
                        .isEqualTo(description.partitions().get(0).replicas().size());
                assertThat(overview.getString(path + ".cleanup_policy")).isEqualTo(config.get("cleanup.policy").value());
                assertThat(overview.getLong(path + ".retention_ms")).isEqualTo(Long.parseLong(config.get("retention.ms").value()));
                assertThat(overview.getInt(path + ".min_insync_replicas"))
                        .isEqualTo(Integer.parseInt(config.get("min.insync.replicas").value()));
                List<Integer> leaders = overview.getList(path + ".partitions.leader", Integer.class);
                assertThat(leaders).isEqualTo(description.partitions().stream().map(p -> p.leader().id()).toList());
                List<List<Integer>> isr = overview.getList(path + ".partitions.isr");
                assertThat(isr).isEqualTo(description.partitions().stream()
                        .map(p -> p.isr().stream().map(n -> n.id()).toList()).toList());
            }
        }
    }

    @Test
    void theProcessorsGroupShowsItsCommittedOffsetsAndNoLagOnceCaughtUp() {
        post("overview-bob", true, "view");
        String group = "groups.find { it.group_id == 'analytics-group' }";

        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() -> {
            JsonPath overview = overview();
            assertThat(overview.getInt("events.view.kept")).isPositive();
            assertThat(overview.getList(group + ".partitions.topic", String.class)).containsOnly("raw_events");
            assertThat(overview.getInt(group + ".members")).isEqualTo(1);
            assertThat(overview.getList("groups.group_id", String.class)).anyMatch(id -> id.startsWith("clickstream-view-"));
            List<Map<String, Object>> partitions = overview.getList(group + ".partitions");
            assertThat(partitions).anyMatch(p -> p.get("committed") != null).allSatisfy(p -> {
                if (p.get("committed") == null) {
                    // Nothing was ever written there, so nothing committed: shown as unknown, not as 0.
                    assertThat(((Number) p.get("end_offset")).longValue()).isZero();
                    assertThat(p.get("lag")).isNull();
                } else {
                    assertThat(((Number) p.get("committed")).longValue())
                            .isEqualTo(((Number) p.get("end_offset")).longValue());
                    assertThat(((Number) p.get("lag")).longValue()).isZero();
                }
            });
            assertThat(overview.getLong(group + ".total_lag")).isZero();
        });
    }

    @Test
    void thePreviewedPartitionIsWhereThePublishedEventLands() {
        for (String user : List.of("preview-a", "preview-b", "preview-c", "preview-d")) {
            int previewed = given().queryParam("key", user).when().get("/kafka/partition")
                    .then().statusCode(200).extract().path("partition");
            int landed = post(user, false, "click");
            byte[] key = user.getBytes(java.nio.charset.StandardCharsets.UTF_8);

            assertThat(previewed).isEqualTo(landed).isEqualTo(BuiltInPartitioner.partitionForKey(key, 3));
        }
    }

    @Test
    void theFeedCarriesEachProcessedRecordsPartitionOffsetAndKey() {
        int partition = post("feed-carol", true, "purchase");

        JsonPath feed = await().atMost(Duration.ofSeconds(30)).until(
                () -> given().when().get("/kafka/feed").then().statusCode(200).extract().jsonPath(),
                json -> json.getList("key", String.class).contains("feed-carol"));

        assertThat(feed.getInt("find { it.key == 'feed-carol' }.partition")).isEqualTo(partition);
        assertThat(feed.getLong("find { it.key == 'feed-carol' }.offset")).isNotNegative();
        assertThat(feed.getString("find { it.key == 'feed-carol' }.value.user")).isEqualTo("FEED-CAROL");
        assertThat(feed.getLong("find { it.key == 'feed-carol' }.timestamp")).isPositive();
    }

    private static int post(String user, boolean premium, String type) {
        return given().contentType("application/json").body(EventsJson.raw(user, premium, type, null))
                .when().post("/events").then().statusCode(202).extract().path("events[0].partition");
    }

    private static JsonPath overview() {
        return given().when().get("/kafka/overview").then().statusCode(200).extract().jsonPath();
    }

    private static Map<TopicPartition, Long> endOffsetsOf(JsonPath overview) {
        Map<TopicPartition, Long> ends = new java.util.HashMap<>();
        for (String topic : TOPICS) {
            List<Map<String, Object>> partitions = overview.getList("topics.find { it.name == '" + topic + "' }.partitions");
            if (partitions == null) {
                return Map.of();
            }
            partitions.forEach(p -> ends.put(new TopicPartition(topic, (Integer) p.get("partition")),
                    ((Number) p.get("end_offset")).longValue()));
        }
        return ends;
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin) throws Exception {
        Map<String, TopicDescription> descriptions = admin.describeTopics(TOPICS).allTopicNames().get(10, TimeUnit.SECONDS);
        Set<TopicPartition> partitions = descriptions.values().stream()
                .flatMap(d -> d.partitions().stream().map(p -> new TopicPartition(d.name(), p.partition())))
                .collect(Collectors.toSet());
        return admin.listOffsets(partitions.stream().collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest())))
                .all().get(10, TimeUnit.SECONDS).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
