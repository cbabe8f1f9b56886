package dev.clickstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;

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
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.forLanguageTag("tr"));
        try {
            assertThat("diana".toUpperCase()).as("the JVM's own uppercasing in Turkish").isEqualTo("D\u0130ANA");
            assertThat(PremiumEvents.transform(new RawEvent("diana", true, "click", "x"), 0).user())
                    .isEqualTo("DIANA");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void namesWhatMakesARawEventUnprocessable() {
        assertThat(PremiumEvents.problemOf(null)).hasValue("null value");
        assertThat(PremiumEvents.problemOf(new RawEvent(null, true, "click", null))).hasValue("user is required");
        assertThat(PremiumEvents.problemOf(new RawEvent(" ", true, "click", null))).hasValue("user must not be blank");
        assertThat(PremiumEvents.problemOf(new RawEvent("bob", null, "click", null)))
                .hasValue("is_premium is required");
        assertThat(PremiumEvents.problemOf(new RawEvent("bob", false, null, null))).hasValue("event_type is required");
        assertThat(PremiumEvents.problemOf(new RawEvent(null, null, null, null)))
                .hasValue("user is required; is_premium is required; event_type is required");
        assertThat(PremiumEvents.problemOf(new RawEvent("bob", false, "scroll", null))).isEmpty();
    }
}
