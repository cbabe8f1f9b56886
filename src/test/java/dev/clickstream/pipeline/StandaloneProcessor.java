package dev.clickstream.pipeline;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** A {@link PremiumEventProcessor} built without CDI, for plain tests and the in-memory benchmark. */
public final class StandaloneProcessor {

    private StandaloneProcessor() {
    }

    /** A processor whose meters go to a registry of its own. */
    public static PremiumEventProcessor create() {
        return create(new SimpleMeterRegistry());
    }

    /** A processor whose meters go to {@code registry}. */
    public static PremiumEventProcessor create(MeterRegistry registry) {
        PremiumEventProcessor processor = new PremiumEventProcessor();
        processor.deadLetters = new DeadLetterCounter(registry);
        processor.metrics = new PipelineMetrics(registry);
        processor.outcomes = new EventOutcomes(registry);
        return processor;
    }
}
