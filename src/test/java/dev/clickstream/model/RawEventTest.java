package dev.clickstream.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.stream.Collectors;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;

import org.hibernate.validator.messageinterpolation.ParameterMessageInterpolator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

class RawEventTest {

    private static ValidatorFactory factory;
    private static Validator validator;
    private final ObjectMapper mapper = new ObjectMapper();

    @BeforeAll
    static void createValidator() {
        factory = Validation.byDefaultProvider().configure()
                .messageInterpolator(new ParameterMessageInterpolator()).buildValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void closeValidator() {
        factory.close();
    }

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
    void acceptsASeedEvent() {
        assertThat(validator.validate(new RawEvent("alice", true, "click", null))).isEmpty();
    }

    @Test
    void rejectsMissingBlankOversizedAndControlCharacterFields() {
        assertThat(fields(validator.validate(new RawEvent(null, null, null, null))))
                .containsExactlyInAnyOrder("user", "isPremium", "eventType");
        assertThat(fields(validator.validate(new RawEvent(" ", true, "", null))))
                .containsExactlyInAnyOrder("user", "eventType");
        assertThat(fields(validator.validate(new RawEvent("a".repeat(RawEvent.MAX_TEXT + 1), true, "click",
                "i".repeat(RawEvent.MAX_TEXT + 1))))).containsExactlyInAnyOrder("user", "eventId");
        assertThat(fields(validator.validate(new RawEvent("al\nice", true, "cl\u0000ick", null))))
                .containsExactlyInAnyOrder("user", "eventType");
    }

    @Test
    void assignsAnIdOnlyWhenItHasNone() {
        assertThat(new RawEvent("alice", true, "click", "mine").withIdAssigned().eventId()).isEqualTo("mine");
        RawEvent assigned = new RawEvent("alice", true, "click").withIdAssigned();
        assertThat(assigned.eventId()).matches("[0-9a-f-]{36}");
        assertThat(new RawEvent("alice", true, "click").withIdAssigned().eventId()).isNotEqualTo(assigned.eventId());
    }

    @Test
    void namesFieldsAsTheyAreOnTheWire() {
        assertThat(RawEvent.jsonName("isPremium")).isEqualTo("is_premium");
        assertThat(RawEvent.jsonName("eventType")).isEqualTo("event_type");
        assertThat(RawEvent.jsonName("eventId")).isEqualTo("event_id");
        assertThat(RawEvent.jsonName("user")).isEqualTo("user");
    }

    private static Set<String> fields(Set<ConstraintViolation<RawEvent>> violations) {
        return violations.stream().map(v -> v.getPropertyPath().toString())
                .collect(Collectors.toSet());
    }
}
