package dev.clickstream.view;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class RecentEventsTest {

    @Test
    void returnsNewestFirstUpToTheLimit() {
        RecentEvents<Integer> recent = new RecentEvents<>(5, Integer::longValue);
        for (int i = 1; i <= 4; i++) {
            recent.add(i);
        }

        assertThat(recent.newest(2)).containsExactly(4, 3);
        assertThat(recent.newest(10)).containsExactly(4, 3, 2, 1);
    }

    @Test
    void evictsTheOldestWhenFull() {
        RecentEvents<Integer> recent = new RecentEvents<>(3, Integer::longValue);
        for (int i = 1; i <= 7; i++) {
            recent.add(i);
        }

        assertThat(recent.size()).isEqualTo(3);
        assertThat(recent.newest(3)).containsExactly(7, 6, 5);
    }

    @Test
    void ordersByTimeNotByArrival() {
        RecentEvents<Integer> recent = new RecentEvents<>(10, Integer::longValue);
        for (int i : new int[] { 5, 1, 7, 3, 6, 2 }) {
            recent.add(i);
        }

        assertThat(recent.newest(10)).containsExactly(7, 6, 5, 3, 2, 1);
    }

    @Test
    void leavesOutAnItemOlderThanAllOthersWhenFull() {
        RecentEvents<Integer> recent = new RecentEvents<>(3, Integer::longValue);
        for (int i : new int[] { 10, 20, 30, 5, 25 }) {
            recent.add(i);
        }

        assertThat(recent.newest(3)).containsExactly(30, 25, 20);
    }

    @Test
    void keepsArrivalOrderForEqualTimes() {
        RecentEvents<String> recent = new RecentEvents<>(5, s -> s.charAt(0));
        for (String s : new String[] { "a1", "b1", "a2", "b2" }) {
            recent.add(s);
        }

        assertThat(recent.newest(5)).containsExactly("b2", "b1", "a2", "a1");
    }

    @Test
    void anItemAsOldAsTheOldestOfAFullBufferComesAfterItAndEvictsIt() {
        RecentEvents<String> recent = new RecentEvents<>(2, s -> s.charAt(0));
        recent.add("a1");
        recent.add("b1");
        recent.add("a2");

        assertThat(recent.newest(2)).containsExactly("b1", "a2");
    }

    @Test
    void addsAllItemsOfACollectionAsOneByOne() {
        RecentEvents<Integer> recent = new RecentEvents<>(3, Integer::longValue);
        recent.addAll(List.of(4, 1, 9, 2));

        assertThat(recent.newest(3)).containsExactly(9, 4, 2);
        assertThat(recent.capacity()).isEqualTo(3);
    }

    @Test
    void startsEmpty() {
        assertThat(new RecentEvents<String>(1, String::length).newest(1)).isEmpty();
    }

    @Test
    void refusesANonPositiveCapacity() {
        assertThatThrownBy(() -> new RecentEvents<String>(0, String::length)).isInstanceOf(IllegalArgumentException.class);
    }
}
