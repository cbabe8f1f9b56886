package dev.clickstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A process's CPU time (user plus system), from {@code /proc/<pid>/stat} (Linux). On a machine whose cores the
 * broker and a contender share, the CPU each spends per event says more about a contender's cost than its rate,
 * which moves with whatever else the machine does.
 */
final class Cpu {

    /** {@code USER_HZ}: the unit of the times in {@code /proc/<pid>/stat}, 100 on every Linux build we know of. */
    private static final double TICKS_PER_SECOND = 100;

    private Cpu() {
    }

    /** CPU seconds used so far, or -1 when the process is gone or the platform has no {@code /proc}. */
    static double seconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            // The command name (field 2) is in parentheses and may hold spaces: count fields after its end.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            // utime and stime are fields 14 and 15 of the line, so 12 and 13 after the command name.
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * The CPU a process used within a window of the run, per event: {@link #sample} it every so often, then ask
     * for its CPU between the first and the last sample inside the window, over the events of that stretch at the
     * window's mean rate.
     */
    static final class Meter {

        private final long pid;
        private final List<long[]> samples = new ArrayList<>();

        Meter(long pid) {
            this.pid = pid;
        }

        void sample() {
            double seconds = seconds(pid);
            if (seconds >= 0) {
                samples.add(new long[] { System.nanoTime(), Math.round(seconds * TICKS_PER_SECOND) });
            }
        }

        /** CPU milliseconds per 1,000 events between two moments at a rate in events/s; NaN without two samples. */
        double millisPerThousand(long fromNanos, long toNanos, double eventsPerSecond) {
            List<long[]> inside = samples.stream().filter(s -> s[0] >= fromNanos && s[0] <= toNanos).toList();
            if (inside.size() < 2) {
                return Double.NaN;
            }
            long[] first = inside.get(0);
            long[] last = inside.get(inside.size() - 1);
            double cpuMillis = (last[1] - first[1]) * 1000 / TICKS_PER_SECOND;
            double events = (last[0] - first[0]) / 1e9 * eventsPerSecond;
            return cpuMillis / events * 1000;
        }
    }
}
