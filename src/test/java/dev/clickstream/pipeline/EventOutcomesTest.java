package dev.clickstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

class EventOutcomesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final EventOutcomes outcomes = new EventOutcomes(registry);

    @Test
    void countsKeptAndDroppedEventsByEventTypeAsTaggedCounters() {
        outcomes.kept("click");
        outcomes.kept("click");
        outcomes.dropped("click");
        outcomes.dropped("view");

        assertThat(outcomes.counts()).containsExactly(
                java.util.Map.entry("click", new EventOutcomes.Counts(2, 1)),
                java.util.Map.entry("view", new EventOutcomes.Counts(0, 1)));
        assertThat(registry.get("clickstream.events").tags("outcome", "kept", "event_type", "click").counter().count())
                .isEqualTo(2);
        assertThat(registry.get("clickstream.events").tags("outcome", "dropped", "event_type", "view").counter().count())
                .isEqualTo(1);
    }

    @Test
    void eventTypesPastTheCapAreCountedAsOther() {
        for (int i = 0; i < EventOutcomes.MAX_EVENT_TYPES + 10; i++) {
            outcomes.kept("type-" + i);
        }
        outcomes.dropped("type-0");
        outcomes.dropped("yet-another");

        assertThat(outcomes.counts()).hasSize(EventOutcomes.MAX_EVENT_TYPES + 1)
                .containsEntry("type-0", new EventOutcomes.Counts(1, 1))
                .containsEntry(EventOutcomes.OTHER, new EventOutcomes.Counts(10, 1));
        assertThat(registry.find("clickstream.events").counters())
                .hasSize(2 * (EventOutcomes.MAX_EVENT_TYPES + 1));
    }
}
