package dev.clickstream.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.TopicPartition;
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
 * Partitions are the unit of parallelism: with three consumers in analytics-group, each partition of raw_events
 * has exactly one of them, and together they process every premium event once.
 */
@QuarkusTest
@TestProfile(PartitionAssignmentTest.ThreeConsumers.class)
class PartitionAssignmentTest {

    /** The real broker, and three consumers on channel raw-events instead of one. */
    public static class ThreeConsumers extends RealKafkaProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.messaging.incoming." + Channels.RAW_EVENTS + ".partitions", "3");
        }
    }

    private static final int EVENTS = 90;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void eachPartitionHasOneConsumerAndEveryPremiumEventIsProcessedOnce() {
        ConsumerGroupDescription group = await("analytics-group stable with 3 members").atMost(Duration.ofSeconds(30))
                .until(() -> companion.consumerGroups().describe("analytics-group"),
                        g -> g.groupState() == GroupState.STABLE && g.members().size() == 3
                                && g.members().stream().allMatch(m -> !m.assignment().topicPartitions().isEmpty()));
        Map<TopicPartition, String> ownerOfPartition = group.members().stream()
                .flatMap(member -> member.assignment().topicPartitions().stream()
                        .map(partition -> Map.entry(partition, member.consumerId())))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(ownerOfPartition.keySet()).containsExactlyInAnyOrderElementsOf(Offsets.ends(companion, "raw_events").keySet());
        assertThat(group.members()).allSatisfy(member -> assertThat(member.assignment().topicPartitions()).hasSize(1));
        assertThat(group.members().stream().map(MemberDescription::clientId).collect(Collectors.toSet())).hasSize(3);

        List<String> batch = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            batch.add(EventsJson.raw("parallel-user-" + i % 15, i % 3 != 0, "click", "parallel-" + i));
        }
        Set<String> premiumIds = batch.stream().filter(json -> EventsJson.parse(json).get("is_premium").asBoolean())
                .map(EventsJson::eventId).collect(Collectors.toSet());
        given().contentType("application/json").body(EventsJson.array(batch))
                .when().post("/events")
                .then().statusCode(202);

        Map<String, Long> processedCounts = await().atMost(Duration.ofSeconds(30))
                .until(() -> TopicContents.read(companion.getBootstrapServers(), "processed_events").stream()
                        .map(record -> EventsJson.eventId(record.value()))
                        .filter(id -> id.startsWith("parallel-"))
                        .collect(Collectors.groupingBy(Function.identity(), Collectors.counting())),
                        counts -> counts.size() >= premiumIds.size());
        assertThat(processedCounts.keySet()).isEqualTo(premiumIds);
        assertThat(processedCounts.values()).as("times each premium event was processed").containsOnly(1L);
        assertThat(Offsets.ends(companion, "raw_events").values()).as("every partition got events")
                .allSatisfy(end -> assertThat(end).isPositive());
        Map<TopicPartition, Long> ends = Offsets.ends(companion, "raw_events");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                Offsets.committed(companion, "analytics-group", "raw_events")).isEqualTo(ends));
        assertThat(companion.consumerGroups().describe("analytics-group").members()).hasSize(3);
    }
}
