package dev.clickstream.generator;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.clickstream.kafka.Channels;
import dev.clickstream.model.RawEvent;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;

@QuarkusTest
class GeneratorResourceTest {

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    private InMemorySink<RawEvent> raw;

    @BeforeEach
    void emptySink() {
        raw = connector.sink(Channels.RAW_EVENTS_OUT);
        raw.clear();
    }

    @AfterEach
    void stop() {
        given().post("/generator/stop").then().statusCode(200);
    }

    @Test
    void isOffInTests() {
        given().get("/generator").then().statusCode(200).body("running", equalTo(false));
        assertThat(raw.received()).isEmpty();
    }

    @Test
    void publishesTheSeededSequenceKeyedByUserThenStops() {
        given().queryParam("count", 6).queryParam("interval_ms", 5).queryParam("seed", 42)
                .when().post("/generator/start")
                .then().statusCode(200).body("running", equalTo(true)).body("seed", equalTo(42));

        await().until(() -> raw.received().size() == 6);
        List<RawEvent> expected = Stream.generate(new EventGenerator(42)::next).limit(6).toList();
        assertThat(raw.received()).extracting(Message::getPayload).containsExactlyElementsOf(expected);
        assertThat(raw.received()).allSatisfy(message -> assertThat(message.getMetadata(
                OutgoingKafkaRecordMetadata.class)).get().extracting(OutgoingKafkaRecordMetadata::getKey)
                .isEqualTo(message.getPayload().user()));
        await().untilAsserted(() -> given().get("/generator").then()
                .body("running", equalTo(false)).body("sent", equalTo(6)).body("failed", equalTo(0)));
    }

    @Test
    void sameSeedPublishesTheSameEventsAgain() {
        given().queryParam("count", 4).queryParam("interval_ms", 5).queryParam("seed", 7).post("/generator/start");
        await().until(() -> raw.received().size() == 4);
        List<RawEvent> first = raw.received().stream().map(Message::getPayload).toList();
        raw.clear();

        given().queryParam("count", 4).queryParam("interval_ms", 5).queryParam("seed", 7).post("/generator/start");
        await().until(() -> raw.received().size() == 4);

        assertThat(raw.received()).extracting(Message::getPayload).containsExactlyElementsOf(first);
    }

    @Test
    void runsUntilStoppedWithCountZero() {
        given().queryParam("count", 0).queryParam("interval_ms", 5).post("/generator/start")
                .then().statusCode(200).body("count", equalTo(0));
        await().until(() -> raw.received().size() >= 30);

        given().post("/generator/stop").then().statusCode(200).body("running", equalTo(false));
        int afterStop = raw.received().size();

        await().during(Duration.ofMillis(300)).until(() -> raw.received().size() <= afterStop + 1);
    }

    @Test
    void refusesBadParameters() {
        for (String[] bad : new String[][] { { "count", "-1" }, { "interval_ms", "0" }, { "seed", "x" },
                { "count", "many" } }) {
            given().queryParam(bad[0], bad[1]).post("/generator/start")
                    .then().statusCode(400).contentType("application/problem+json");
        }
        given().get("/generator").then().body("running", equalTo(false));
    }
}
