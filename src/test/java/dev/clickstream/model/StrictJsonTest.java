package dev.clickstream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.node.NullNode;

class StrictJsonTest {

    private static final String EVENT = "{\"user\":\"a\",\"is_premium\":true,\"event_type\":\"c\"}";

    @Test
    void parsesOneJsonValue() throws Exception {
        assertThat(StrictJson.parse(bytes(EVENT)).get("user").textValue()).isEqualTo("a");
        assertThat(StrictJson.parse(bytes(" [" + EVENT + "] \n")).size()).isEqualTo(1);
        assertThat(StrictJson.parse(bytes("null"))).isEqualTo(NullNode.getInstance());
    }

    @Test
    void refusesAnythingAfterTheFirstValue() {
        assertThatThrownBy(() -> StrictJson.parse(bytes(EVENT + "garbage"))).isInstanceOf(JsonParseException.class);
        assertThatThrownBy(() -> StrictJson.parse(bytes(EVENT + EVENT))).isInstanceOf(MismatchedInputException.class)
                .hasMessageContaining("Trailing token");
    }

    @Test
    void refusesAFieldGivenTwice() {
        assertThatThrownBy(() -> StrictJson.parse(bytes("{\"user\":\"a\",\"user\":\"b\"}")))
                .isInstanceOf(JsonParseException.class).hasMessageContaining("Duplicate field 'user'");
    }

    @Test
    void refusesAnEmptyInput() {
        assertThatThrownBy(() -> StrictJson.parse(new byte[0])).isInstanceOf(MismatchedInputException.class)
                .hasMessageContaining("No content");
        assertThatThrownBy(() -> StrictJson.parse(bytes("  \n"))).isInstanceOf(MismatchedInputException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
