package dev.clickstream.generator;

import java.util.List;
import java.util.Random;
import java.util.UUID;

import dev.clickstream.model.RawEvent;

/**
 * Makes random seed-shaped events: a user among alice, bob, charlie and diana, a random {@code is_premium}, a type
 * among click, scroll and purchase. The same seed gives the same events, ids included. Not thread-safe.
 */
public final class EventGenerator {

    public static final List<String> USERS = List.of("alice", "bob", "charlie", "diana");
    public static final List<String> EVENT_TYPES = List.of("click", "scroll", "purchase");

    private final Random random;

    public EventGenerator(long seed) {
        this.random = new Random(seed);
    }

    public RawEvent next() {
        String user = USERS.get(random.nextInt(USERS.size()));
        boolean premium = random.nextBoolean();
        String type = EVENT_TYPES.get(random.nextInt(EVENT_TYPES.size()));
        return new RawEvent(user, premium, type, new UUID(random.nextLong(), random.nextLong()).toString());
    }
}
