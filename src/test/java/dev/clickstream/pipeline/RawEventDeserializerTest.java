package dev.clickstream.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import dev.clickstream.model.RawEvent;
import dev.clickstream.pipeline.UnprocessableEventException.Reason;

class RawEventDeserializerTest {

    private final RawEventDeserializer deserializer = new RawEventDeserializer();

    @Test
    void readsASeedEvent() {
        assertThat(read("{\"user\":\"alice\",\"is_premium\":true,\"event_type\":\"click\",\"event_id\":\"e\"}"))
                .isEqualTo(new RawEvent("alice", true, "click", "e"));
    }

    @Test
    void failsATombstone() {
        assertReason(null, Reason.TOMBSTONE);
    }

    @Test
    void failsBytesThatAreNotJson() {
        assertReason("{\"user\":\"alice\",", Reason.MALFORMED_JSON);
        assertReason("not json at all", Reason.MALFORMED_JSON);
    }

    @Test
    void failsJsonThatIsNotARawEvent() {
        assertReason("{\"is_premium\":true,\"event_type\":\"click\"}", Reason.INVALID_EVENT);
        assertReason("{\"user\":\"alice\",\"event_type\":\"click\"}", Reason.INVALID_EVENT);
        assertReason("{\"user\":\"alice\",\"is_premium\":true}", Reason.INVALID_EVENT);
        assertReason("{\"user\":\"alice\",\"is_premium\":\"maybe\",\"event_type\":\"click\"}", Reason.INVALID_EVENT);
        assertReason("[1,2,3]", Reason.INVALID_EVENT);
        assertReason("null", Reason.INVALID_EVENT);
    }

    @Test
    void namesOnlyTheFirstLineOfTheParsersMessage() {
        assertThatThrownBy(() -> read("{\"user\":\"alice\","))
                .hasMessageStartingWith("malformed-json: Unexpected end-of-input")
                .hasMessageNotContaining("\n")
                .hasMessageNotContaining("[Source:");
    }

    @Test
    void readsTheSameWithHeaders() {
        byte[] json = "{\"user\":\"bob\",\"is_premium\":false,\"event_type\":\"scroll\"}"
                .getBytes(StandardCharsets.UTF_8);

        assertThat(deserializer.deserialize("raw_events", new RecordHeaders(), json))
                .isEqualTo(new RawEvent("bob", false, "scroll"));
    }

    @Test
    void theMessageStartsWithTheReasonAsTheDeadLetterHeaderShowsIt() {
        UnprocessableEventException e = new UnprocessableEventException(Reason.INVALID_EVENT, "missing user");

        assertThat(e.reason()).isEqualTo(Reason.INVALID_EVENT);
        assertThat(e).hasMessage("invalid-event: missing user");
    }

    private RawEvent read(String json) {
        return deserializer.deserialize("raw_events", json == null ? null : json.getBytes(StandardCharsets.UTF_8));
    }

    private void assertReason(String json, Reason reason) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(UnprocessableEventException.class)
                .satisfies(e -> assertThat(((UnprocessableEventException) e).reason()).isEqualTo(reason))
                .hasMessageStartingWith(reason.label() + ": ");
    }
}
