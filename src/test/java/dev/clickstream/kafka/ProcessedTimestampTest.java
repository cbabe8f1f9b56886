package dev.clickstream.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.clickstream.testing.EventsJson;
import dev.clickstream.testing.RealKafkaProfile;
import dev.clickstream.testing.TopicContents;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.kafka.InjectKafkaCompanion;
import io.smallrye.reactive.messaging.kafka.companion.KafkaCompanion;

/** {@code timestamp_processed} is the Kafka timestamp of the raw record, to the millisecond. */
@QuarkusTest
@TestProfile(RealKafkaProfile.class)
class ProcessedTimestampTest {

    @InjectKafkaCompanion
    KafkaCompanion companion;

    @Test
    void timestampProcessedIsTheRawRecordTimestamp() {
        given().contentType("application/json").body(EventsJson.raw("stamp-ann", true, "view", "stamp-1"))
                .when().post("/events")
                .then().statusCode(202);

        ConsumerRecord<String, String> raw = awaitRecord("raw_events", "stamp-1");
        JsonNode processed = EventsJson.parse(awaitRecord("processed_events", "stamp-1").value());

        assertThat(raw.timestampType()).isEqualTo(TimestampType.CREATE_TIME);
        assertThat(processed.get("timestamp_processed").asLong()).isEqualTo(raw.timestamp());
    }

    @Test
    void timestampProcessedKeepsAnExplicitOldCreateTime() {
        long threeDaysAgo = Instant.now().minus(3, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).plusMillis(123)
                .toEpochMilli();
        companion.produceStrings()
                .fromRecords(new ProducerRecord<>("raw_events", null, threeDaysAgo, "stamp-bob",
                        EventsJson.raw("stamp-bob", true, "purchase", "stamp-2")))
                .awaitCompletion();

        ConsumerRecord<String, String> raw = awaitRecord("raw_events", "stamp-2");
        JsonNode processed = EventsJson.parse(awaitRecord("processed_events", "stamp-2").value());

        assertThat(raw.timestamp()).isEqualTo(threeDaysAgo);
        assertThat(processed.get("timestamp_processed").asLong()).isEqualTo(threeDaysAgo);
        assertThat(processed.get("user").asText()).isEqualTo("STAMP-BOB");
    }

    private ConsumerRecord<String, String> awaitRecord(String topic, String eventId) {
        return await().atMost(Duration.ofSeconds(30))
                .until(() -> TopicContents.read(companion.getBootstrapServers(), topic).stream()
                        .filter(r -> eventId.equals(EventsJson.eventId(r.value())))
                        .findFirst().orElse(null), record -> record != null);
    }
}
