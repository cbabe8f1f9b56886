package dev.clickstream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class RawEventRulesTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void readsAValidEventWithOrWithoutAnId() {
        assertThat(RawEventRules.read(json("{'user':'alice','is_premium':true,'event_type':'click','event_id':'e-1'}")))
                .isEqualTo(new RawEvent("alice", true, "click", "e-1"));
        assertThat(RawEventRules.read(json("{'user':'bob','is_premium':false,'event_type':'scroll'}")))
                .isEqualTo(new RawEvent("bob", false, "scroll", null));
        assertThat(RawEventRules.read(json("{'user':'bob','is_premium':false,'event_type':'scroll','event_id':null}")))
                .isEqualTo(new RawEvent("bob", false, "scroll", null));
    }

    @Test
    void ignoresFieldsItDoesNotKnow() {
        assertThat(RawEventRules.read(json("{'user':'a','is_premium':true,'event_type':'c','page':{'x':1}}")))
                .isEqualTo(new RawEvent("a", true, "c", null));
    }

    @Test
    void requiresUserIsPremiumAndEventTypeAbsentOrNull() {
        assertThat(violations("{}")).containsExactly(
                new FieldViolation("user", "is required"),
                new FieldViolation("is_premium", "is required"),
                new FieldViolation("event_type", "is required"));
        assertThat(violations("{'user':null,'is_premium':null,'event_type':null,'event_id':null}")).containsExactly(
                new FieldViolation("user", "is required"),
                new FieldViolation("is_premium", "is required"),
                new FieldViolation("event_type", "is required"));
    }

    @Test
    void namesEveryWrongJsonType() {
        assertThat(violations("{'user':42,'is_premium':'yes','event_type':['c'],'event_id':{'id':1}}")).containsExactly(
                new FieldViolation("user", "must be a string"),
                new FieldViolation("is_premium", "must be true or false"),
                new FieldViolation("event_type", "must be a string"),
                new FieldViolation("event_id", "must be a string"));
        assertThat(violations("{'user':true,'is_premium':1,'event_type':1.5}")).containsExactly(
                new FieldViolation("user", "must be a string"),
                new FieldViolation("is_premium", "must be true or false"),
                new FieldViolation("event_type", "must be a string"));
        assertThat(violations("{'user':'a','is_premium':'true','event_type':'c'}"))
                .containsExactly(new FieldViolation("is_premium", "must be true or false"));
    }

    @Test
    void refusesBlankTextsTheIdIncluded() {
        assertThat(violations("{'user':'','is_premium':true,'event_type':' \\t ','event_id':'  '}")).containsExactly(
                new FieldViolation("user", "must not be blank"),
                new FieldViolation("event_type", "must not be blank"),
                new FieldViolation("event_id", "must not be blank"));
    }

    @Test
    void acceptsSixtyFourCharactersAndRefusesSixtyFive() {
        String max = "u".repeat(RawEventRules.MAX_TEXT);
        assertThat(RawEventRules.MAX_TEXT).isEqualTo(64);
        assertThat(violations(event(max, max, max))).isEmpty();

        String over = "u".repeat(65);
        assertThat(violations(event(over, over, over))).containsExactly(
                new FieldViolation("user", "must be at most 64 characters"),
                new FieldViolation("event_type", "must be at most 64 characters"),
                new FieldViolation("event_id", "must be at most 64 characters"));
    }

    @Test
    void countsCharactersNotUtf16Units() {
        String emoji = "\uD83D\uDE00";
        assertThat(violations(event(emoji.repeat(64), "c", null))).isEmpty();
        assertThat(violations(event(emoji.repeat(65), "c", null)))
                .containsExactly(new FieldViolation("user", "must be at most 64 characters"));
        assertThat(RawEventRules.read(json(event("zoë 北京 ñ", "klick", "ид-1"))))
                .isEqualTo(new RawEvent("zoë 北京 ñ", true, "klick", "ид-1"));
    }

    @Test
    void refusesControlCharactersAnywhere() {
        for (String control : List.of("\u0000", "\u0007", "\n", "\u001F", "\u007F", "\u0080", "\u0085", "\u009F")) {
            assertThat(violations(event("a" + control + "b", "c" + control, control + "id")))
                    .as("U+%04X", (int) control.charAt(0))
                    .containsExactly(
                            new FieldViolation("user", "must not contain control characters"),
                            new FieldViolation("event_type", "must not contain control characters"),
                            new FieldViolation("event_id", "must not contain control characters"));
        }
    }

    @Test
    void acceptsCharactersNextToTheControlRanges() {
        for (String printable : List.of(" ", "~", "\u00A0", "\u00A1", "\u2028")) {
            assertThat(violations(event("a" + printable + "b", "c", null))).as("U+%04X", (int) printable.charAt(0))
                    .isEmpty();
        }
    }

    @Test
    void namesTheFirstBrokenRuleOfAField() {
        assertThat(violations(event("\n".repeat(65), "c" + "\u0007".repeat(70), null))).containsExactly(
                new FieldViolation("user", "must not be blank"),
                new FieldViolation("event_type", "must be at most 64 characters"));
    }

    @Test
    void refusesJsonThatIsNotAnObject() {
        for (String notAnObject : List.of("[1,2]", "\"an event\"", "42", "true", "null")) {
            assertThat(violations(notAnObject)).as(notAnObject)
                    .containsExactly(new FieldViolation("", "must be a JSON object"));
        }
        assertThat(RawEventRules.violationsOf((JsonNode) null))
                .containsExactly(new FieldViolation("", "must be a JSON object"));
    }

    @Test
    void readThrowsEveryViolationDescribed() {
        assertThatThrownBy(() -> RawEventRules.read(json("{'user':'','is_premium':'yes'}")))
                .isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.violations()).containsExactly(
                        new FieldViolation("user", "must not be blank"),
                        new FieldViolation("is_premium", "must be true or false"),
                        new FieldViolation("event_type", "is required")))
                .hasMessage("user must not be blank; is_premium must be true or false; event_type is required");
        assertThatThrownBy(() -> RawEventRules.read(json("[]")))
                .hasMessage("the event must be a JSON object");
    }

    @Test
    void judgesABoundEventByTheSameRules() {
        assertThat(RawEventRules.violationsOf(new RawEvent("alice", true, "click", null))).isEmpty();
        assertThat(RawEventRules.violationsOf(new RawEvent("alice", false, "click", "e"))).isEmpty();
        assertThat(RawEventRules.violationsOf(new RawEvent(null, null, null, null))).containsExactly(
                new FieldViolation("user", "is required"),
                new FieldViolation("is_premium", "is required"),
                new FieldViolation("event_type", "is required"));
        assertThat(RawEventRules.violationsOf(new RawEvent(" ", true, "u".repeat(65), "a\u0000"))).containsExactly(
                new FieldViolation("user", "must not be blank"),
                new FieldViolation("event_type", "must be at most 64 characters"),
                new FieldViolation("event_id", "must not contain control characters"));
        assertThat(RawEventRules.violationsOf(new RawEvent("u".repeat(64), true, "c", "")))
                .containsExactly(new FieldViolation("event_id", "must not be blank"));
    }

    private static List<FieldViolation> violations(String json) {
        return RawEventRules.violationsOf(json(json));
    }

    /** JSON written with single quotes for readability. */
    private static JsonNode json(String json) {
        try {
            return MAPPER.readTree(json.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(json, e);
        }
    }

    private static String event(String user, String eventType, String eventId) {
        return MAPPER.createObjectNode().put("user", user).put("is_premium", true).put("event_type", eventType)
                .put("event_id", eventId).toString();
    }
}
