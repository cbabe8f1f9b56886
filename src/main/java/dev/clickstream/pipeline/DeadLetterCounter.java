package dev.clickstream.pipeline;

import java.util.EnumMap;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.clickstream.pipeline.UnprocessableEventException.Reason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts the raw events sent to the dead-letter topic, per reason, as the metric
 * {@code clickstream_dead_letters_total{reason="..."}} at {@code /q/metrics}.
 */
@ApplicationScoped
public class DeadLetterCounter {

    private final Map<Reason, Counter> counters = new EnumMap<>(Reason.class);

    @Inject
    public DeadLetterCounter(MeterRegistry registry) {
        for (Reason reason : Reason.values()) {
            counters.put(reason, Counter.builder("clickstream.dead.letters")
                    .description("Raw events sent to the dead-letter topic")
                    .tag("reason", reason.label())
                    .register(registry));
        }
    }

    public void count(Reason reason) {
        counters.get(reason).increment();
    }

    public long total(Reason reason) {
        return (long) counters.get(reason).count();
    }
}
