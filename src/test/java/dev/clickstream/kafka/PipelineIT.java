package dev.clickstream.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.clickstream.testing.EventsJson;
import dev.clickstream.testing.RealKafkaProfile;
import dev.clickstream.testing.TopicContents;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.restassured.path.json.JsonPath;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * The packaged application (prod profile; the runnable jar, or the native binary with {@code -Dnative}) end to
 * end on a real broker: POST /events, raw_events, the processor, processed_events, GET /events/processed. Only
 * HTTP and Kafka clients from outside, nothing injected into the application.
 */
@QuarkusIntegrationTest
@TestProfile(PipelineIT.OpenService.class)
class PipelineIT {

    /** A real broker; the packaged service runs open here (its security has tests of its own, in security/). */
    public static class OpenService extends RealKafkaProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("clickstream.security.enabled", "false");
        }
    }

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void postedPremiumEventsComeBackProcessed() {
        JsonPath accepted = given().contentType("application/json")
                .body(EventsJson.array(List.of(
                        EventsJson.raw("it-ann", true, "click", "it-1"),
                        EventsJson.raw("it-bob", false, "click", "it-2"),
                        EventsJson.raw("it-ann", true, "purchase", "it-3"))))
                .when().post("/events")
                .then().statusCode(202)
                .extract().jsonPath();
        assertThat(accepted.getInt("accepted")).isEqualTo(3);
        assertThat(accepted.getList("events.offset", Integer.class)).allSatisfy(offset -> assertThat(offset).isNotNegative());

        List<Map<String, Object>> processed = await().atMost(Duration.ofSeconds(30))
                .until(() -> given().when().get("/events/processed?limit=10").then().statusCode(200)
                        .extract().jsonPath().<Map<String, Object>> getList("$"), events -> events.size() >= 2);
        assertThat(processed).extracting(e -> e.get("event_id")).containsExactly("it-3", "it-1");
        assertThat(processed).extracting(e -> e.get("user")).containsOnly("IT-ANN");
        assertThat(processed).extracting(e -> e.get("event")).containsExactly("purchase", "click");

        Map<String, ConsumerRecord<String, String>> raw = TopicContents.read(companion.getBootstrapServers(), "raw_events")
                .stream().collect(Collectors.toMap(r -> EventsJson.eventId(r.value()), r -> r));
        assertThat(raw).containsOnlyKeys("it-1", "it-2", "it-3");
        assertThat(processed).allSatisfy(event -> assertThat(((Number) event.get("timestamp_processed")).longValue())
                .isEqualTo(raw.get((String) event.get("event_id")).timestamp()));
        assertThat(TopicContents.read(companion.getBootstrapServers(), "processed_events"))
                .extracting(ConsumerRecord::key).containsOnly("it-ann");
    }
}
