package dev.clickstream.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

import dev.clickstream.testing.BrokerProcess;

/**
 * The benchmark: the service against a hand-written kafka-clients loop and Kafka Streams, on one broker in one run.
 * Inside the normal build it runs small and checks only that every contender's output is right; with
 * {@code -Pbench} it runs in full and writes its tables to {@code src/site/benchmarks.md}. It never asserts speed:
 * a request that times out under load is a figure, an accepted event that never comes out is a failure.
 * The phases, their settings and how each one checks itself are in that file.
 */
class BenchmarkIT {

    private static final Logger LOG = Logger.getLogger(BenchmarkIT.class);
    private static final String BROKER_HEAP = "1g";

    @Test
    void everyContenderWritesExactlyThePremiumEventsTransformed() throws Exception {
        BenchSettings settings = BenchSettings.fromSystemProperties();
        Path workDir = Files.createDirectories(Path.of("target", "bench", Long.toString(System.currentTimeMillis())));
        String loadBefore = loadAverage();
        Instant started = Instant.now();

        assertThat(InMemoryPhase.check()).as("processor output in memory").isEmpty();
        Map<String, List<Double>> inMemory = settings.runs("in-memory")
                ? new InMemoryPhase(settings, workDir).measure()
                : Map.of();

        List<DrainPhase.Run> drains = List.of();
        LatencyPhase.Result latency = new LatencyPhase.Result(Double.NaN, Double.NaN, List.of());
        try (BrokerProcess broker = BrokerProcess.in(workDir.resolve("broker")).withHeap(BROKER_HEAP).start()) {
            if (settings.runs("drain")) {
                drains = new DrainPhase(settings, broker.bootstrapServers(), broker.pid(), workDir).run();
            }
            if (settings.runs("http-latency")) {
                latency = new LatencyPhase(settings, broker.bootstrapServers(), workDir).run();
            }
        }
        List<KafkaLatencyPhase.Measured> kafkaLatency = settings.runs("kafka-latency")
                ? new KafkaLatencyPhase(settings, BROKER_HEAP, workDir).run()
                : List.of();

        Report report = new Report();
        report.paragraph(context(settings, started, loadBefore));
        ResultTables.contenders(report, settings);
        if (settings.runs("drain")) {
            ResultTables.drain(report, drains, settings);
        }
        if (settings.runs("kafka-latency")) {
            ResultTables.kafkaLatency(report, kafkaLatency, settings.latencyRates());
        }
        if (settings.runs("http-latency")) {
            ResultTables.latency(report, latency, kafkaLatency, settings.latencyRates());
        }
        if (settings.runs("in-memory")) {
            ResultTables.inMemory(report, inMemory);
        }
        ResultTables.startAndMemory(report, drains, latency);
        LOG.info(report.text());
        report.writeTo(settings.report());
        LOG.infof("Results written to %s; logs in %s and target/services/bench-*.log", settings.report(), workDir);

        assertThat(drains).allSatisfy(run -> assertThat(run.outcome().valid())
                .as("%s #%d: %s", run.contender().label, run.repetition(), run.outcome().summary()).isTrue());
        assertThat(drains).filteredOn(run -> run.contender() == Contender.SERVICE_WATCHED)
                .allSatisfy(run -> assertThat(run.snapshots())
                        .as("console snapshots read during drain #%d", run.repetition()).isPositive());
        assertThat(inMemory.values()).allSatisfy(scores -> assertThat(scores).isNotEmpty());
        assertThat(latency.outcomes()).allSatisfy(outcome -> assertThat(outcome.correct())
                .as("HTTP latency at %d/s: %s", outcome.rate(), outcome.summary()).isTrue());
        assertThat(kafkaLatency).allSatisfy(measured -> assertThat(measured.outcomes()).allSatisfy(
                outcome -> assertThat(outcome.correct()).as("Kafka latency of %s at %d/s: %s",
                        measured.contender().label, outcome.rate(), outcome.summary()).isTrue()));
    }

    private static String context(BenchSettings settings, Instant started, String loadBefore) throws IOException {
        return String.format(Locale.ROOT, """
                Run of %s (%s mode, phases %s), %.0f min. Machine: %d cores (%s), %.0f GiB RAM, %s %s; JDK %s (%s). \
                Load average (1, 5, 15 min) before: %s; after: %s. \
                Drains: %s raw events (half premium), %d partitions, %d repetitions, contenders in rotating order. \
                Latency: %s events/s, %d s each after %d s warm-up, %d repetitions, after a ramp of %d s at each rate. \
                Broker JVM: `%s`; harness JVM (latency probes, output verifiers): `%s`.""",
                started.truncatedTo(ChronoUnit.SECONDS), settings.full() ? "full" : "smoke", settings.phases(),
                (Instant.now().toEpochMilli() - started.toEpochMilli()) / 60000.0,
                Runtime.getRuntime().availableProcessors(), cpuModel(), memoryGiB(), System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.name"), loadBefore, loadAverage(),
                settings.drains().stream().map(n -> String.format(Locale.ROOT, "%,d", n)).toList(),
                BenchTopics.PARTITIONS, settings.repetitions(), settings.latencyRates(), settings.latencySeconds(),
                settings.latencyWarmupSeconds(), settings.latencyRepetitions(), settings.latencyRampSeconds(),
                "-Xms" + BROKER_HEAP + " -Xmx" + BROKER_HEAP,
                System.getProperty("bench.harness-jvm-options", "JVM defaults"));
    }

    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).split("\\s+");
        return fields[0] + ", " + fields[1] + ", " + fields[2];
    }

    private static String cpuModel() throws IOException {
        return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown CPU");
    }

    private static double memoryGiB() throws IOException {
        return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                .mapToLong(l -> Long.parseLong(l.replaceAll("\\D", ""))).findFirst().orElse(0) / 1024.0 / 1024.0;
    }
}
