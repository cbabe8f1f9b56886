package dev.clickstream.view;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.clickstream.kafka.Channels;
import dev.clickstream.model.ProcessedEvent;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;
import io.smallrye.reactive.messaging.memory.InMemorySource;

@QuarkusTest
class ProcessedEventsResourceTest {

    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @TestHTTPResource("/events/processed/stream")
    URI streamUri;

    private InMemorySource<List<byte[]>> processed;

    @BeforeEach
    void source() {
        processed = connector.source(Channels.PROCESSED_EVENTS_IN);
    }

    @Test
    void returnsTheNewestProcessedEventsFirst() {
        List<ProcessedEvent> sent = sendEvents(5);
        awaitNewest(sent.get(4));

        List<String> ids = given().queryParam("limit", 3)
                .when().get("/events/processed")
                .then().statusCode(200)
                .extract().jsonPath().getList("event_id", String.class);

        assertThat(ids).containsExactly(sent.get(4).eventId(), sent.get(3).eventId(), sent.get(2).eventId());
    }

    @Test
    void returnsTheSeedWireFormat() {
        ProcessedEvent event = sendEvents(1).get(0);
        awaitNewest(event);

        given().queryParam("limit", 1)
                .when().get("/events/processed")
                .then().statusCode(200)
                .body("[0].user", equalTo(event.user()))
                .body("[0].event", equalTo("click"))
                .body("[0].timestamp_processed", equalTo(event.timestampProcessed()));
    }

    @Test
    void returnsTwentyByDefaultAndNeverMoreThanTheCapacity() {
        awaitNewest(sendEvents(120).get(119));

        assertThat(given().get("/events/processed").then().statusCode(200).extract().jsonPath().getList("$"))
                .hasSize(20);
        assertThat(given().queryParam("limit", 100).get("/events/processed").then().statusCode(200)
                .extract().jsonPath().getList("$")).hasSize(100);
    }

    @Test
    void refusesALimitOutsideOneToTheCapacity() {
        for (String limit : List.of("0", "-1", "101", "abc", "1.5")) {
            given().queryParam("limit", limit)
                    .when().get("/events/processed")
                    .then().statusCode(400)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void streamsProcessedEventsLiveToEveryClient() {
        HttpClient client = HttpClient.newHttpClient();
        List<String> first = new CopyOnWriteArrayList<>();
        List<String> second = new CopyOnWriteArrayList<>();
        HttpRequest request = HttpRequest.newBuilder(streamUri).header("Accept", "text/event-stream")
                .timeout(Duration.ofSeconds(30)).build();
        var firstResponse = client.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(
                new LineCollector(first)));
        var secondResponse = client.sendAsync(request, HttpResponse.BodyHandlers.fromLineSubscriber(
                new LineCollector(second)));
        try {
            // Events sent before a client subscribed are not streamed to it; keep sending until both see one.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                sendEvents(1);
                return dataLines(first).size() > 0 && dataLines(second).size() > 0;
            });
            ProcessedEvent marker = sendEvents(1).get(0);

            await().atMost(Duration.ofSeconds(30))
                    .until(() -> dataLines(first).stream().anyMatch(line -> line.contains(marker.eventId()))
                            && dataLines(second).stream().anyMatch(line -> line.contains(marker.eventId())));
            assertThat(dataLines(first)).last().asString()
                    .contains("\"user\":\"" + marker.user() + "\"", "\"timestamp_processed\":");
        } finally {
            firstResponse.cancel(true);
            secondResponse.cancel(true);
        }
    }

    private List<ProcessedEvent> sendEvents(int count) {
        List<ProcessedEvent> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            long n = SEQUENCE.incrementAndGet();
            ProcessedEvent event = new ProcessedEvent("USER" + n, "click", 1_700_000_000_000L + n, "p-" + n);
            events.add(event);
        }
        // One poll's worth, as the Kafka connector hands them over: the records' values.
        processed.send(events.stream().map(ProcessedEventsResourceTest::json).toList());
        return events;
    }

    private static byte[] json(ProcessedEvent event) {
        try {
            return JSON.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The view takes events asynchronously: wait until the given one is the newest it shows. */
    private static void awaitNewest(ProcessedEvent event) {
        await().untilAsserted(() -> given().queryParam("limit", 1).get("/events/processed")
                .then().body("[0].event_id", equalTo(event.eventId())));
    }

    private static List<String> dataLines(List<String> lines) {
        return lines.stream().filter(line -> line.startsWith("data:")).toList();
    }

    /** Collects the lines of a streamed response body. */
    private record LineCollector(List<String> lines) implements Flow.Subscriber<String> {
        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(String line) {
            lines.add(line);
        }

        @Override
        public void onError(Throwable throwable) {
        }

        @Override
        public void onComplete() {
        }
    }
}
