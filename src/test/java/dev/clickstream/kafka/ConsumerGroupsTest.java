package dev.clickstream.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import dev.clickstream.testing.EventsJson;
import dev.clickstream.testing.Offsets;
import dev.clickstream.testing.RealKafkaProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.ConsumerTask;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** Consumer groups are independent: each one reads all of processed_events, whatever the others committed. */
@QuarkusTest
@TestProfile(RealKafkaProfile.class)
class ConsumerGroupsTest {

    private static final int EVENTS = 24;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void twoGroupsEachSeeEveryProcessedEvent() {
        List<String> batch = new ArrayList<>();
        for (int i = 0; i < EVENTS; i++) {
            batch.add(EventsJson.raw("groups-user-" + i % 6, true, "click", "groups-" + i));
        }
        Set<String> ids = batch.stream().map(EventsJson::eventId).collect(Collectors.toSet());
        given().contentType("application/json").body(EventsJson.array(batch))
                .when().post("/events")
                .then().statusCode(202);

        // The first group reads everything and commits; the second starts only afterwards.
        Set<String> seenByReports = readAllAndCommit("reports", ids);
        Set<String> seenByAudit = readAllAndCommit("audit", ids);

        assertThat(seenByReports).containsAll(ids);
        assertThat(seenByAudit).containsAll(ids);
        Map<TopicPartition, Long> ends = Offsets.ends(companion, "processed_events");
        assertThat(Offsets.committed(companion, "reports", "processed_events")).isEqualTo(ends);
        assertThat(Offsets.committed(companion, "audit", "processed_events")).isEqualTo(ends);
        // The service's own view reads the same topic in a third group of its own.
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                given().when().get("/events/processed?limit=100").then().statusCode(200)
                        .extract().jsonPath().getList("event_id", String.class))
                .containsAll(ids));
    }

    /** The event ids a new consumer group reads from processed_events until it has seen {@code ids}. */
    private Set<String> readAllAndCommit(String group, Set<String> ids) {
        try (ConsumerTask<String, String> task = companion.consumeStrings()
                .withGroupId(group)
                .withProp(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")
                .withAutoCommit()
                .fromTopics("processed_events")) {
            await(group + " reads every processed event").atMost(Duration.ofSeconds(30))
                    .until(() -> seen(task).containsAll(ids));
            Map<TopicPartition, Long> ends = Offsets.ends(companion, "processed_events");
            await(group + " commits").atMost(Duration.ofSeconds(30))
                    .until(() -> Offsets.committed(companion, group, "processed_events").equals(ends));
            return seen(task);
        }
    }

    private static Set<String> seen(ConsumerTask<String, String> task) {
        return task.getRecords().stream().map(ConsumerRecord::value).map(EventsJson::eventId)
                .collect(Collectors.toSet());
    }
}
