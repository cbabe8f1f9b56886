package dev.clickstream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.io.UncheckedIOException;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class RawEventRulesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void readsAValidEventWithOrWithoutAnIdIgnoringOtherFields() {
        assertThat(RawEventRules.read(json(
                "{\"user\":\"alice\",\"is_premium\":true,\"event_type\":\"click\",\"event_id\":\"e-1\",\"x\":1}")))
                .isEqualTo(new RawEvent("alice", true, "click", "e-1"));
        assertThat(RawEventRules.read(json("{\"user\":\"bob\",\"is_premium\":false,\"event_type\":\"scroll\"}")))
                .isEqualTo(new RawEvent("bob", false, "scroll", null));
        assertThat(RawEventRules.read(json(
                "{\"user\":\"bob\",\"is_premium\":false,\"event_type\":\"scroll\",\"event_id\":null}")))
                .isEqualTo(new RawEvent("bob", false, "scroll", null));
    }

    @Test
    void namesEveryBadFieldInWireOrder() {
        assertThat(RawEventRules.violationsOf(json(
                "{\"user\":\" \",\"is_premium\":\"yes\",\"event_type\":7,\"event_id\":\"\"}")))
                .containsExactly(new FieldViolation("user", "must not be blank"),
                        new FieldViolation("is_premium", "must be true or false"),
                        new FieldViolation("event_type", "must be a string"),
                        new FieldViolation("event_id", "must not be blank"));
        assertThat(RawEventRules.violationsOf(json("{\"event_id\":5}")))
                .containsExactly(new FieldViolation("user", "is required"),
                        new FieldViolation("is_premium", "is required"),
                        new FieldViolation("event_type", "is required"),
                        new FieldViolation("event_id", "must be a string"));
        assertThat(RawEventRules.violationsOf(json("{\"user\":null,\"is_premium\":null,\"event_type\":null}")))
                .containsExactly(new FieldViolation("user", "is required"),
                        new FieldViolation("is_premium", "is required"),
                        new FieldViolation("event_type", "is required"));
    }

    @Test
    void refusesJsonThatIsNoObject() {
        FieldViolation noObject = new FieldViolation("", "must be a JSON object");
        for (String notAnObject : new String[] { "[]", "\"alice\"", "null", "1" }) {
            assertThat(RawEventRules.violationsOf(json(notAnObject))).as(notAnObject).containsExactly(noObject);
        }
        assertThat(RawEventRules.violationsOf((JsonNode) null)).containsExactly(noObject);
    }

    @Test
    void limitsTextsToSixtyFourCharactersCountedAsCodePoints() {
        assertThat(RawEventRules.violationsOf(withUser("u".repeat(RawEventRules.MAX_TEXT)))).isEmpty();
        // 64 emoji are 128 UTF-16 chars, yet 64 characters.
        assertThat(RawEventRules.violationsOf(withUser("\uD83D\uDE00".repeat(RawEventRules.MAX_TEXT)))).isEmpty();
        assertThat(RawEventRules.violationsOf(withUser("u".repeat(RawEventRules.MAX_TEXT + 1))))
                .containsExactly(new FieldViolation("user", "must be at most 64 characters"));
    }

    @Test
    void refusesControlCharactersAnywhereInAText() {
        for (String user : new String[] { "\u0000a", "a\tb", "ab\n", "ab\u007f", "ab\u0085" }) {
            assertThat(RawEventRules.violationsOf(withUser(user))).as("user %s", user.codePoints().toArray())
                    .containsExactly(new FieldViolation("user", "must not contain control characters"));
        }
        assertThat(RawEventRules.violationsOf(withUser("al\u00efce \u2603"))).isEmpty();
    }

    @Test
    void judgesABoundEventByTheSameRules() {
        assertThat(RawEventRules.violationsOf(new RawEvent("alice", true, "click", null))).isEmpty();
        assertThat(RawEventRules.violationsOf(new RawEvent(null, null, " ", "x\ny")))
                .containsExactly(new FieldViolation("user", "is required"),
                        new FieldViolation("is_premium", "is required"),
                        new FieldViolation("event_type", "must not be blank"),
                        new FieldViolation("event_id", "must not contain control characters"));
    }

    @Test
    void anInvalidEventCarriesEveryViolationAndSaysThemInOneSentence() {
        InvalidEventException e = catchThrowableOfType(InvalidEventException.class,
                () -> RawEventRules.read(json("{\"is_premium\":1}")));

        assertThat(e).hasMessage("user is required; is_premium must be true or false; event_type is required");
        assertThat(e.violations()).containsExactly(new FieldViolation("user", "is required"),
                new FieldViolation("is_premium", "must be true or false"),
                new FieldViolation("event_type", "is required"));
        assertThat(new FieldViolation("", "must be a JSON object").describe()).isEqualTo("the event must be a JSON object");
    }

    private static JsonNode withUser(String user) {
        return JSON.createObjectNode().put("user", user).put("is_premium", true).put("event_type", "click");
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
