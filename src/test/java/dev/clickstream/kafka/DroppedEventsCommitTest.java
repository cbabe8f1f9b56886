package dev.clickstream.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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

/** Dropped (non-premium) events are acked: analytics-group's offsets keep up even when nothing is kept. */
@QuarkusTest
@TestProfile(RealKafkaProfile.class)
class DroppedEventsCommitTest {

    private static final int ROUNDS = 3;
    private static final int EVENTS_PER_ROUND = 60;

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void committedOffsetReachesTheEndWhileOnlyNonPremiumEventsArrive() {
        Set<String> ids = new HashSet<>();
        for (int round = 0; round < ROUNDS; round++) {
            List<String> batch = new ArrayList<>();
            for (int i = 0; i < EVENTS_PER_ROUND; i++) {
                String id = "dropped-" + round + "-" + i;
                ids.add(id);
                batch.add(EventsJson.raw("dropped-user-" + i % 12, false, "scroll", id));
            }
            given().contentType("application/json").body(EventsJson.array(batch))
                    .when().post("/events")
                    .then().statusCode(202);
            Map<TopicPartition, Long> ends = Offsets.ends(companion, "raw_events");

            await("analytics-group committed up to " + ends).atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> assertThat(Offsets.committed(companion, "analytics-group", "raw_events"))
                            .isEqualTo(ends));
            given().when().get("/q/health/live").then().statusCode(200);
        }
        assertThat(TopicContents.read(companion.getBootstrapServers(), "processed_events"))
                .noneMatch(record -> ids.contains(EventsJson.eventId(record.value())));
    }
}
