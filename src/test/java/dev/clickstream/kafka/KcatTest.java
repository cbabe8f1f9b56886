package dev.clickstream.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.clickstream.testing.EventsJson;
import dev.clickstream.testing.Kcat;
import dev.clickstream.testing.RealKafkaProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/**
 * A client we did not write, kcat, writes to raw_events and reads what the service made of it. Skipped, saying so,
 * where kcat is not installed.
 */
@QuarkusTest
@TestProfile(RealKafkaProfile.class)
class KcatTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    private Kcat kcat;

    @BeforeEach
    void kcat() {
        kcat = Kcat.assumeInstalled(companion.getBootstrapServers());
    }

    @Test
    void rawJsonFromKcatComesOutTransformedAndKeyedByUser() {
        // kcat-2 before kcat-1 under the same key, so in the same partitions: the service reads kcat-2 first, and
        // would write it to processed_events before kcat-1. Once kcat-1 is there, kcat-2 has been read and dropped.
        kcat.produceKeyed("raw_events", List.of(
                "kcat-ann|" + EventsJson.raw("kcat-ann", false, "click", "kcat-2"),
                "kcat-ann|" + EventsJson.raw("kcat-ann", true, "click", "kcat-1")));
        // Without a key: the processed record is keyed by the user in the JSON all the same.
        kcat.produce("raw_events", List.of(EventsJson.raw("kcat-bob", true, "purchase", "kcat-3")));

        Map<String, JsonNode> processed = await().atMost(Duration.ofSeconds(30))
                .until(() -> byEventId(kcat.consumeAll("processed_events")),
                        records -> records.containsKey("kcat-1") && records.containsKey("kcat-3"));
        Map<String, JsonNode> raw = byEventId(kcat.consumeAll("raw_events"));

        assertThat(raw.get("kcat-3").get("key").isNull()).as("kcat wrote kcat-3 without a key").isTrue();
        assertProcessed(processed.get("kcat-1"), raw.get("kcat-1"), "kcat-ann", "KCAT-ANN", "click");
        assertProcessed(processed.get("kcat-3"), raw.get("kcat-3"), "kcat-bob", "KCAT-BOB", "purchase");
        assertThat(raw.get("kcat-2").get("partition").asInt()).as("kcat-2 in kcat-1's partition")
                .isEqualTo(raw.get("kcat-1").get("partition").asInt());
        assertThat(raw.get("kcat-2").get("offset").asLong()).as("kcat-2 before kcat-1")
                .isLessThan(raw.get("kcat-1").get("offset").asLong());
        assertThat(processed).as("non-premium kcat-2 is dropped").doesNotContainKey("kcat-2");
        assertThat(processed.get("kcat-1").get("partition").asInt()).as("partition of key kcat-ann in both topics")
                .isEqualTo(raw.get("kcat-1").get("partition").asInt());
    }

    @Test
    void valueThatIsNotJsonGoesToTheDeadLetterQueueAndThePipelineGoesOn() {
        kcat.produceKeyed("raw_events", List.of(
                "kcat-cy|not json {",
                "kcat-cy|" + EventsJson.raw("kcat-cy", true, "click", "kcat-4")));

        JsonNode dead = await().atMost(Duration.ofSeconds(30))
                .until(() -> kcat.consumeAll("raw_events_dlq").stream()
                        .filter(envelope -> "not json {".equals(envelope.get("payload").asText()))
                        .findFirst().orElse(null), envelope -> envelope != null);
        await().atMost(Duration.ofSeconds(30))
                .until(() -> byEventId(kcat.consumeAll("processed_events")).containsKey("kcat-4"));

        assertThat(dead.get("key").asText()).isEqualTo("kcat-cy");
        assertThat(headers(dead)).containsEntry("dead-letter-topic", "raw_events")
                .containsKey("dead-letter-reason");
        given().when().get("/q/health/live").then().statusCode(200);
    }

    /** kcat's {@code headers} array ({@code [name, value, name, value...]}) as a map. */
    private static Map<String, String> headers(JsonNode envelope) {
        Map<String, String> headers = new HashMap<>();
        JsonNode array = envelope.get("headers");
        for (int i = 0; array != null && i + 1 < array.size(); i += 2) {
            headers.put(array.get(i).asText(), array.get(i + 1).asText());
        }
        return headers;
    }

    private static void assertProcessed(JsonNode envelope, JsonNode rawEnvelope, String key, String user,
            String event) {
        assertThat(envelope.get("key").asText()).isEqualTo(key);
        JsonNode payload = EventsJson.parse(envelope.get("payload").asText());
        assertThat(payload.get("user").asText()).isEqualTo(user);
        assertThat(payload.get("event").asText()).isEqualTo(event);
        assertThat(payload.get("timestamp_processed").asLong()).isEqualTo(rawEnvelope.get("ts").asLong());
        assertThat(payload.has("is_premium")).isFalse();
    }

    /** kcat's JSON envelopes by the event id in their payload. */
    private static Map<String, JsonNode> byEventId(List<JsonNode> envelopes) {
        return envelopes.stream()
                .filter(envelope -> EventsJson.eventId(envelope.get("payload").asText()) != null)
                .collect(Collectors.toMap(envelope -> EventsJson.eventId(envelope.get("payload").asText()),
                        Function.identity(), (first, second) -> first));
    }
}
