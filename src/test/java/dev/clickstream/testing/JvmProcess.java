package dev.clickstream.testing;

import static org.awaitility.Awaitility.await;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A JVM of its own, the one launcher of the test harness: a main class on a class path, or a runnable jar, with JVM
 * options, {@code -D} system properties and environment variables. Every run appends its output to one log file,
 * after a {@code ====} line saying what was started and when; {@link #stop()} sends SIGTERM, {@link #kill()} SIGKILL,
 * {@link #pause()} and {@link #resume()} SIGSTOP and SIGCONT, and {@link #start()} runs it again with the same
 * settings. Whatever still runs when the test JVM exits is killed, so an aborted build leaves no process behind.
 * {@link BrokerProcess} and {@link ServiceProcess} are built on it.
 *
 * <pre>{@code
 * try (JvmProcess loop = JvmProcess.mainClass(PlainLoop.class.getName(), JvmProcess.testClassPath(), log, args)
 *         .withJvmOption("-Xmx128m").start()) {
 *     ...
 * }
 * }</pre>
 */
public final class JvmProcess implements AutoCloseable {

    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> RUNNING.stream().filter(Process::isAlive).forEach(Process::destroyForcibly),
                "test-child-process-killer"));
    }

    private final List<String> launch;
    private final Path logFile;
    private final List<String> jvmOptions = new ArrayList<>();
    private final Map<String, String> systemProperties = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Path workingDirectory;
    private Duration stopTimeout = Duration.ofSeconds(30);
    private Process process;

    private JvmProcess(List<String> launch, Path logFile) {
        this.launch = List.copyOf(launch);
        this.logFile = logFile.toAbsolutePath();
    }

    /** {@code java -cp classPath mainClass args...}, logging to {@code logFile}; not started yet. */
    public static JvmProcess mainClass(String mainClass, String classPath, Path logFile, String... args) {
        List<String> launch = new ArrayList<>(List.of("-cp", classPath, mainClass));
        launch.addAll(Arrays.asList(args));
        return new JvmProcess(launch, logFile);
    }

    /** {@code java -jar jar}, run from the jar's folder, logging to {@code logFile}; not started yet. */
    public static JvmProcess jar(Path jar, Path logFile) {
        return new JvmProcess(List.of("-jar", jar.getFileName().toString()), logFile).inDirectory(jar.getParent());
    }

    /** This test run's class path: the test classes, the application's and every test-scoped dependency. */
    public static String testClassPath() {
        // Surefire and failsafe start tests from a manifest-only jar and give the real class path here.
        return System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    }

    /** {@link #testClassPath()} without the entries whose path contains {@code excluded}. */
    public static String testClassPathWithout(String excluded) {
        return Arrays.stream(testClassPath().split(File.pathSeparator))
                .filter(entry -> !entry.replace(File.separatorChar, '/').contains(excluded))
                .collect(Collectors.joining(File.pathSeparator));
    }

    /**
     * An option of the JVM, such as {@code -Xmx512m}, applied from the next start on. A heap size option
     * ({@code -Xms}, {@code -Xmx}, {@code -Xmn}) replaces an earlier one of its kind.
     */
    public JvmProcess withJvmOption(String option) {
        for (String sized : List.of("-Xms", "-Xmx", "-Xmn")) {
            if (option.startsWith(sized)) {
                jvmOptions.removeIf(existing -> existing.startsWith(sized));
            }
        }
        jvmOptions.add(option);
        return this;
    }

    /** Each of {@code options} as by {@link #withJvmOption}. */
    public JvmProcess withJvmOptions(List<String> options) {
        options.forEach(this::withJvmOption);
        return this;
    }

    /** A {@code -D} system property, applied from the next start on. */
    public JvmProcess withSystemProperty(String key, String value) {
        systemProperties.put(key, value);
        return this;
    }

    /** An environment variable of the JVM, applied from the next start on. */
    public JvmProcess withEnv(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /** The working directory; the test JVM's unless set. */
    public JvmProcess inDirectory(Path directory) {
        this.workingDirectory = directory;
        return this;
    }

    /** How long {@link #stop()} waits after SIGTERM before it sends SIGKILL; 30 s unless set. */
    public JvmProcess withStopTimeout(Duration timeout) {
        this.stopTimeout = timeout;
        return this;
    }

    /** Starts the JVM and returns at once; see {@link #awaitReady}. */
    public JvmProcess start() {
        if (isAlive()) {
            throw new IllegalStateException(logFile.getFileName() + " already running, pid " + process.pid());
        }
        List<String> settings = new ArrayList<>();
        settings.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        settings.addAll(jvmOptions);
        systemProperties.forEach((key, value) -> settings.add("-D" + key + "=" + value));
        List<String> command = new ArrayList<>(settings);
        command.addAll(launch);
        appendToLog("==== " + Instant.now() + " starting: " + String.join(" ", settings) + " " + readable(launch));
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        if (workingDirectory != null) {
            builder.directory(workingDirectory.toFile());
        }
        builder.environment().putAll(environment);
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + readable(launch), e);
        }
        RUNNING.removeIf(child -> !child.isAlive());
        RUNNING.add(process);
        return this;
    }

    /**
     * Waits until {@code ready} holds, polling it every 200 ms with exceptions counting as not yet; fails at once if
     * the JVM exits meanwhile. {@code what} names the condition in the failure, with the log file.
     */
    public JvmProcess awaitReady(String what, Duration timeout, Callable<Boolean> ready) {
        Process started = running();
        await(what + " (log: " + logFile + ")")
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .failFast("the JVM exited (log: " + logFile + ")", () -> !started.isAlive())
                .until(ready);
        return this;
    }

    /** Waits until the JVM ends by itself and returns its exit code; fails if it still runs after {@code timeout}. */
    public int awaitExit(Duration timeout) {
        Process started = running();
        try {
            if (!started.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("still running after " + timeout + " (log: " + logFile + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return started.exitValue();
    }

    /** SIGTERM: a graceful shutdown; waits until the JVM exited (SIGKILL after the stop timeout), returns its exit code. */
    public int stop() {
        return end(false);
    }

    /** SIGKILL: the JVM dies at once, as in a crash; waits until it is gone and returns its exit code. */
    public int kill() {
        return end(true);
    }

    /** SIGSTOP: the JVM stops running, its sockets stay open and unanswered, as on a stalled machine. */
    public void pause() {
        signal("STOP");
    }

    /** SIGCONT: a paused JVM runs on. */
    public void resume() {
        signal("CONT");
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** The process id of the current (or last) run. */
    public long pid() {
        return running().pid();
    }

    public Path logFile() {
        return logFile;
    }

    /** Everything written to the log file so far, over all runs. */
    public String log() {
        try {
            return Files.readString(logFile, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the JVM if it still runs. */
    @Override
    public void close() {
        if (isAlive()) {
            stop();
        }
    }

    private Process running() {
        if (process == null) {
            throw new IllegalStateException(logFile.getFileName() + ": not started");
        }
        return process;
    }

    private int end(boolean forcibly) {
        Process started = running();
        appendToLog("==== " + Instant.now() + (forcibly ? " SIGKILL" : " SIGTERM") + " to pid " + started.pid());
        if (forcibly) {
            started.destroyForcibly();
        } else {
            started.destroy();
        }
        try {
            if (!started.waitFor(stopTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                appendToLog("==== still running after " + stopTimeout + ": SIGKILL");
                started.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            started.destroyForcibly();
            throw new IllegalStateException("interrupted while stopping pid " + started.pid(), e);
        }
        return started.exitValue();
    }

    // Java's Process API sends only SIGTERM and SIGKILL.
    private void signal(String signal) {
        long pid = running().pid();
        appendToLog("==== " + Instant.now() + " SIG" + signal + " to pid " + pid);
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill -" + signal + " " + pid + " exited with " + kill.exitValue());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The launch arguments with a class path shortened to its number of entries, for the log. */
    private static String readable(List<String> launch) {
        List<String> shown = new ArrayList<>(launch);
        int classPath = launch.indexOf("-cp") + 1;
        if (classPath > 0) {
            shown.set(classPath, "<" + launch.get(classPath).split(File.pathSeparator).length + " class path entries>");
        }
        return String.join(" ", shown);
    }

    private void appendToLog(String line) {
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, line + System.lineSeparator(), StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
