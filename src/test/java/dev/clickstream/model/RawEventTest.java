package dev.clickstream.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class RawEventTest {

    private final ObjectMapper mapper = new ObjectMapper();

    @Test
    void readsAndWritesTheSeedWireFormat() throws Exception {
        String seed = "{\"user\":\"alice\",\"is_premium\":true,\"event_type\":\"click\"}";

        RawEvent event = mapper.readValue(seed, RawEvent.class);

        assertThat(event).isEqualTo(new RawEvent("alice", true, "click", null));
        assertThat(mapper.writeValueAsString(event)).isEqualTo(seed);
        assertThat(mapper.writeValueAsString(new RawEvent("alice", true, "click", "e-1")))
                .isEqualTo("{\"user\":\"alice\",\"is_premium\":true,\"event_type\":\"click\",\"event_id\":\"e-1\"}");
    }

    @Test
    void writesProcessedEventsInTheSeedWireFormat() throws Exception {
        assertThat(mapper.writeValueAsString(new ProcessedEvent("ALICE", "click", 1732712345678L, "e-1")))
                .isEqualTo("{\"user\":\"ALICE\",\"event\":\"click\",\"timestamp_processed\":1732712345678,"
                        + "\"event_id\":\"e-1\"}");
    }

    @Test
    void isPremiumOnlyWhenIsPremiumIsTrue() {
        assertThat(new RawEvent("alice", true, "click").premium()).isTrue();
        assertThat(new RawEvent("alice", false, "click").premium()).isFalse();
        assertThat(new RawEvent("alice", null, "click", null).premium()).isFalse();
    }

    @Test
    void assignsAnIdOnlyWhenItHasNone() {
        assertThat(new RawEvent("alice", true, "click", "mine").withIdAssigned().eventId()).isEqualTo("mine");
        RawEvent assigned = new RawEvent("alice", true, "click").withIdAssigned();
        assertThat(assigned).isEqualTo(new RawEvent("alice", true, "click", assigned.eventId()));
        assertThat(assigned.eventId()).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        assertThat(new RawEvent("alice", true, "click").withIdAssigned().eventId()).isNotEqualTo(assigned.eventId());
    }
}
