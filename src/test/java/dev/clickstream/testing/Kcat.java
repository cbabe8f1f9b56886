package dev.clickstream.testing;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * kcat (formerly kafkacat), the librdkafka command-line client: a producer and consumer we did not write.
 * Tests that need it call {@link #assumeInstalled()}, which skips them, saying why, where kcat is missing.
 */
public final class Kcat {

    private static final long TIMEOUT_SECONDS = 30;

    private final String executable;
    private final String bootstrapServers;

    private Kcat(String executable, String bootstrapServers) {
        this.executable = executable;
        this.bootstrapServers = bootstrapServers;
    }

    /** kcat on the broker at {@code bootstrapServers}; skips the calling test if kcat is not installed. */
    public static Kcat assumeInstalled(String bootstrapServers) {
        Optional<String> executable = find();
        assumeTrue(executable.isPresent(),
                "kcat is not installed (neither kcat nor kafkacat is on the PATH): skipping the checks with kcat. "
                        + "Install it with apt-get install kcat (Debian/Ubuntu) or brew install kcat (macOS).");
        return new Kcat(executable.get(), bootstrapServers);
    }

    /** Produces each line as one record, keyless: {@code kcat -P -t topic}. */
    public void produce(String topic, List<String> values) {
        run(String.join("\n", values) + "\n", "-P", "-t", topic);
    }

    /**
     * Produces {@code key|value} lines as keyed records, partitioned as Java clients do (murmur2):
     * {@code kcat -P -t topic -K '|' -X partitioner=murmur2_random}. (librdkafka's own default, crc32, would put a key
     * in another partition than the service's Java producer does.) {@code settings} are further librdkafka
     * properties ({@code key=value}), each passed with {@code -X}.
     */
    public void produceKeyed(String topic, List<String> keyPipeValueLines, String... settings) {
        List<String> args = new ArrayList<>(List.of("-P", "-t", topic, "-K", "|", "-X", "partitioner=murmur2_random"));
        for (String setting : settings) {
            args.add("-X");
            args.add(setting);
        }
        run(String.join("\n", keyPipeValueLines) + "\n", args.toArray(String[]::new));
    }

    /**
     * Every record of {@code topic} from the beginning to the current end, as kcat's JSON envelopes
     * ({@code kcat -C -J -e}): {@code topic, partition, offset, tstype, ts, key, payload}.
     */
    public List<JsonNode> consumeAll(String topic) {
        return run("", "-C", "-t", topic, "-o", "beginning", "-e", "-J", "-q").lines()
                .filter(line -> !line.isBlank())
                .map(EventsJson::parse)
                .toList();
    }

    /**
     * Starts a balanced consumer in {@code group}, from the beginning where the group has no committed offset:
     * {@code kcat -G group -o beginning topic}, each value a line of {@code out}, written as it comes ({@code -u}: into
     * a file, kcat would otherwise hold its output until it ends). It runs until destroyed; a
     * {@link Process#destroy()} (SIGTERM) commits its offsets and leaves the group.
     */
    public Process startGroupConsumer(String group, String topic, Path out) throws IOException {
        List<String> command = List.of(executable, "-b", bootstrapServers, "-u", "-G", group, "-o", "beginning", topic);
        Path stderr = Files.createDirectories(TestDirs.TARGET.resolve("kcat")).resolve(group + ".stderr.txt");
        return new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(stderr.toFile()).start();
    }

    private String run(String stdin, String... args) {
        List<String> command = new ArrayList<>(List.of(executable, "-b", bootstrapServers));
        command.addAll(Arrays.asList(args));
        try {
            Path stderr = Files.createDirectories(TestDirs.TARGET.resolve("kcat")).resolve("stderr.txt");
            Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not end in " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + process.exitValue()
                        + ": " + Files.readString(stderr));
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Optional<String> find() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String name : List.of("kcat", "kafkacat")) {
            for (String dir : path.split(File.pathSeparator)) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate.toString());
                }
            }
        }
        return Optional.empty();
    }
}
