package dev.clickstream.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class StrictJsonTest {

    @Test
    void parsesExactlyOneJsonValue() throws IOException {
        assertThat(StrictJson.parse(bytes("{\"user\":\"alice\"} ")).get("user").textValue()).isEqualTo("alice");
        assertThat(StrictJson.parse(bytes("[1,2]")).size()).isEqualTo(2);
    }

    @Test
    void refusesWhatFollowsTheFirstValueAFieldGivenTwiceAndNothing() {
        assertThatThrownBy(() -> StrictJson.parse(bytes("{\"user\":\"alice\"}garbage"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> StrictJson.parse(bytes("{\"a\":1} {\"a\":2}"))).isInstanceOf(IOException.class)
                .hasMessageContaining("Trailing token");
        assertThatThrownBy(() -> StrictJson.parse(bytes("{\"user\":\"a\",\"user\":\"b\"}")))
                .isInstanceOf(IOException.class).hasMessageContaining("Duplicate field 'user'");
        assertThatThrownBy(() -> StrictJson.parse(bytes(""))).isInstanceOf(IOException.class);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
