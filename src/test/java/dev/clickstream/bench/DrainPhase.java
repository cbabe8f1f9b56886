package dev.clickstream.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import dev.clickstream.kafka.Channels;
import dev.clickstream.testing.JvmProcess;
import dev.clickstream.testing.ServiceProcess;

/**
 * Phase 1, Kafka → Kafka drain: the same pre-loaded input topic is drained by each contender in turn, each time in
 * a fresh consumer group into a fresh output topic, while an {@link OutputVerifier} reads and checks that output.
 * The order of the contenders rotates from one repetition to the next.
 */
final class DrainPhase {

    private static final Logger LOG = Logger.getLogger(DrainPhase.class);
    static final String INPUT = "bench_raw";

    enum Contender {
        SERVICE("(a) service (prod jar)"),
        PLAIN_LOOP("(b) plain kafka-clients loop"),
        STREAMS("(c) Kafka Streams");

        final String label;

        Contender(String label) {
            this.label = label;
        }
    }

    /** One contender's drain. Its figures count only if {@code outcome.valid()}. */
    record Run(Contender contender, int repetition, OutputVerifier.Outcome outcome, double launchToFirstSeconds,
            double launchToLastSeconds, double peakRssMib, double cpuMillisPerThousand,
            double brokerCpuMillisPerThousand) {

        double eventsPerSecond() {
            return outcome.expected() / outcome.drainSeconds();
        }
    }

    private final BenchSettings settings;
    private final String bootstrapServers;
    private final long brokerPid;
    private final Path workDir;
    private final InputEvents input = new InputEvents(System.nanoTime());

    DrainPhase(BenchSettings settings, String bootstrapServers, long brokerPid, Path workDir) {
        this.settings = settings;
        this.bootstrapServers = bootstrapServers;
        this.brokerPid = brokerPid;
        this.workDir = workDir;
    }

    List<Run> run() throws Exception {
        List<Run> runs = new ArrayList<>();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        try (BenchTopics topics = new BenchTopics(bootstrapServers)) {
            topics.create(INPUT);
            long start = System.nanoTime();
            long[] timestamps = topics.fill(INPUT, input, settings.events());
            LOG.infof("Loaded %,d raw events (%,d premium) into %s in %.1f s", settings.events(),
                    settings.premiumEvents(), INPUT, (System.nanoTime() - start) / 1e9);
            OutputVerifier verifier = new OutputVerifier(input, timestamps);
            Contender[] contenders = Contender.values();
            // Not measured: every contender drains once first. The broker does less work per event once its code
            // for that contender's requests is compiled (in trials its CPU per event fell by up to three quarters
            // from a contender's first drain to its second), which would count against whoever came first.
            for (Contender contender : contenders) {
                String output = "bench_out_" + contender.name().toLowerCase() + "_warmup";
                topics.create(output);
                Run warmup = drain(contender, 0, output, verifier, executor);
                LOG.infof("Warm-up drain %s (not measured): %,.0f events/s, broker CPU %.0f ms per 1,000 events, %s",
                        contender.label, warmup.eventsPerSecond(), warmup.brokerCpuMillisPerThousand(),
                        warmup.outcome().summary());
            }
            for (int repetition = 1; repetition <= settings.repetitions(); repetition++) {
                for (int i = 0; i < contenders.length; i++) {
                    Contender contender = contenders[(i + repetition - 1) % contenders.length];
                    String output = "bench_out_" + contender.name().toLowerCase() + "_" + repetition;
                    topics.create(output);
                    Run run = drain(contender, repetition, output, verifier, executor);
                    LOG.infof("Drain %s #%d: %,.0f events/s, CPU %.0f ms per 1,000 events (broker %.0f), %s",
                            contender.label, repetition, run.eventsPerSecond(), run.cpuMillisPerThousand(),
                            run.brokerCpuMillisPerThousand(), run.outcome().summary());
                    runs.add(run);
                }
            }
        } finally {
            executor.shutdownNow();
        }
        return runs;
    }

