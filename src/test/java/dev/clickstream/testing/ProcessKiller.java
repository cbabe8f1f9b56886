package dev.clickstream.testing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Child processes outlive the JVM that started them. This kills, when the test JVM exits, every child process
 * the harness started that still runs, so that an aborted build leaves no broker or service behind.
 */
final class ProcessKiller {

    private static final Set<Process> CHILDREN = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(
                () -> CHILDREN.stream().filter(Process::isAlive).forEach(Process::destroyForcibly),
                "test-child-process-killer"));
    }

    private ProcessKiller() {
    }

    static void killOnExit(Process process) {
        CHILDREN.removeIf(child -> !child.isAlive());
        CHILDREN.add(process);
    }
}
