package dev.clickstream.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import dev.clickstream.testing.TestDirs;

/**
 * The fault scenarios' figures: each scenario writes its row to {@code target/faults/rows/} (one per scenario and
 * {@link FaultScale}), and the table of all rows there is written again to {@code target/faults/fault-table.md} and logged.
 */
public final class FaultTable {

    public static final Path DIR = TestDirs.TARGET.resolve("faults");
    private static final Logger LOG = Logger.getLogger(FaultTable.class);
    private static final String HEADER = """
            | scenario | events sent | acked | processed | lost | duplicated | dead-lettered | notes | at |
            |---|---:|---:|---:|---:|---:|---:|---|---|
            """;

    private FaultTable() {
    }

    public static synchronized void record(Outcome outcome, String notes) {
        String row = String.format("| %s | %d | %d | %d | %d | %d | %d | %s | %s |", outcome.scenario(), outcome.sent(),
                outcome.acked(), outcome.processed(), outcome.lost(), outcome.duplicated(), outcome.deadLettered(),
                notes, Instant.now());
        try {
            Path rows = Files.createDirectories(DIR.resolve("rows"));
            Files.writeString(rows.resolve(outcome.scenario() + "-" + FaultScale.events() + ".md"), row + "\n",
                    StandardCharsets.UTF_8);
            List<String> all;
            try (Stream<Path> files = Files.list(rows)) {
                all = files.sorted().map(FaultTable::read).toList();
            }
            String table = HEADER + String.join("", all);
            Files.writeString(DIR.resolve("fault-table.md"), table, StandardCharsets.UTF_8);
            LOG.infof("Fault scenario %s done; all scenarios so far (%s):%n%s", outcome.scenario(),
                    DIR.resolve("fault-table.md"), table);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
