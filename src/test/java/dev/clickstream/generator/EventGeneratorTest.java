package dev.clickstream.generator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.clickstream.model.RawEvent;

class EventGeneratorTest {

    @Test
    void makesSeedShapedEvents() {
        List<RawEvent> events = take(new EventGenerator(7), 400);

        assertThat(events).allSatisfy(event -> {
            assertThat(event.user()).isIn(EventGenerator.USERS);
            assertThat(event.eventType()).isIn(EventGenerator.EVENT_TYPES);
            assertThat(event.eventId()).isNotBlank();
        });
        assertThat(events).extracting(RawEvent::user).containsAll(EventGenerator.USERS);
        assertThat(events).extracting(RawEvent::eventType).containsAll(EventGenerator.EVENT_TYPES);
        assertThat(events).extracting(RawEvent::premium).contains(true, false);
        assertThat(events).extracting(RawEvent::eventId).doesNotHaveDuplicates();
    }

    @Test
    void sameSeedGivesTheSameEvents() {
        assertThat(take(new EventGenerator(42), 50)).isEqualTo(take(new EventGenerator(42), 50));
        assertThat(take(new EventGenerator(42), 50)).isNotEqualTo(take(new EventGenerator(43), 50));
    }

    private static List<RawEvent> take(EventGenerator generator, int count) {
        return Stream.generate(generator::next).limit(count).toList();
    }
}
