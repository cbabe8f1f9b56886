package dev.clickstream.view;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** A bounded, thread-safe buffer of the newest items: adding to a full buffer evicts the oldest. */
public final class RecentEvents<T> {

    private final int capacity;
    private final ArrayDeque<T> items;

    public RecentEvents(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.items = new ArrayDeque<>(capacity);
    }

    public int capacity() {
        return capacity;
    }

    public synchronized void add(T item) {
        if (items.size() == capacity) {
            items.removeFirst();
        }
        items.addLast(item);
    }

    /** Up to {@code limit} items, newest first. */
    public synchronized List<T> newest(int limit) {
        List<T> result = new ArrayList<>(Math.min(limit, items.size()));
        Iterator<T> newestFirst = items.descendingIterator();
        while (result.size() < limit && newestFirst.hasNext()) {
            result.add(newestFirst.next());
        }
        return result;
    }

    public synchronized int size() {
        return items.size();
    }
}