    private Run drain(Contender contender, int repetition, String output, OutputVerifier verifier,
            ExecutorService executor) throws Exception {
        String group = "bench-" + contender.name().toLowerCase() + "-" + repetition + "-" + System.nanoTime();
        AtomicBoolean stop = new AtomicBoolean();
        Future<OutputVerifier.Outcome> verifying = executor.submit(() -> verifier.verify(bootstrapServers, output,
                settings.premiumEvents(), Duration.ofSeconds(2), Duration.ofSeconds(60), stop::get));
        long launched = System.nanoTime();
        try (JvmProcess running = launch(contender, repetition, output, group)) {
            Rss.Peak rss = new Rss.Peak(running.pid());
            Cpu.Meter cpu = new Cpu.Meter(running.pid());
            Cpu.Meter brokerCpu = new Cpu.Meter(brokerPid);
            while (true) {
                rss.sample();
                cpu.sample();
                brokerCpu.sample();
                try {
                    OutputVerifier.Outcome outcome = verifying.get(250, TimeUnit.MILLISECONDS);
                    double rate = outcome.expected() / outcome.drainSeconds();
                    return new Run(contender, repetition, outcome, (outcome.firstNanos() - launched) / 1e9,
                            (outcome.lastNanos() - launched) / 1e9, rss.mib(),
                            cpu.millisPerThousand(outcome.firstNanos(), outcome.lastNanos(), rate),
                            brokerCpu.millisPerThousand(outcome.firstNanos(), outcome.lastNanos(), rate));
                } catch (TimeoutException stillDraining) {
                    if (!running.isAlive()) {
                        stop.set(true);
                        throw new IllegalStateException(contender.label + " exited; see " + running.logFile());
                    }
                }
            }
        } finally {
            stop.set(true);
        }
    }

    /** A contender started in its own JVM, whichever way it is launched. */
    private JvmProcess launch(Contender contender, int repetition, String output, String group) throws Exception {
        String name = "bench-" + contender.name().toLowerCase().replace('_', '-') + "-" + repetition;
        if (contender == Contender.SERVICE) {
            ServiceProcess service = ServiceProcess.named(name);
            jvmOptions(settings.jvmOptions()).forEach(service::withJvmOption);
            jvmOptions(settings.serviceJvmOptions()).forEach(service::withJvmOption);
            if (settings.jfr()) {
                service.withJvmOption("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
                        + workDir.resolve(name + ".jfr").toAbsolutePath());
            }
            Map<String, String> config = serviceBaseConfig(settings, bootstrapServers, output,
                    ClientSettings.producerTuning());
            config.put("mp.messaging.incoming." + Channels.RAW_EVENTS + ".topic", INPUT);
            config.put("mp.messaging.incoming." + Channels.RAW_EVENTS + ".group.id", group);
            config.forEach(service::withProperty);
            return service.start().jvm();
        }
        Class<?> main = contender == Contender.PLAIN_LOOP ? PlainLoop.class : StreamsPipeline.class;
        return JvmProcess.mainClass(main.getName(), JvmProcess.testClassPath(), workDir.resolve(name + ".log"),
                        bootstrapServers, INPUT, output, group)
                .withJvmOptions(jvmOptions(settings.jvmOptions()))
                .withStopTimeout(Duration.ofSeconds(10))
                .start();
    }

    static List<String> jvmOptions(String options) {
        return Arrays.stream(options.split("\\s+")).filter(option -> !option.isBlank()).toList();
    }

    /**
     * The service's configuration in the benchmark: this broker, the output topic for both the processor and the
     * view, {@code producerTuning} for the processor's producer (the drain's shared settings; none in the latency
     * phase, which measures the service as configured), and any {@code bench.service-config} overrides.
     */
    static Map<String, String> serviceBaseConfig(BenchSettings settings, String bootstrapServers, String output,
            Map<String, String> producerTuning) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", bootstrapServers);
        config.put("mp.messaging.outgoing." + Channels.PROCESSED_EVENTS + ".topic", output);
        config.put("mp.messaging.incoming." + Channels.PROCESSED_EVENTS_IN + ".topic", output);
        producerTuning.forEach((key, value) -> config.put(
                "mp.messaging.outgoing." + Channels.PROCESSED_EVENTS + "." + key, value));
        settings.serviceConfig().forEach(entry -> {
            int equals = entry.indexOf('=');
            config.put(entry.substring(0, equals), entry.substring(equals + 1));
        });
        return config;
    }
}
