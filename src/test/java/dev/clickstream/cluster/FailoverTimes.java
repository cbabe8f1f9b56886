package dev.clickstream.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

import org.jboss.logging.Logger;

import dev.clickstream.testing.TestDirs;

/** Measured failover and rebalance times, appended to {@code target/cluster/times.md} and logged. */
final class FailoverTimes {

    static final Path FILE = TestDirs.TARGET.resolve("cluster").resolve("times.md");
    private static final Logger LOG = Logger.getLogger(FailoverTimes.class);

    private FailoverTimes() {
    }

    static synchronized void record(String conditions, List<String> measurements) {
        String entry = "- " + Instant.now() + ", " + conditions + ":\n"
                + measurements.stream().map(m -> "  - " + m + "\n").reduce("", String::concat);
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, entry, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        LOG.infof("Measured (%s):%n%s", FILE, entry);
    }
}
