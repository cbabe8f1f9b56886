package dev.clickstream.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

/**
 * Phase 1, Kafka → Kafka drains: for each size in {@code bench.events}, an input topic is filled once and drained by
 * each {@link Contender} in turn, each time in a fresh consumer group into a fresh output topic, while an
 * {@link OutputVerifier} reads and checks that output. The order of the contenders rotates from one repetition to
 * the next.
 */
final class DrainPhase {

    private static final Logger LOG = Logger.getLogger(DrainPhase.class);

    /**
     * One contender's drain of {@code events} raw events. Its figures count only if {@code outcome.valid()};
     * {@code snapshots} is what a {@link Contender#SERVICE_WATCHED} run's console stream delivered meanwhile.
     */
    record Run(int events, Contender contender, int repetition, OutputVerifier.Outcome outcome,
            double launchToFirstSeconds, double launchToLastSeconds, double peakRssMib, double cpuMillisPerThousand,
            double brokerCpuMillisPerThousand, int snapshots) {

        double eventsPerSecond() {
            return outcome.expected() / outcome.drainSeconds();
        }

        double secondHalfPerSecond() {
            return outcome.secondHalfPerSecond();
        }
    }

    private final BenchSettings settings;
    private final String bootstrapServers;
    private final long brokerPid;
    private final Path workDir;

    DrainPhase(BenchSettings settings, String bootstrapServers, long brokerPid, Path workDir) {
        this.settings = settings;
        this.bootstrapServers = bootstrapServers;
        this.brokerPid = brokerPid;
        this.workDir = workDir;
    }

    List<Run> run() throws Exception {
        List<Run> runs = new ArrayList<>();
        ExecutorService executor = Executors.newSingleThreadExecutor();
        List<Contender> contenders = settings.drainContenders();
        try (BenchTopics topics = new BenchTopics(bootstrapServers)) {
            boolean warm = !settings.full();
            for (int events : settings.drains()) {
                String input = "bench_raw_" + events;
                InputEvents inputEvents = new InputEvents(System.nanoTime());
                topics.create(input);
                long start = System.nanoTime();
                long[] timestamps = topics.fill(input, inputEvents, events);
                LOG.infof("Loaded %,d raw events (%,d premium) into %s in %.1f s", events,
                        InputEvents.premiumCount(events), input, (System.nanoTime() - start) / 1e9);
                Input in = new Input(events, input, new OutputVerifier(inputEvents, timestamps));
                if (!warm) {
                    // Not measured: every contender drains once first. The broker does less work per event once its
                    // code for that contender's requests is compiled (in trials its CPU per event fell by up to
                    // three quarters from a contender's first drain to its second), which would count against
                    // whoever came first.
                    for (Contender contender : contenders) {
                        Run warmup = drain(in, contender, 0, topics, executor);
                        LOG.infof("Warm-up drain %s (not measured): %,.0f events/s, broker CPU %.0f ms per 1,000 "
                                + "events, %s", contender.label, warmup.eventsPerSecond(),
                                warmup.brokerCpuMillisPerThousand(), warmup.outcome().summary());
                    }
                    warm = true;
                }
                for (int repetition = 1; repetition <= settings.repetitions(); repetition++) {
                    for (int i = 0; i < contenders.size(); i++) {
                        Contender contender = contenders.get((i + repetition - 1) % contenders.size());
                        Run run = drain(in, contender, repetition, topics, executor);
                        LOG.infof("Drain of %,d, %s #%d: %,.0f events/s (second half %,.0f), CPU %.0f ms per 1,000 "
                                + "events (broker %.0f), %s", events, contender.label, repetition,
                                run.eventsPerSecond(), run.secondHalfPerSecond(),
                                run.cpuMillisPerThousand(), run.brokerCpuMillisPerThousand(),
                                run.outcome().summary());
                        runs.add(run);
                    }
                }
            }
        } finally {
            executor.shutdownNow();
        }
        return runs;
    }

    /** A filled input topic of {@code events} raw events, and the verifier of its outputs. */
    private record Input(int events, String topic, OutputVerifier verifier) {
    }

    private Run drain(Input in, Contender contender, int repetition, BenchTopics topics, ExecutorService executor)
            throws Exception {
        int events = in.events();
        String name = "bench-" + contender.name().toLowerCase().replace('_', '-') + "-" + events + "-"
                + repetition;
        String output = name.replace('-', '_') + "_out";
        topics.create(output);
        String group = name + "-" + System.nanoTime();
        long premium = InputEvents.premiumCount(events);
        AtomicBoolean stop = new AtomicBoolean();
        Future<OutputVerifier.Outcome> verifying = executor.submit(() -> in.verifier().verify(bootstrapServers,
                output, premium, Duration.ofSeconds(2), Duration.ofSeconds(60), stop::get));
        long launched = System.nanoTime();
        try (Contender.Running running = contender.start(settings, name,
                new Contender.Wiring(bootstrapServers, in.topic(), output, group), workDir)) {
            Rss.Peak rss = new Rss.Peak(running.jvm().pid());
            Cpu.Meter cpu = new Cpu.Meter(running.jvm().pid());
            Cpu.Meter brokerCpu = new Cpu.Meter(brokerPid);
            while (true) {
                rss.sample();
                cpu.sample();
                brokerCpu.sample();
                try {
                    OutputVerifier.Outcome outcome = verifying.get(250, TimeUnit.MILLISECONDS);
                    double rate = outcome.expected() / outcome.drainSeconds();
                    return new Run(events, contender, repetition, outcome,
                            (outcome.firstNanos() - launched) / 1e9, (outcome.lastNanos() - launched) / 1e9,
                            rss.mib(), cpu.millisPerThousand(outcome.firstNanos(), outcome.lastNanos(), rate),
                            brokerCpu.millisPerThousand(outcome.firstNanos(), outcome.lastNanos(), rate),
                            running.watcher() == null ? 0 : running.watcher().snapshots());
                } catch (TimeoutException stillDraining) {
                    if (!running.jvm().isAlive()) {
                        stop.set(true);
                        throw new IllegalStateException(contender.label + " exited; see "
                                + running.jvm().logFile());
                    }
                }
            }
        } finally {
            stop.set(true);
        }
    }
}
