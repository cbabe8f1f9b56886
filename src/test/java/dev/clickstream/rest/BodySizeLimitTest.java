package dev.clickstream.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;

import org.junit.jupiter.api.Test;

class BodySizeLimitTest {

    @Test
    void readsABodyOfExactlyTheLimit() throws Exception {
        try (InputStream in = new BodySizeLimit.LimitedInputStream(new ByteArrayInputStream(new byte[10]), 10)) {
            assertThat(in.readAllBytes()).hasSize(10);
            assertThat(in.read()).isEqualTo(-1);
        }
    }

    @Test
    void failsOnTheFirstByteOverTheLimitReadInBulk() throws Exception {
        try (InputStream in = new BodySizeLimit.LimitedInputStream(new ByteArrayInputStream(new byte[11]), 10)) {
            assertThat(in.read(new byte[10], 0, 10)).isEqualTo(10);
            assertThatThrownBy(() -> in.read(new byte[10], 0, 10)).isInstanceOf(BodyTooLargeException.class)
                    .hasMessage("a request body may hold at most 10 bytes");
        }
    }

    @Test
    void failsOnTheFirstByteOverTheLimitReadOneByOne() throws Exception {
        try (InputStream in = new BodySizeLimit.LimitedInputStream(new ByteArrayInputStream(new byte[] { 1, 2, 3 }),
                2)) {
            assertThat(in.read()).isEqualTo(1);
            assertThat(in.read()).isEqualTo(2);
            assertThatThrownBy(in::read).isInstanceOfSatisfying(BodyTooLargeException.class,
                    e -> assertThat(e.max()).isEqualTo(2));
        }
    }

    @Test
    void answersWithAProblemNamingTheLimit() {
        assertThat(BodyTooLargeException.problem(1_048_576))
                .isEqualTo(Problem.of(413, "Body too large", "a request body may hold at most 1048576 bytes"));
    }
}
