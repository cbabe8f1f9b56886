package dev.clickstream.testing;

import java.nio.file.Path;

/**
 * What a test can do to a fixture that runs in a JVM of its own ({@link BrokerProcess}, {@link ServiceProcess}): stop
 * it, crash it, stall it, as {@link JvmProcess} does it; each fixture adds how it starts and when it is ready.
 */
public abstract class OwnJvm implements AutoCloseable {

    private final JvmProcess jvm;

    protected OwnJvm(JvmProcess jvm) {
        this.jvm = jvm;
    }

    /** SIGTERM: a graceful shutdown; waits until the JVM exited and returns its exit code. */
    public int stop() {
        return jvm.stop();
    }

    /** SIGKILL: the JVM dies at once, as in a crash; waits until the process is gone and returns its exit code. */
    public int kill() {
        return jvm.kill();
    }

    /** SIGSTOP: the JVM stalls, its connections open and unanswered; {@link #resume()} lets it go on. */
    public void pause() {
        jvm.pause();
    }

    /** SIGCONT after {@link #pause()}. */
    public void resume() {
        jvm.resume();
    }

    public boolean isAlive() {
        return jvm.isAlive();
    }

    /** The process id of the current (or last) run, for tools outside the JVM. */
    public long pid() {
        return jvm.pid();
    }

    /** The JVM itself. */
    public JvmProcess jvm() {
        return jvm;
    }

    /** Where every run's output goes. */
    public Path logFile() {
        return jvm.logFile();
    }

    /** Everything written to the log so far, over all runs. */
    public String log() {
        return jvm.log();
    }

    /** Stops the JVM if it still runs (SIGTERM, then SIGKILL if that is not enough). */
    @Override
    public void close() {
        jvm.close();
    }
}
