package dev.clickstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A process's resident set size, from {@code /proc/<pid>/status} (Linux). */
final class Rss {

    private Rss() {
    }

    /** VmRSS in MiB, or -1 when the process is gone or the platform has no {@code /proc}. */
    static double mib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** The largest VmRSS seen by repeated {@link #sample()} calls. */
    static final class Peak {

        private final long pid;
        private double peak = -1;

        Peak(long pid) {
            this.pid = pid;
        }

        void sample() {
            peak = Math.max(peak, Rss.mib(pid));
        }

        double mib() {
            return peak;
        }
    }
}
