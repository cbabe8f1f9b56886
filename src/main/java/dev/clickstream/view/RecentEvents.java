package dev.clickstream.view;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * A bounded, thread-safe buffer of the newest items by time: an item older than all the others in a full buffer
 * is left out, and adding to a full buffer evicts the oldest. Items come in roughly in time order, but not
 * exactly: a consumer reads partitions interleaved, and on start the view replays each partition in turn.
 * Items with equal times keep their arrival order.
 */
public final class RecentEvents<T> {

    private final int capacity;
    private final ToLongFunction<T> time;
    /** Oldest first. */
    private final List<T> items;

    public RecentEvents(int capacity, ToLongFunction<T> time) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.time = time;
        this.items = new ArrayList<>(capacity + 1);
    }

    public int capacity() {
        return capacity;
    }

    public synchronized void addAll(Collection<T> items) {
        items.forEach(this::add);
    }

    public synchronized void add(T item) {
        long itemTime = time.applyAsLong(item);
        if (items.size() == capacity && itemTime < time.applyAsLong(items.get(0))) {
            return;
        }
        int at = items.size();
        while (at > 0 && time.applyAsLong(items.get(at - 1)) > itemTime) {
            at--;
        }
        items.add(at, item);
        if (items.size() > capacity) {
            items.remove(0);
        }
    }

    /** Up to {@code limit} items, newest first. */
    public synchronized List<T> newest(int limit) {
        List<T> result = new ArrayList<>(Math.min(limit, items.size()));
        for (int i = items.size() - 1; i >= 0 && result.size() < limit; i--) {
            result.add(items.get(i));
        }
        return result;
    }

    public synchronized int size() {
        return items.size();
    }
}
