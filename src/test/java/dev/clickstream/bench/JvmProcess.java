package dev.clickstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM of its own for one part of the benchmark: a main class on this test run's class path (the drain's
 * {@link PlainLoop} and {@link StreamsPipeline}), or an executable jar. Its output goes to a log file.
 */
final class JvmProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private final long startNanos;

    private JvmProcess(Process process, Path log, long startNanos) {
        this.process = process;
        this.log = log;
        this.startNanos = startNanos;
    }

    /** Runs {@code main} on this run's class path. */
    static JvmProcess main(String main, String jvmOptions, Path log, String... args) throws IOException {
        List<String> launch = new ArrayList<>(List.of("-cp", System.getProperty("java.class.path"), main));
        launch.addAll(List.of(args));
        return start(jvmOptions, launch, log);
    }

    /** Runs an executable jar with {@code -D} options. */
    static JvmProcess jar(Path jar, String jvmOptions, List<String> systemProperties, Path log) throws IOException {
        List<String> launch = new ArrayList<>(systemProperties.stream().map(p -> "-D" + p).toList());
        launch.addAll(List.of("-jar", jar.toString()));
        return start(jvmOptions, launch, log);
    }

    private static JvmProcess start(String jvmOptions, List<String> launch, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.stream(jvmOptions.split("\\s+")).filter(s -> !s.isBlank()).toList());
        command.addAll(launch);
        Files.createDirectories(log.getParent());
        long startNanos = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new JvmProcess(process, log, startNanos);
    }

    long pid() {
        return process.pid();
    }

    /** {@link System#nanoTime()} just before the process was started. */
    long startNanos() {
        return startNanos;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Waits for the process to end by itself, and returns its exit code. */
    int waitFor(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new IllegalStateException("still running after " + seconds + " s; see " + log);
        }
        return process.exitValue();
    }

    Path log() {
        return log;
    }

    /** SIGTERM, then SIGKILL after 10 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
