package dev.clickstream.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.clickstream.kafka.Channels;
import dev.clickstream.model.RawEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySink;

@QuarkusTest
class EventResourceTest {

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @TestHTTPResource("/events")
    URL events;

    private InMemorySink<RawEvent> raw;

    @BeforeEach
    void emptySink() {
        raw = connector.sink(Channels.RAW_EVENTS_OUT);
        raw.clear();
    }

    @Test
    void publishesOneEventKeyedByUserWithAnAssignedId() {
        String id = given().contentType(ContentType.JSON)
                .body("{\"user\":\"alice\",\"is_premium\":true,\"event_type\":\"click\"}")
                .when().post("/events")
                .then().statusCode(202)
                .body("accepted", equalTo(1))
                .body("events[0].event_id", notNullValue())
                .extract().path("events[0].event_id");

        assertThat(raw.received()).hasSize(1);
        Message<RawEvent> sent = raw.received().get(0);
        assertThat(sent.getPayload()).isEqualTo(new RawEvent("alice", true, "click", id));
        assertThat(keyOf(sent)).isEqualTo("alice");
    }

    @Test
    void publishesABatchInOrderKeepingGivenIds() {
        given().contentType(ContentType.JSON)
                .body("""
                        [{"user":"alice","is_premium":true,"event_type":"click","event_id":"b-1"},
                         {"user":"bob","is_premium":false,"event_type":"scroll","event_id":"b-2"},
                         {"user":"charlie","is_premium":true,"event_type":"purchase"}]""")
                .when().post("/events")
                .then().statusCode(202)
                .body("accepted", equalTo(3))
                .body("events.event_id", hasItem("b-2"));

        assertThat(raw.received()).extracting(Message::getPayload).extracting(RawEvent::user)
                .containsExactly("alice", "bob", "charlie");
        assertThat(raw.received()).extracting(EventResourceTest::keyOf).containsExactly("alice", "bob", "charlie");
        assertThat(raw.received().get(0).getPayload().eventId()).isEqualTo("b-1");
        assertThat(raw.received().get(2).getPayload().eventId()).isNotBlank();
    }

    @Test
    void aBatchWithOneInvalidEventPublishesNothingAndNamesEveryBadField() {
        given().contentType(ContentType.JSON)
                .body("""
                        [{"user":"alice","is_premium":true,"event_type":"click"},
                         {"user":"","is_premium":"yes","event_type":7},
                         {"is_premium":true,"event_type":"click","event_id":"x"}]""")
                .when().post("/events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("violations.field", contains("[1].user", "[1].is_premium", "[1].event_type", "[2].user"))
                .body("violations.message", contains("must not be blank", "must be true or false", "must be a string",
                        "is required"));

        assertThat(raw.received()).isEmpty();
    }

    @Test
    void namesMissingAndBlankFields() {
        given().contentType(ContentType.JSON)
                .body("{\"user\":\" \",\"is_premium\":null}")
                .when().post("/events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("violations.field", containsInAnyOrder("user", "is_premium", "event_type"));

        assertThat(raw.received()).isEmpty();
    }

    @Test
    void answersMalformedJsonWith400() {
        for (String body : List.of("{\"user\":\"alice\",", "not json", "{\"user\":\"alice\"}}")) {
            given().contentType(ContentType.JSON).body(body)
                    .when().post("/events")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("title", equalTo("Malformed JSON"));
        }
        assertThat(raw.received()).isEmpty();
    }

    @Test
    void refusesTextAfterTheJsonInsteadOfPublishingTheFirstEvent() {
        String valid = "{\"user\":\"alice\",\"is_premium\":true,\"event_type\":\"click\"}";
        for (String body : List.of(valid + "garbage", valid + valid, "[" + valid + "] []")) {
            given().contentType(ContentType.JSON).body(body)
                    .when().post("/events")
                    .then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("title", equalTo("Malformed JSON"));
        }
        assertThat(raw.received()).isEmpty();
    }

    @Test
    void namesEveryBadFieldOfASingleEventBatchAsTheReadmeShows() {
        given().contentType(ContentType.JSON)
                .body("[{\"user\":\"\",\"is_premium\":\"yes\"}]")
                .when().post("/events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", equalTo("invalid events; none was published"))
                .body("violations.field", contains("[0].user", "[0].is_premium", "[0].event_type"))
                .body("violations.message", contains("must not be blank", "must be true or false", "is required"));

        assertThat(raw.received()).isEmpty();
    }

    @Test
    void answersBodiesThatAreNotEventsWith400() {
        for (String body : List.of("", "[]", "42", "\"alice\"", "[1,2]", "null")) {
            given().contentType(ContentType.JSON).body(body)
                    .when().post("/events")
                    .then().statusCode(400)
                    .contentType("application/problem+json");
        }
        assertThat(raw.received()).isEmpty();
    }

    @Test
    void answersAnotherContentTypeWith415() {
        given().contentType(ContentType.TEXT).body("{\"user\":\"alice\",\"is_premium\":true,\"event_type\":\"click\"}")
                .when().post("/events")
                .then().statusCode(415)
                .contentType("application/problem+json");

        assertThat(raw.received()).isEmpty();
    }

    @Test
    void answersABodyWithoutContentTypeWith415() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(events.toURI())
                .POST(HttpRequest.BodyPublishers.ofString("{\"user\":\"alice\",\"is_premium\":true,\"event_type\":\"click\"}"))
                .build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(raw.received()).isEmpty();
    }

    @Test
    void answersAnOversizedBodyWith413() {
        String padding = " ".repeat(1_100_000);
        given().contentType(ContentType.JSON)
                .body("{\"user\":\"alice\",\"is_premium\":true,\"event_type\":\"click\"}" + padding)
                .when().post("/events")
                .then().statusCode(413)
                .contentType("application/problem+json");

        assertThat(raw.received()).isEmpty();
    }

    @Test
    void answersAChunkedBodyOverTheLimitWith413() throws Exception {
        String event = "{\"user\":\"alice\",\"is_premium\":true,\"event_type\":\"click\"}";
        byte[] body = ("[" + String.join(",", Collections.nCopies(30_000, event)) + "]").getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).isGreaterThan(1_048_576);

        HttpResponse<String> response = postChunked(body);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(response.body()).contains("\"status\":413").contains("at most 1048576 bytes");
        assertThat(raw.received()).isEmpty();
    }

    @Test
    void publishesAChunkedBodyUnderTheLimit() throws Exception {
        HttpResponse<String> response = postChunked(
                "{\"user\":\"alice\",\"is_premium\":true,\"event_type\":\"click\",\"event_id\":\"chunked-1\"}"
                        .getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(raw.received()).extracting(Message::getPayload)
                .containsExactly(new RawEvent("alice", true, "click", "chunked-1"));
    }

    @Test
    void answersABatchOverTheLimitWith413() {
        String event = "{\"user\":\"alice\",\"is_premium\":true,\"event_type\":\"click\"}";
        String batch = "[" + String.join(",", Collections.nCopies(501, event)) + "]";

        given().contentType(ContentType.JSON).body(batch)
                .when().post("/events")
                .then().statusCode(413)
                .contentType("application/problem+json");

        assertThat(raw.received()).isEmpty();
    }

    /** A body of unannounced size: the client sends it chunked, without a Content-Length. */
    private HttpResponse<String> postChunked(byte[] body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(events.toURI()).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    @SuppressWarnings("unchecked")
    private static Object keyOf(Message<?> message) {
        return message.getMetadata(OutgoingKafkaRecordMetadata.class)
                .map(OutgoingKafkaRecordMetadata::getKey).orElse(null);
    }
}
