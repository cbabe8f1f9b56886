package dev.clickstream.testing;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;

/**
 * The span exporter of {@code @QuarkusTest}s: Quarkus sends finished spans to every exporter bean, so a test with
 * {@code clickstream.tracing.enabled=true} injects this one and reads its spans. With tracing off it gets none.
 */
@Singleton
public class InMemorySpans {

    @Produces
    @Singleton
    InMemorySpanExporter exporter() {
        return InMemorySpanExporter.create();
    }
}
