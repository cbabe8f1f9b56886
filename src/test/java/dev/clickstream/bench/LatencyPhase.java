package dev.clickstream.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * The HTTP latency phase on one service process, started as packaged: its time to ready, its RSS at idle, then the
 * open-loop latency of {@code POST /events} → {@code processed_events} at each rate.
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
    private final Path workDir;

    LatencyPhase(BenchSettings settings, String bootstrapServers, Path workDir) {
        this.settings = settings;
        this.bootstrapServers = bootstrapServers;
        this.workDir = workDir;
    }

    Result run() throws Exception {
        try (BenchTopics topics = new BenchTopics(bootstrapServers)) {
            topics.create(RAW, PROCESSED);
        }
        long launched = System.nanoTime();
        Contender.Wiring wiring = new Contender.Wiring(bootstrapServers, RAW, PROCESSED,
                "bench-latency-" + System.nanoTime());
        try (Contender.Running service = Contender.SERVICE_DEFAULT.start(settings, "bench-http-latency", wiring,
                workDir)) {
            double ready = (System.nanoTime() - launched) / 1e9;
            // Idle means: ready, consumers assigned, no request yet; the figure is taken after a short settle.
            TimeUnit.SECONDS.sleep(5);
            double idleRss = Rss.mib(service.jvm().pid());
            LOG.infof("Service ready %.2f s after launch; idle RSS %.0f MiB", ready, idleRss);
            try (LatencyProbe probe = LatencyProbe.http(service.service(), bootstrapServers, PROCESSED,
                    service.jvm().pid())) {
                return new Result(ready, idleRss, probe.measure(settings, "HTTP → Kafka, service",
                        settings.latencyRepetitions(), 0));
            }
        }
    }
}
