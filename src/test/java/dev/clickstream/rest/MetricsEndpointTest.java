package dev.clickstream.rest;

import static dev.clickstream.testing.PolledBatch.record;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.eclipse.microprofile.reactive.messaging.spi.Connector;
import org.junit.jupiter.api.Test;

import dev.clickstream.kafka.Channels;
import dev.clickstream.model.RawEvent;
import dev.clickstream.testing.PolledBatch;
import dev.clickstream.testing.Scrape;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import io.smallrye.reactive.messaging.memory.InMemoryConnector;

/** What {@code /q/metrics} shows of the pipeline and of {@code POST /events}, on the in-memory channels. */
@QuarkusTest
class MetricsEndpointTest {

    private static final String PUBLISH_REQUESTS = "http_server_requests_seconds_count";

    @Inject
    @Connector("smallrye-in-memory")
    InMemoryConnector connector;

    @Test
    void countsPublishRequestsByStatus() {
        Scrape before = Scrape.now();

        post(ContentType.JSON, "{\"user\":\"alice\",\"is_premium\":true,\"event_type\":\"click\"}", 202);
        post(ContentType.JSON, "{\"user\":\"alice\",\"is_premium\":\"yes\",\"event_type\":\"click\"}", 400);
        post(ContentType.JSON, "{\"user\":\"alice\",\"is_premium\":\"yes\",\"event_type\":\"click\"}", 400);
        post(ContentType.JSON, "x".repeat(1_100_000), 413);
        post(ContentType.TEXT, "{\"user\":\"alice\",\"is_premium\":true,\"event_type\":\"click\"}", 415);

        Scrape after = Scrape.now();
        for (Map.Entry<String, Integer> expected : Map.of("202", 1, "400", 2, "413", 1, "415", 1).entrySet()) {
            Map<String, String> labels = Map.of("method", "POST", "uri", "/events", "status", expected.getKey());
            assertThat(after.sum(PUBLISH_REQUESTS, labels) - before.sum(PUBLISH_REQUESTS, labels))
                    .as("POST /events answered %s", expected.getKey()).isEqualTo(expected.getValue().doubleValue());
        }
    }

    @Test
    void countsConsumedRawEventsAndTheLatencyOfProcessedOnes() {
        Scrape before = Scrape.now();
        long aSecondAgo = System.currentTimeMillis() - 1_000;

        connector.<KafkaRecordBatch<String, RawEvent>> source(Channels.RAW_EVENTS).send(PolledBatch.of(List.of(
                record(0, 0, aSecondAgo, new RawEvent("alice", true, "click", "m-1")),
                record(0, 1, aSecondAgo, new RawEvent("bob", false, "click", "m-2")),
                record(0, 2, aSecondAgo, new RawEvent("carol", true, "click", "m-3")))).batch());

        await().untilAsserted(() -> {
            Scrape after = Scrape.now();
            assertThat(delta(before, after, "clickstream_raw_events_consumed_total", Map.of())).isEqualTo(3);
            assertThat(delta(before, after, "clickstream_processed_latency_seconds_count", Map.of())).isEqualTo(2);
            assertThat(delta(before, after, "clickstream_processed_latency_seconds_sum", Map.of()))
                    .as("each at least the second it was late, to the millisecond").isGreaterThanOrEqualTo(2.0);
            assertThat(delta(before, after, "clickstream_processed_latency_seconds_bucket", Map.of("le", "0.5")))
                    .as("a second late is over half a second").isZero();
            assertThat(delta(before, after, "clickstream_processed_latency_seconds_bucket", Map.of("le", "5.0")))
                    .isEqualTo(2);
        });
    }

    private static double delta(Scrape before, Scrape after, String name, Map<String, String> labels) {
        return after.sum(name, labels) - before.sum(name, labels);
    }

    private static void post(ContentType type, String body, int status) {
        given().contentType(type).body(body).when().post("/events").then().statusCode(status);
    }
}
