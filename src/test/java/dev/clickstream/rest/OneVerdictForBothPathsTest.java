package dev.clickstream.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.clickstream.model.RawEvent;
import dev.clickstream.pipeline.RawEventDeserializer;
import dev.clickstream.pipeline.UnprocessableEventException;
import dev.clickstream.rest.Problem.Violation;

/**
 * One corpus of events, each sent through both ways in: the body of {@code POST /events} ({@link EventBodyReader})
 * and a record value on {@code raw_events} ({@link RawEventDeserializer}). Both accept the same events as the same
 * event, and refuse the same ones: a bad field that REST names is what the dead letter's {@code invalid-event}
 * reason names, and JSON that REST calls malformed is dead-lettered as {@code malformed-json}.
 */
class OneVerdictForBothPathsTest {

    /** What both paths must make of a case. */
    sealed interface Verdict permits Valid, Invalid, NotAnObject, Malformed {
    }

    record Valid(RawEvent event) implements Verdict {
    }

    record Invalid(List<Violation> violations) implements Verdict {
    }

    record NotAnObject() implements Verdict {
    }

    record Malformed() implements Verdict {
    }

    record Case(String name, byte[] body, Verdict verdict) {
        @Override
        public String toString() {
            return name;
        }
    }

    private final EventBodyReader rest = new EventBodyReader(500);
    private final RawEventDeserializer kafka = new RawEventDeserializer();

