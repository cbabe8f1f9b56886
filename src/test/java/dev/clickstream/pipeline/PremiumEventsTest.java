package dev.clickstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import dev.clickstream.model.ProcessedEvent;
import dev.clickstream.model.RawEvent;

class PremiumEventsTest {

    @Test
    void keepsPremiumEventsOnly() {
        assertThat(PremiumEvents.isKept(new RawEvent("alice", true, "click"))).isTrue();
        assertThat(PremiumEvents.isKept(new RawEvent("bob", false, "click"))).isFalse();
    }

    @Test
    void uppercasesTheUserAndStampsTheRecordTimestamp() {
        RawEvent raw = new RawEvent("alice", true, "purchase", "id-1");

        assertThat(PremiumEvents.transform(raw, 1_732_712_345_678L))
                .isEqualTo(new ProcessedEvent("ALICE", "purchase", 1_732_712_345_678L, "id-1"));
    }

    @Test
    void uppercasesWithoutTheDefaultLocale() {
        // In a Turkish locale "i".toUpperCase() is a dotted capital I; the wire format must not depend on it.
        assertThat(PremiumEvents.transform(new RawEvent("diana", true, "click", "x"), 0).user()).isEqualTo("DIANA");
    }

    @Test
    void namesWhatMakesARawEventUnprocessableByTheSameRulesAsTheDeserializer() {
        assertThat(PremiumEvents.problemOf(null)).contains("null value");
        assertThat(PremiumEvents.problemOf(new RawEvent(null, true, "click", null))).contains("user is required");
        assertThat(PremiumEvents.problemOf(new RawEvent(" ", true, "click", null))).contains("user must not be blank");
        assertThat(PremiumEvents.problemOf(new RawEvent("bob", null, "click", null))).contains("is_premium is required");
        assertThat(PremiumEvents.problemOf(new RawEvent("bob", false, null, "x".repeat(65))))
                .contains("event_type is required; event_id must be at most 64 characters");
        assertThat(PremiumEvents.problemOf(new RawEvent("bob", false, "scroll", null))).isEmpty();
    }
}
