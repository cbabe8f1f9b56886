package dev.clickstream.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

import dev.clickstream.testing.EventsJson;
import dev.clickstream.testing.Offsets;
import dev.clickstream.testing.RealKafkaProfile;
import dev.clickstream.testing.TopicContents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * Topic settings the service declares ({@code clickstream.topics.*}) at work on a real broker: time retention
 * deletes old segments of raw_events while the service runs, and compaction keeps the latest record per key.
 */
@QuarkusTest
@TestProfile(RetentionAndCompactionTest.ShortLivedTopics.class)
class RetentionAndCompactionTest {

    /** raw_events keeps records for 5 s in segments of at most 500 ms; user_tiers is compacted. */
    public static class ShortLivedTopics extends RealKafkaProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "clickstream.topics.raw_events.retention", "5s",
                    "clickstream.topics.raw_events.config.\"segment.ms\"", "500",
                    "clickstream.topics.user_tiers.partitions", "1",
                    "clickstream.topics.user_tiers.cleanup-policy", "compact",
                    "clickstream.topics.user_tiers.config.\"segment.ms\"", "100",
                    "clickstream.topics.user_tiers.config.\"min.cleanable.dirty.ratio\"", "0.01");
        }
    }

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void declaredTopicsAreCreatedWithTheirSettings() throws Exception {
        assertThat(companion.topics().describe("raw_events").get("raw_events").partitions()).hasSize(3);
        assertThat(companion.topics().describe("user_tiers").get("user_tiers").partitions()).hasSize(1);

        Config rawEvents = topicConfig("raw_events");
        assertThat(rawEvents.get("retention.ms").value()).isEqualTo("5000");
        assertThat(rawEvents.get("segment.ms").value()).isEqualTo("500");
        assertThat(rawEvents.get("cleanup.policy").value()).isEqualTo("delete");
        Config userTiers = topicConfig("user_tiers");
        assertThat(userTiers.get("cleanup.policy").value()).isEqualTo("compact");
        assertThat(userTiers.get("segment.ms").value()).isEqualTo("100");
        assertThat(userTiers.get("min.cleanable.dirty.ratio").value()).isEqualTo("0.01");
    }

    @Test
    void oldSegmentsOfRawEventsAreDeletedWhileTheServiceKeepsProcessing() {
        Set<String> first = post("retained-a", 9);
        awaitProcessed(first);
        Map<TopicPartition, Long> endsAfterFirst = Offsets.ends(companion, "raw_events");

        await("log start offsets of raw_events reach " + endsAfterFirst).atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(Offsets.starts(companion, "raw_events")).isEqualTo(endsAfterFirst));
        assertThat(ids(TopicContents.read(companion.getBootstrapServers(), "raw_events"))).doesNotContainAnyElementsOf(first);

        Set<String> second = post("retained-b", 9);
        awaitProcessed(second);
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    @Test
    void compactionKeepsTheLatestValuePerKey() {
        // Record timestamps 1 s apart, each batch past segment.ms after the previous one: every batch starts a new
        // segment, so that all but the last sit in closed segments, which are the ones the cleaner compacts.
        Instant start = Instant.now().minus(1, ChronoUnit.HOURS);
        produceTiers(start, Map.of("tier-ann", "basic", "tier-bob", "basic", "tier-cy", "basic"));
        produceTiers(start.plusSeconds(1), Map.of("tier-ann", "premium", "tier-bob", "gold"));
        produceTiers(start.plusSeconds(2), Map.of("tier-ann", "platinum"));
        produceTiers(start.plusSeconds(3), Map.of("tier-zed", "basic"));

        await("user_tiers compacted").atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Map<String, List<String>> valuesByKey = TopicContents.read(companion.getBootstrapServers(), "user_tiers")
                    .stream().collect(Collectors.groupingBy(ConsumerRecord::key,
                            Collectors.mapping(ConsumerRecord::value, Collectors.toList())));
            assertThat(valuesByKey).isEqualTo(Map.of(
                    "tier-ann", List.of("platinum"),
                    "tier-bob", List.of("gold"),
                    "tier-cy", List.of("basic"),
                    "tier-zed", List.of("basic")));
        });
        assertThat(Offsets.ends(companion, "user_tiers").values()).containsExactly(7L);
    }

    private void produceTiers(Instant timestamp, Map<String, String> tiers) {
        List<ProducerRecord<String, String>> records = new ArrayList<>();
        tiers.forEach((user, tier) -> records.add(
                new ProducerRecord<>("user_tiers", 0, timestamp.toEpochMilli(), user, tier)));
        companion.produceStrings().fromRecords(records).awaitCompletion();
    }

    private Set<String> post(String prefix, int count) {
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            batch.add(EventsJson.raw(prefix + "-user-" + i, true, "click", prefix + "-" + i));
        }
        given().contentType("application/json").body(EventsJson.array(batch))
                .when().post("/events")
                .then().statusCode(202);
        return batch.stream().map(EventsJson::eventId).collect(Collectors.toSet());
    }

    private void awaitProcessed(Set<String> ids) {
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                ids(TopicContents.read(companion.getBootstrapServers(), "processed_events"))).containsAll(ids));
    }

    private static Set<String> ids(Collection<ConsumerRecord<String, String>> records) {
        return records.stream().map(record -> EventsJson.eventId(record.value())).collect(Collectors.toSet());
    }

    private Config topicConfig(String topic) throws Exception {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        return companion.getOrCreateAdminClient().describeConfigs(List.of(resource)).all()
                .get(10, TimeUnit.SECONDS).get(resource);
    }
}
