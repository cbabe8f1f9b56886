package dev.clickstream.pipeline;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/** A {@link PremiumEventProcessor} outside CDI, its counters on a registry of its own, for tests and benchmarks. */
public final class StandaloneProcessor {

    private StandaloneProcessor() {
    }

    public static PremiumEventProcessor create() {
        PremiumEventProcessor processor = new PremiumEventProcessor();
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        processor.deadLetters = new DeadLetterCounter(registry);
        processor.outcomes = new EventOutcomes(registry);
        return processor;
    }
}
