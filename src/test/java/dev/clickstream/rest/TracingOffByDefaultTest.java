package dev.clickstream.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.quarkus.test.junit.QuarkusTest;

/** Without clickstream.tracing.enabled, the OpenTelemetry SDK exports nothing and no channel traces its records. */
@QuarkusTest
class TracingOffByDefaultTest {

    @Inject
    OpenTelemetry openTelemetry;

    @Inject
    InMemorySpanExporter spans;

    @Inject
    Config config;

    @Test
    void exportsNoSpanOfARequestOrOfTheCodeAndNoChannelTraces() {
        given().contentType("application/json").body("{\"user\":\"alice\",\"is_premium\":true,\"event_type\":\"click\"}")
                .when().post("/events").then().statusCode(202);
        openTelemetry.getTracer("probe").spanBuilder("probe").startSpan().end();

        // Whatever the SDK holds is handed to its exporters now, so an empty exporter means nothing was exported.
        ((OpenTelemetrySdk) openTelemetry).getSdkTracerProvider().forceFlush().join(10, TimeUnit.SECONDS);
        assertThat(spans.getFinishedSpanItems()).isEmpty();
        assertThat(config.getValue("quarkus.otel.sdk.disabled", Boolean.class)).isTrue();
        for (String channel : new String[] { "outgoing.raw-events-out", "incoming.raw-events",
                "outgoing.processed-events", "incoming.processed-events-in" }) {
            assertThat(config.getValue("mp.messaging." + channel + ".tracing-enabled", Boolean.class))
                    .as(channel).isFalse();
        }
    }
}
