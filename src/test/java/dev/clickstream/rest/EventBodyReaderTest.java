package dev.clickstream.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.clickstream.model.RawEvent;
import dev.clickstream.rest.Problem.Violation;

class EventBodyReaderTest {

    private static final String ALICE = "{\"user\":\"alice\",\"is_premium\":true,\"event_type\":\"click\"}";

    private final EventBodyReader reader = new EventBodyReader(3);

    @Test
    void readsOneEventAndAssignsItAnId() throws Exception {
        List<RawEvent> events = reader.read(bytes(ALICE));

        assertThat(events).hasSize(1);
        assertThat(events.get(0)).isEqualTo(new RawEvent("alice", true, "click", events.get(0).eventId()));
        assertThat(events.get(0).eventId()).hasSize(36);
    }

    @Test
    void readsABatchInOrderKeepingGivenIds() throws Exception {
        List<RawEvent> events = reader.read(bytes("[" + ALICE + ","
                + "{\"user\":\"bob\",\"is_premium\":false,\"event_type\":\"scroll\",\"event_id\":\"b-2\"}]"));

        assertThat(events).extracting(RawEvent::user).containsExactly("alice", "bob");
        assertThat(events.get(1).eventId()).isEqualTo("b-2");
        assertThat(events.get(0).eventId()).isNotNull();
    }

    @Test
    void namesEveryBadFieldOfOneEvent() {
        assertThat(invalid("{\"user\":\"\",\"is_premium\":\"yes\"}")).containsExactly(
                new Violation("user", "must not be blank"),
                new Violation("is_premium", "must be true or false"),
                new Violation("event_type", "is required"));
        assertThatThrownBy(() -> reader.read(bytes("{}"))).hasMessage("invalid event");
    }

    @Test
    void namesEveryBadFieldOfEveryEventOfABatch() {
        assertThat(invalid("[{\"user\":\"\",\"is_premium\":\"yes\"}]")).containsExactly(
                new Violation("[0].user", "must not be blank"),
                new Violation("[0].is_premium", "must be true or false"),
                new Violation("[0].event_type", "is required"));
        assertThat(invalid("[" + ALICE + ",5,{\"user\":7,\"is_premium\":true,\"event_type\":\"c\"}]")).containsExactly(
                new Violation("[1]", "must be a JSON object"),
                new Violation("[2].user", "must be a string"));
        assertThatThrownBy(() -> reader.read(bytes("[5]"))).hasMessage("invalid events; none was published");
    }

    @Test
    void refusesABodyThatIsNeitherAnEventNorAnArray() {
        for (String body : List.of("42", "\"alice\"", "true", "null")) {
            assertThat(invalid(body)).as(body)
                    .containsExactly(new Violation("body", "must be an event or an array of events"));
        }
    }

    @Test
    void refusesAnEmptyArray() {
        assertThat(invalid("[]")).containsExactly(new Violation("body", "must hold at least one event"));
    }

    @Test
    void takesAsManyEventsAsTheLimitAndRefusesOneMore() throws Exception {
        assertThat(reader.read(bytes(batch(3)))).hasSize(3);
        assertThatThrownBy(() -> reader.read(bytes(batch(4)))).isInstanceOf(BatchTooLargeException.class)
                .hasMessage("a batch may hold at most 3 events, this one has 4");
    }

    @Test
    void refusesMalformedJsonAsJackson() {
        for (String body : List.of("", "{\"user\":\"alice\",", "not json", ALICE + "garbage", ALICE + ALICE,
                "{\"user\":\"a\",\"user\":\"b\",\"is_premium\":true,\"event_type\":\"c\"}")) {
            assertThatThrownBy(() -> reader.read(bytes(body))).as(body).isInstanceOf(JsonProcessingException.class);
        }
    }

    private List<Violation> invalid(String body) {
        try {
            reader.read(bytes(body));
        } catch (InvalidRequestException e) {
            return e.violations();
        } catch (Exception e) {
            throw new AssertionError("not an invalid request: " + e, e);
        }
        throw new AssertionError("accepted: " + body);
    }

    private static String batch(int size) {
        return "[" + String.join(",", Collections.nCopies(size, ALICE)) + "]";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
