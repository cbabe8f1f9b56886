package dev.clickstream.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.clickstream.model.RawEvent;

/** The body of {@code POST /events} read without the HTTP layer; EventResourceTest has the answers it leads to. */
class EventBodyReaderTest {

    private final EventBodyReader reader = new EventBodyReader(3);

    @Test
    void readsOneEventAndGivesItAnIdWhenItHasNone() throws IOException {
        List<RawEvent> events = read("{\"user\":\"alice\",\"is_premium\":true,\"event_type\":\"click\"}");

        assertThat(events).hasSize(1);
        assertThat(events.get(0)).isEqualTo(new RawEvent("alice", true, "click", events.get(0).eventId()));
        assertThat(events.get(0).eventId()).isNotNull();
    }

    @Test
    void readsABatchInOrderUpToTheLimit() throws IOException {
        assertThat(read("[" + event("a", "1") + "," + event("b", "2") + "," + event("c", "3") + "]"))
                .containsExactly(new RawEvent("a", true, "click", "1"), new RawEvent("b", true, "click", "2"),
                        new RawEvent("c", true, "click", "3"));
    }

    @Test
    void refusesABatchOverTheLimit() {
        String four = "[" + event("a", "1") + "," + event("b", "2") + "," + event("c", "3") + "," + event("d", "4")
                + "]";

        assertThatThrownBy(() -> read(four)).isInstanceOf(BatchTooLargeException.class)
                .hasMessage("a batch may hold at most 3 events, this one has 4");
    }

    @Test
    void namesEveryBadFieldOfASingleEvent() {
        InvalidRequestException e = refused("{\"user\":\"\",\"is_premium\":\"yes\"}");

        assertThat(e).hasMessage("invalid event");
        assertThat(e.violations()).containsExactly(new Problem.Violation("user", "must not be blank"),
                new Problem.Violation("is_premium", "must be true or false"),
                new Problem.Violation("event_type", "is required"));
    }

    @Test
    void namesEveryBadFieldOfEveryEventOfABatchByItsPath() {
        InvalidRequestException e = refused("[" + event("a", "1") + ",{\"user\":\"\",\"is_premium\":\"yes\"},7]");

        assertThat(e).hasMessage("invalid events; none was published");
        assertThat(e.violations()).containsExactly(new Problem.Violation("[1].user", "must not be blank"),
                new Problem.Violation("[1].is_premium", "must be true or false"),
                new Problem.Violation("[1].event_type", "is required"),
                new Problem.Violation("[2]", "must be a JSON object"));
    }

    @Test
    void refusesABodyThatIsNeitherAnEventNorABatch() {
        assertThat(refused("\"alice\"").violations())
                .containsExactly(new Problem.Violation("body", "must be an event or an array of events"));
        assertThat(refused("[]").violations())
                .containsExactly(new Problem.Violation("body", "must hold at least one event"));
    }

    @Test
    void refusesTrailingTokensAsMalformed() {
        assertThatThrownBy(() -> read(event("a", "1") + "garbage")).isInstanceOf(IOException.class);
    }

    private InvalidRequestException refused(String body) {
        return catchThrowableOfType(InvalidRequestException.class, () -> read(body));
    }

    private List<RawEvent> read(String body) throws IOException {
        return reader.read(body.getBytes(StandardCharsets.UTF_8));
    }

    private static String event(String user, String id) {
        return "{\"user\":\"" + user + "\",\"is_premium\":true,\"event_type\":\"click\",\"event_id\":\"" + id + "\"}";
    }
}
