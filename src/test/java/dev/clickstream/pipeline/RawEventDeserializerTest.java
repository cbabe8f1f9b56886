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
        assertReason("", Reason.MALFORMED_JSON);
    }

    @Test
    void failsAnythingAfterTheEventAsMalformed() {
        String seed = "{\"user\":\"alice\",\"is_premium\":true,\"event_type\":\"click\"}";
        assertReason(seed + "garbage", Reason.MALFORMED_JSON);
        assertReason(seed + seed, Reason.MALFORMED_JSON);
    }

    @Test
    void namesTheFirstLineOfJacksonsMessage() {
        assertThatThrownBy(() -> read("{\"user\":\"a\",\"user\":\"b\"}"))
                .hasMessageStartingWith("malformed-json: Duplicate field 'user'").hasMessageNotContaining("\n");
    }

    @Test
    void failsJsonThatIsNotARawEvent() {
        assertThatThrownBy(() -> read("{\"is_premium\":true,\"event_type\":\"click\"}"))
                .hasMessage("invalid-event: user is required");
        assertThatThrownBy(() -> read("{\"user\":\"alice\",\"is_premium\":\"maybe\",\"event_type\":\"click\"}"))
                .hasMessage("invalid-event: is_premium must be true or false");
        assertThatThrownBy(() -> read("{\"user\":\"" + "u".repeat(6_000) + "\",\"is_premium\":true,\"event_type\":\"c\"}"))
                .hasMessage("invalid-event: user must be at most 64 characters");
        assertThatThrownBy(() -> read("{\"user\":\"a\\u0007\",\"is_premium\":true}"))
                .hasMessage("invalid-event: user must not contain control characters; event_type is required");
        assertReason("[1,2,3]", Reason.INVALID_EVENT);
        assertReason("null", Reason.INVALID_EVENT);
    }

    @Test
    void readsTheSameFromTheHeadersVariant() {
        byte[] seed = "{\"user\":\"alice\",\"is_premium\":false,\"event_type\":\"click\"}"
                .getBytes(StandardCharsets.UTF_8);
        assertThat(deserializer.deserialize("raw_events", new RecordHeaders(), seed))
                .isEqualTo(new RawEvent("alice", false, "click", null));
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
