package dev.clickstream.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What one benchmark run does, read from system properties ({@code -Dbench.events=200000} on the Maven command
 * line). {@code bench.mode=smoke} (the default, inside the normal build) is a small run that checks output only;
 * {@code bench.mode=full} ({@code -Pbench}) is the measured run.
 */
record BenchSettings(
        boolean full,
        List<String> phases,
        int events,
        int repetitions,
        List<Integer> latencyRates,
        int latencySeconds,
        int latencyWarmupSeconds,
        int latencyRampSeconds,
        String jvmOptions,
        String serviceJvmOptions,
        List<String> serviceConfig,
        boolean jfr,
        Path report) {

    /**
     * What the service runs with on top of the shared options, as the README says to run it on a small machine:
     * the client compiler only (C1). Over a drain the JIT compilers took about a third of the service's CPU (C2
     * most of it) and C2's arenas and code much of its memory; C1 alone kept the CPU per event about the same and
     * the peak RSS under 200 MiB.
     */
    static final String SERVICE_JVM_OPTIONS = "-XX:TieredStopAtLevel=1";

    static BenchSettings fromSystemProperties() {
        boolean full = "full".equals(System.getProperty("bench.mode", "smoke"));
        return new BenchSettings(
                full,
                list(System.getProperty("bench.phases", "in-memory,drain,latency")),
                Integer.getInteger("bench.events", full ? 1_000_000 : 20_000),
                Integer.getInteger("bench.repetitions", full ? 3 : 1),
                ints(System.getProperty("bench.latency.rates", full ? "200,500,1000" : "200")),
                Integer.getInteger("bench.latency.seconds", full ? 30 : 3),
                Integer.getInteger("bench.latency.warmup-seconds", full ? 5 : 1),
                Integer.getInteger("bench.latency.ramp-seconds", full ? 10 : 0),
                System.getProperty("bench.jvm-options", "-Xms32m -Xmx128m -XX:+UseSerialGC"),
                System.getProperty("bench.service-jvm-options", SERVICE_JVM_OPTIONS),
                list(System.getProperty("bench.service-config", "")),
                Boolean.getBoolean("bench.jfr"),
                Path.of(System.getProperty("bench.report", "target/benchmarks-smoke.md")));
    }

    boolean runs(String phase) {
        return phases.contains(phase);
    }

    /** Premium events in the drain input: even users are premium and events go round the users in turn. */
    int premiumEvents() {
        return (int) InputEvents.premiumCount(events);
    }

    private static List<Integer> ints(String csv) {
        return list(csv).stream().map(Integer::valueOf).toList();
    }

    private static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
