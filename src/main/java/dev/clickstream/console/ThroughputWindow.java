package dev.clickstream.console;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

/**
 * Records per second on two topics over the last minute, from the sums of their end offsets at each snapshot: the
 * rate of a period is the growth of the sum divided by its length. Periods while nobody watched (no snapshots)
 * show as one long period at the average rate.
 */
final class ThroughputWindow {

    static final long WINDOW_MS = 60_000;

    private record Sample(long at, long raw, long processed) {
    }

    /** Oldest first; guarded by this. */
    private final Deque<Sample> samples = new ArrayDeque<>();

    /** Adds the end-offset sums seen at {@code at} and returns the rates of the periods in the last minute. */
    synchronized List<KafkaOverview.Rate> add(long at, long rawEnd, long processedEnd) {
        Sample previous = samples.peekLast();
        if (previous != null && (rawEnd < previous.raw() || processedEnd < previous.processed())) {
            // Offsets went back: topics deleted and created again. Start over rather than show negative rates.
            samples.clear();
        }
        samples.addLast(new Sample(at, rawEnd, processedEnd));
        // Keep one sample at or before the window's start, so that the first period in it has a rate.
        while (samples.size() > 2 && secondOldest().at() <= at - WINDOW_MS) {
            samples.removeFirst();
        }
        return rates();
    }

    private Sample secondOldest() {
        Iterator<Sample> oldestFirst = samples.iterator();
        oldestFirst.next();
        return oldestFirst.next();
    }

    synchronized List<KafkaOverview.Rate> rates() {
        List<KafkaOverview.Rate> rates = new ArrayList<>();
        Sample before = null;
        for (Sample sample : samples) {
            if (before != null && sample.at() > before.at()) {
                double seconds = (sample.at() - before.at()) / 1000.0;
                rates.add(new KafkaOverview.Rate(sample.at(), (sample.raw() - before.raw()) / seconds,
                        (sample.processed() - before.processed()) / seconds));
            }
            before = sample;
        }
        return rates;
    }
}
