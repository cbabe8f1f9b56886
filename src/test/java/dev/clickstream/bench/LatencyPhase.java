package dev.clickstream.bench;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import dev.clickstream.kafka.Channels;
import dev.clickstream.testing.ServiceProcess;

/**
 * Phases 3 and 4 on one service process: its time to ready, its RSS at idle, then the open-loop latency of
 * {@code POST /events} → {@code processed_events} at each rate, the order of the rates rotating per repetition.
 */
final class LatencyPhase {

    private static final Logger LOG = Logger.getLogger(LatencyPhase.class);
    private static final String RAW = "bench_latency_raw";
    private static final String PROCESSED = "bench_latency_processed";

    /** What the phase measured. */
    record Result(double readySeconds, double idleRssMib, List<LatencyProbe.Outcome> outcomes) {
    }

    private final BenchSettings settings;
    private final String bootstrapServers;

    LatencyPhase(BenchSettings settings, String bootstrapServers) {
        this.settings = settings;
        this.bootstrapServers = bootstrapServers;
    }

    Result run() throws Exception {
        try (BenchTopics topics = new BenchTopics(bootstrapServers)) {
            topics.create(RAW, PROCESSED);
        }
        // The service as configured (application.properties): no linger on either producer, unlike the drain.
        Map<String, String> config = DrainPhase.serviceBaseConfig(settings, bootstrapServers, PROCESSED, Map.of());
        config.put("mp.messaging.outgoing." + Channels.RAW_EVENTS_OUT + ".topic", RAW);
        config.put("mp.messaging.incoming." + Channels.RAW_EVENTS + ".topic", RAW);
        config.put("mp.messaging.incoming." + Channels.RAW_EVENTS + ".group.id", "bench-latency-" + System.nanoTime());
        ServiceProcess service = ServiceProcess.named("bench-latency");
        DrainPhase.jvmOptions(settings.jvmOptions()).forEach(service::withJvmOption);
        DrainPhase.jvmOptions(settings.serviceJvmOptions()).forEach(service::withJvmOption);
        config.forEach(service::withProperty);
        long launched = System.nanoTime();
        try (service) {
            service.start();
            double ready = (System.nanoTime() - launched) / 1e9;
            // Idle means: ready, consumers assigned, no request yet; the figure is taken after a short settle.
            TimeUnit.SECONDS.sleep(5);
            double idleRss = Rss.mib(service.pid());
            LOG.infof("Service ready %.2f s after launch; idle RSS %.0f MiB", ready, idleRss);
            return measure(service, ready, idleRss);
        }
    }

    private Result measure(ServiceProcess service, double ready, double idleRss) throws Exception {
        try (LatencyProbe probe = new LatencyProbe(URI.create(service.url("/")), bootstrapServers, PROCESSED,
                service.pid())) {
            // Priming, not measured: producers initialised, partitions assigned, first events through end to end.
            LatencyProbe.Outcome priming = probe.run(50, 0, 2);
            if (!priming.valid()) {
                throw new IllegalStateException("priming the service failed: " + priming.summary() + "; see "
                        + service.logFile());
            }
            List<Integer> rates = settings.latencyRates();
            // Ramp, not measured: a cold broker and service sent the highest rate at once fall behind in the first
            // seconds and, the load being open loop, never catch up; every rate in turn, lowest first, warms them.
            if (settings.latencyRampSeconds() > 0) {
                for (int rate : rates.stream().sorted().toList()) {
                    LatencyProbe.Outcome ramp = probe.run(rate, 0, settings.latencyRampSeconds());
                    LOG.infof("Ramp at %,d/s: p50 %.2f ms, p99 %.2f ms; %s", rate,
                            ramp.endToEnd().getValueAtPercentile(50) / 1000.0,
                            ramp.endToEnd().getValueAtPercentile(99) / 1000.0, ramp.summary());
                }
            }
            List<LatencyProbe.Outcome> outcomes = new ArrayList<>();
            for (int repetition = 1; repetition <= settings.repetitions(); repetition++) {
                for (int i = 0; i < rates.size(); i++) {
                    int rate = rates.get((i + repetition - 1) % rates.size());
                    LatencyProbe.Outcome outcome = probe.run(rate, settings.latencyWarmupSeconds(),
                            settings.latencySeconds());
                    LOG.infof("Latency at %,d/s #%d: p50 %.2f ms, p99 %.2f ms, p99.9 %.2f ms; %s", rate, repetition,
                            outcome.endToEnd().getValueAtPercentile(50) / 1000.0,
                            outcome.endToEnd().getValueAtPercentile(99) / 1000.0,
                            outcome.endToEnd().getValueAtPercentile(99.9) / 1000.0, outcome.summary());
                    outcomes.add(outcome);
                }
            }
            return new Result(ready, idleRss, outcomes);
        }
    }
}
