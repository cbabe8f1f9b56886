package dev.clickstream.kafka;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import dev.clickstream.testing.EventsJson;
import dev.clickstream.testing.RealKafkaProfile;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** With clickstream.tracing.enabled=true, one trace follows an event from POST /events to processed_events. */
@QuarkusTest
@TestProfile(PipelineTracingTest.Tracing.class)
class PipelineTracingTest {

    public static class Tracing extends RealKafkaProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            Map<String, String> config = new HashMap<>();
            config.put("clickstream.tracing.enabled", "true");
            // Spans are exported in batches every 5 s by default; the test need not wait that long.
            config.put("quarkus.otel.bsp.schedule.delay", "100ms");
            return config;
        }
    }

    @Inject
    InMemorySpanExporter spans;

    @Inject
    Config config;

    @Test
    void theOneSwitchTurnsOnTheSdkAndTheTracedChannels() {
        assertThat(config.getValue("quarkus.otel.sdk.disabled", Boolean.class)).isFalse();
        assertThat(config.getValue("mp.messaging.incoming.raw-events.tracing-enabled", Boolean.class)).isTrue();
    }

    @Test
    void oneTraceFollowsAnEventFromThePostThroughBothTopics() {
        String body = EventsJson.array(List.of(
                EventsJson.raw("traced-alice", true, "click", "traced-1"),
                EventsJson.raw("traced-bob", false, "click", "traced-2"),
                EventsJson.raw("traced-carol", true, "scroll", "traced-3")));
        given().contentType("application/json").body(body).when().post("/events").then().statusCode(202);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<SpanData> finished = spans.getFinishedSpanItems();
            SpanData post = only(finished, SpanKind.SERVER, "POST /events");
            List<SpanData> rawSends = all(finished, SpanKind.PRODUCER, "raw_events", post.getTraceId());
            List<SpanData> receives = all(finished, SpanKind.CONSUMER, "raw_events", post.getTraceId());
            List<SpanData> processedSends = all(finished, SpanKind.PRODUCER, "processed_events", post.getTraceId());

            assertThat(rawSends).as("one raw_events send per event, each a child of the POST").hasSize(3)
                    .allSatisfy(send -> assertThat(send.getParentSpanId()).isEqualTo(post.getSpanId()));
            assertThat(receives).as("each raw record received in its send's trace").hasSize(3)
                    .allSatisfy(receive -> assertThat(rawSends).extracting(SpanData::getSpanId)
                            .contains(receive.getParentSpanId()));
            assertThat(processedSends).as("each premium event's processed record sent from its receive span")
                    .hasSize(2)
                    .allSatisfy(send -> assertThat(receives).extracting(SpanData::getSpanId)
                            .contains(send.getParentSpanId()));
        });
    }

    private static SpanData only(List<SpanData> spans, SpanKind kind, String name) {
        Optional<SpanData> span = spans.stream().filter(s -> s.getKind() == kind && s.getName().equals(name))
                .findFirst();
        assertThat(span).as("a %s span named %s among %s", kind, name, names(spans)).isPresent();
        return span.get();
    }

    private static List<SpanData> all(List<SpanData> spans, SpanKind kind, String topic, String traceId) {
        return spans.stream().filter(s -> s.getKind() == kind && s.getTraceId().equals(traceId)
                && s.getName().startsWith(topic + " ")).toList();
    }

    private static List<String> names(List<SpanData> spans) {
        return spans.stream().map(s -> s.getKind() + " " + s.getName() + " " + s.getTraceId()).toList();
    }
}
