package dev.clickstream.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import dev.clickstream.testing.BrokerProcess;

/**
 * The Kafka → Kafka latency phase: premium raw events produced open loop straight to the raw topic, each contender
 * on a broker of its own, fresh for every run, the contenders' order rotating per repetition, each rate once a run
 * ({@code bench.latency.repetitions} runs). The service runs as packaged, the loop and Kafka Streams tuned.
 */
final class KafkaLatencyPhase {

    private static final Logger LOG = Logger.getLogger(KafkaLatencyPhase.class);
    static final List<Contender> CONTENDERS = List.of(Contender.SERVICE_DEFAULT, Contender.LOOP_TUNED,
            Contender.STREAMS_TUNED);
    private static final String RAW = "bench_raw";
    private static final String PROCESSED = "bench_processed";

    /** One contender's outcomes at every rate, from one run on its own broker. */
    record Measured(Contender contender, int repetition, List<LatencyProbe.Outcome> outcomes) {
    }

    private final BenchSettings settings;
    private final String brokerHeap;
    private final Path workDir;

    KafkaLatencyPhase(BenchSettings settings, String brokerHeap, Path workDir) {
        this.settings = settings;
        this.brokerHeap = brokerHeap;
        this.workDir = workDir;
    }

    List<Measured> run() throws Exception {
        List<Measured> measured = new ArrayList<>();
        for (int repetition = 1; repetition <= settings.latencyRepetitions(); repetition++) {
            for (int i = 0; i < CONTENDERS.size(); i++) {
                Contender contender = CONTENDERS.get((i + repetition - 1) % CONTENDERS.size());
                measured.add(new Measured(contender, repetition, measure(contender, repetition)));
            }
        }
        return measured;
    }

    private List<LatencyProbe.Outcome> measure(Contender contender, int repetition) throws Exception {
        String name = "kafka-latency-" + contender.name().toLowerCase().replace('_', '-') + "-" + repetition;
        try (BrokerProcess broker = BrokerProcess.in(workDir.resolve(name)).withHeap(brokerHeap).start()) {
            try (BenchTopics topics = new BenchTopics(broker.bootstrapServers())) {
                topics.create(RAW, PROCESSED);
            }
            Contender.Wiring wiring = new Contender.Wiring(broker.bootstrapServers(), RAW, PROCESSED,
                    "bench-" + name);
            try (Contender.Running running = contender.start(settings, "bench-" + name, wiring, workDir);
                    LatencyProbe probe = LatencyProbe.kafka(broker.bootstrapServers(), RAW, PROCESSED,
                            running.jvm().pid())) {
                LOG.infof("Kafka → Kafka latency of %s, run %d, on a fresh broker", contender.label, repetition);
                return probe.measure(settings, "Kafka → Kafka, " + contender.label, 1, repetition - 1);
            }
        }
    }
}
