package dev.clickstream.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A JVM of its own for a contender of the drain ({@link PlainLoop}, {@link StreamsPipeline}): a main class on this
 * test run's class path. Its output goes to a log file.
 */
final class JvmProcess implements AutoCloseable {

    private final Process process;
    private final Path log;
    private JvmProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Runs {@code main} on this run's class path. */
    static JvmProcess main(String main, String jvmOptions, Path log, String... args) throws IOException {
        // Surefire and failsafe run tests from a manifest-only jar and give the real class path here.
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> launch = new ArrayList<>(List.of("-cp", classPath, main));
        launch.addAll(List.of(args));
        return start(jvmOptions, launch, log);
    }

    private static JvmProcess start(String jvmOptions, List<String> launch, Path log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(DrainPhase.jvmOptions(jvmOptions));
        command.addAll(launch);
        Files.createDirectories(log.getParent());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        return new JvmProcess(process, log);
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
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
