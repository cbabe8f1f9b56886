package dev.clickstream.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecentEventsTest {

    @Test
    void returnsNewestFirstUpToTheLimit() {
        RecentEvents<Integer> recent = new RecentEvents<>(5);
        for (int i = 1; i <= 4; i++) {
            recent.add(i);
        }

        assertThat(recent.newest(2)).containsExactly(4, 3);
        assertThat(recent.newest(10)).containsExactly(4, 3, 2, 1);
    }

    @Test
    void evictsTheOldestWhenFull() {
        RecentEvents<Integer> recent = new RecentEvents<>(3);
        for (int i = 1; i <= 7; i++) {
            recent.add(i);
        }

        assertThat(recent.size()).isEqualTo(3);
        assertThat(recent.newest(3)).containsExactly(7, 6, 5);
    }

    @Test
    void startsEmpty() {
        assertThat(new RecentEvents<String>(1).newest(1)).isEmpty();
    }

    @Test
    void refusesANonPositiveCapacity() {
        assertThatThrownBy(() -> new RecentEvents<String>(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
