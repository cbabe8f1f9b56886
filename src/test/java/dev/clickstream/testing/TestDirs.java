package dev.clickstream.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** Where tests keep what they write: under the build's {@code target/}, never in the source tree or /tmp. */
public final class TestDirs {

    /** {@code target/} of the module under test; Maven runs tests with the module as working directory. */
    public static final Path TARGET = Path.of("target").toAbsolutePath();

    private TestDirs() {
    }

    /** A new, empty directory {@code target/<area>/<name>-<random>}. */
    public static Path fresh(String area, String name) {
        try {
            return Files.createDirectories(TARGET.resolve(area).resolve(name + "-" + UUID.randomUUID().toString().substring(0, 8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
