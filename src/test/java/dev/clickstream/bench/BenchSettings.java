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
        List<Integer> drains,
        List<Contender> contenders,
        int repetitions,
        List<Integer> latencyRates,
        int latencyRepetitions,
        int latencySeconds,
        int latencyWarmupSeconds,
        int latencyRampSeconds,
        String jvmOptions,
        String serviceJvmOptions,
        List<String> serviceConfig,
        List<String> loopTuning,
        List<String> streamsTuning,
        boolean jfr,
        String profiler,
        Path report) {

    /**
     * What the tuned service runs with on top of the shared options, as the README says to run it on a small
     * machine: the client compiler only (C1).
     */
    static final String SERVICE_JVM_OPTIONS = "-XX:TieredStopAtLevel=1";

    /**
     * The tuned loop's client settings, {@code consumer.} or {@code producer.} and a Kafka client key: the best of the
     * trials in benchmarks.md, bigger polls, fetches and producer batches, no compression. The loop flushes after
     * every poll, so the linger only gathers one poll's sends.
     */
    static final String LOOP_TUNING = "consumer.max.poll.records=5000,consumer.fetch.max.bytes=104857600,"
            + "consumer.max.partition.fetch.bytes=4194304,producer.batch.size=131072,producer.linger.ms=5";

    /**
     * The tuned Streams application's settings, any {@code StreamsConfig} key (prefixed ones included): the best of
     * the trials in benchmarks.md, bigger polls and producer batches, one stream thread, no compression.
     */
    static final String STREAMS_TUNING = "consumer.max.poll.records=2000,producer.batch.size=65536,"
            + "producer.linger.ms=5,num.stream.threads=1";

    static BenchSettings fromSystemProperties() {
        boolean full = "full".equals(System.getProperty("bench.mode", "smoke"));
        int repetitions = Integer.getInteger("bench.repetitions", full ? 3 : 1);
        return new BenchSettings(
                full,
                list(System.getProperty("bench.phases", "in-memory,drain,kafka-latency,http-latency")),
                ints(System.getProperty("bench.events", full ? "300000,1000000" : "20000")),
                list(System.getProperty("bench.contenders", "")).stream().map(Contender::valueOf)
                        .toList(),
                repetitions,
                ints(System.getProperty("bench.latency.rates", full ? "200,500,1000" : "200")),
                Integer.getInteger("bench.latency.repetitions", full ? 2 : 1),
                Integer.getInteger("bench.latency.seconds", full ? 20 : 3),
                Integer.getInteger("bench.latency.warmup-seconds", full ? 5 : 1),
                Integer.getInteger("bench.latency.ramp-seconds", full ? 5 : 0),
                System.getProperty("bench.jvm-options", "-Xms32m -Xmx128m -XX:+UseSerialGC"),
                System.getProperty("bench.service-jvm-options", SERVICE_JVM_OPTIONS),
                list(System.getProperty("bench.service-config", "")),
                list(System.getProperty("bench.loop.tuned", LOOP_TUNING)),
                list(System.getProperty("bench.streams.tuned", STREAMS_TUNING)),
                Boolean.getBoolean("bench.jfr"),
                System.getProperty("bench.profiler", ""),
                Path.of(System.getProperty("bench.report", "target/benchmarks-smoke.md")));
    }

    /**
     * The JVM options that profile a contender named {@code name}, in a drain or a latency phase, with
     * async-profiler when {@code bench.profiler} names its library: CPU time sampled every 5 ms by interval timer
     * (perf events need a kernel setting this machine may not have), written as collapsed stacks to
     * {@code <workDir>/<name>.collapsed}.
     */
    List<String> profilerOptions(Path workDir, String name) {
        return profiler.isEmpty() ? List.of()
                : List.of("-agentpath:" + Path.of(profiler).toAbsolutePath() + "=start,event=itimer,interval=5ms,"
                        + "collapsed,file=" + workDir.resolve(name + ".collapsed").toAbsolutePath());
    }

    boolean runs(String phase) {
        return phases.contains(phase);
    }

    /** The drain's contenders: those of {@code bench.contenders}, or all. */
    List<Contender> drainContenders() {
        return contenders.isEmpty() ? List.of(Contender.values()) : contenders;
    }

    static List<Integer> ints(String csv) {
        return list(csv).stream().map(Integer::valueOf).toList();
    }

    static List<String> list(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