    static Stream<Case> corpus() {
        List<Case> cases = new ArrayList<>();
        String u64 = "u".repeat(64);
        String u65 = "u".repeat(65);
        // Valid events
        valid(cases, "seed event", "{'user':'alice','is_premium':true,'event_type':'click'}",
                new RawEvent("alice", true, "click", null));
        valid(cases, "not premium, with an id", "{'user':'bob','is_premium':false,'event_type':'scroll','event_id':'b-1'}",
                new RawEvent("bob", false, "scroll", "b-1"));
        valid(cases, "null event_id", "{'user':'a','is_premium':true,'event_type':'c','event_id':null}",
                new RawEvent("a", true, "c", null));
        valid(cases, "extra fields", "{'user':'a','is_premium':true,'event_type':'c','page':{'url':'/'},'n':[1]}",
                new RawEvent("a", true, "c", null));
        valid(cases, "fields in another order", "{'event_id':'x','event_type':'c','is_premium':false,'user':'a'}",
                new RawEvent("a", false, "c", "x"));
        valid(cases, "unicode", "{'user':'zoë 北京','is_premium':true,'event_type':'клик','event_id':'\\u00e9-1'}",
                new RawEvent("zoë 北京", true, "клик", "é-1"));
        valid(cases, "64 characters each", event(u64, "true", u64, u64), new RawEvent(u64, true, u64, u64));
        String emoji = "\uD83D\uDE00".repeat(64);
        valid(cases, "64 emoji (128 UTF-16 units)", event(emoji, "true", "c", null),
                new RawEvent(emoji, true, "c", null));
        valid(cases, "spaces around a user", event("  alice ", "true", "c", null),
                new RawEvent("  alice ", true, "c", null));
        valid(cases, "no-break space", event("a\u00A0b", "true", "c", null), new RawEvent("a\u00A0b", true, "c", null));
        // Blank
        invalid(cases, "empty user", event("", "true", "c", null), v("user", "must not be blank"));
        invalid(cases, "blank event_type", event("a", "true", " \\t ", null), v("event_type", "must not be blank"));
        invalid(cases, "empty event_id", event("a", "true", "c", ""), v("event_id", "must not be blank"));
        // Too long
        invalid(cases, "65-character user", event(u65, "true", "c", null), v("user", "must be at most 64 characters"));
        invalid(cases, "65-character event_type", event("a", "true", u65, null),
                v("event_type", "must be at most 64 characters"));
        invalid(cases, "65-character event_id", event("a", "true", "c", u65),
                v("event_id", "must be at most 64 characters"));
        invalid(cases, "6,000-character user", event("u".repeat(6_000), "true", "c", null),
                v("user", "must be at most 64 characters"));
        invalid(cases, "65 emoji", event("\uD83D\uDE00".repeat(65), "true", "c", null),
                v("user", "must be at most 64 characters"));
        // Control characters
        invalid(cases, "NUL in user", event("a\\u0000b", "true", "c", null),
                v("user", "must not contain control characters"));
        invalid(cases, "newline in event_type", event("a", "true", "cl\\nick", null),
                v("event_type", "must not contain control characters"));
        invalid(cases, "DEL in event_id", event("a", "true", "c", "id\\u007f"),
                v("event_id", "must not contain control characters"));
        invalid(cases, "C1 control in user", event("a\\u0085", "true", "c", null),
                v("user", "must not contain control characters"));
        // Wrong types
        invalid(cases, "is_premium \"yes\"", event("a", "'yes'", "c", null), v("is_premium", "must be true or false"));
        invalid(cases, "is_premium \"true\"", event("a", "'true'", "c", null), v("is_premium", "must be true or false"));
        invalid(cases, "is_premium 1", event("a", "1", "c", null), v("is_premium", "must be true or false"));
        invalid(cases, "is_premium 0.0", event("a", "0.0", "c", null), v("is_premium", "must be true or false"));
        invalid(cases, "is_premium an array", event("a", "[true]", "c", null), v("is_premium", "must be true or false"));
        invalid(cases, "user a number", "{'user':42,'is_premium':true,'event_type':'c'}", v("user", "must be a string"));
        invalid(cases, "user a boolean", "{'user':true,'is_premium':true,'event_type':'c'}",
                v("user", "must be a string"));
        invalid(cases, "event_type an object", "{'user':'a','is_premium':true,'event_type':{'t':'c'}}",
                v("event_type", "must be a string"));
        invalid(cases, "event_id a number", "{'user':'a','is_premium':true,'event_type':'c','event_id':7}",
                v("event_id", "must be a string"));
        // Missing fields and nulls
        invalid(cases, "empty object", "{}", v("user", "is required"), v("is_premium", "is required"),
                v("event_type", "is required"));
        invalid(cases, "no user", "{'is_premium':true,'event_type':'c'}", v("user", "is required"));
        invalid(cases, "no is_premium", "{'user':'a','event_type':'c'}", v("is_premium", "is required"));
        invalid(cases, "null event_type", "{'user':'a','is_premium':true,'event_type':null}",
                v("event_type", "is required"));
        invalid(cases, "null is_premium", "{'user':'a','is_premium':null,'event_type':'c'}",
                v("is_premium", "is required"));
        invalid(cases, "every field wrong", "{'user':'','is_premium':'yes','event_id':5}",
                v("user", "must not be blank"), v("is_premium", "must be true or false"),
                v("event_type", "is required"), v("event_id", "must be a string"));
        // Not an object
        for (String json : List.of("'an event'", "42", "true", "null")) {
            cases.add(new Case("JSON " + json, bytes(json.replace('\'', '"')), new NotAnObject()));
        }
        // Malformed
        String seed = "{\"user\":\"a\",\"is_premium\":true,\"event_type\":\"c\"}";
        for (String json : List.of("", "  \n", "{\"user\":\"a\",", "not json", seed + "garbage", seed + seed,
                "{\"user\":\"a\",\"user\":\"b\",\"is_premium\":true,\"event_type\":\"c\"}",
                "{'user':'a','is_premium':true,'event_type':'c'}", "{\"user\":\"a\",\"is_premium\":NaN}",
                "/* c */" + seed, "{\"user\":\"a\nb\",\"is_premium\":true,\"event_type\":\"c\"}")) {
            cases.add(new Case("malformed " + json.replace("\n", "\\n"), bytes(json), new Malformed()));
        }
        cases.add(new Case("not UTF-8", new byte[] { '{', '"', 'u', '"', ':', '"', (byte) 0xFF, '"', '}' },
                new Malformed()));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void bothPathsGiveTheSameVerdict(Case c) {
        Object viaRest = viaRest(c.body());
        Object viaKafka = viaKafka(c.body());

        if (c.verdict() instanceof Valid valid) {
            assertThat(viaRest).isInstanceOfSatisfying(RawEvent.class,
                    event -> assertThat(event).isEqualTo(withId(valid.event(), event.eventId())));
            assertThat(viaKafka).isEqualTo(valid.event());
        } else if (c.verdict() instanceof Invalid invalid) {
            assertThat(viaRest).isEqualTo(invalid.violations());
            assertThat(viaKafka).isEqualTo("invalid-event: " + String.join("; ",
                    invalid.violations().stream().map(v -> v.field() + " " + v.message()).toList()));
        } else if (c.verdict() instanceof NotAnObject) {
            assertThat(viaRest).isEqualTo(List.of(v("body", "must be an event or an array of events")));
            assertThat(viaKafka).isEqualTo("invalid-event: the event must be a JSON object");
        } else {
            assertThat(viaRest).isInstanceOf(JsonProcessingException.class);
            assertThat(viaKafka).asString().startsWith("malformed-json: ");
        }
    }

    /** The accepted event, the named bad fields, or the malformed-JSON failure. */
    private Object viaRest(byte[] body) {
        try {
            List<RawEvent> events = rest.read(body);
            assertThat(events).hasSize(1);
            return events.get(0);
        } catch (InvalidRequestException e) {
            return e.violations();
        } catch (JsonProcessingException e) {
            return e;
        } catch (Exception e) {
            throw new AssertionError("REST failed otherwise: " + e, e);
        }
    }

    /** The accepted event, or the dead-letter reason. */
    private Object viaKafka(byte[] value) {
        try {
            return kafka.deserialize("raw_events", value);
        } catch (UnprocessableEventException e) {
            return e.getMessage();
        }
    }

    private static RawEvent withId(RawEvent event, String assigned) {
        return event.eventId() != null ? event
                : new RawEvent(event.user(), event.isPremium(), event.eventType(), assigned);
    }

    private static void valid(List<Case> cases, String name, String json, RawEvent event) {
        cases.add(new Case(name, bytes(json.replace('\'', '"')), new Valid(event)));
    }

    private static void invalid(List<Case> cases, String name, String json, Violation... violations) {
        cases.add(new Case(name, bytes(json.replace('\'', '"')), new Invalid(List.of(violations))));
    }

    private static Violation v(String field, String message) {
        return new Violation(field, message);
    }

    /** An event's JSON; {@code premium} is written as is (quote it with ' for a string), a null id is left out. */
    private static String event(String user, String premium, String eventType, String eventId) {
        return "{'user':'" + user + "','is_premium':" + premium + ",'event_type':'" + eventType + "'"
                + (eventId == null ? "" : ",'event_id':'" + eventId + "'") + "}";
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
