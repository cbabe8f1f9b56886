package dev.clickstream.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import dev.clickstream.model.ProcessedEvent;
import dev.clickstream.pipeline.PremiumEventProcessor;
import dev.clickstream.pipeline.StandaloneProcessor;
import dev.clickstream.testing.PolledBatch;
import io.smallrye.mutiny.Multi;
import io.smallrye.reactive.messaging.kafka.IncomingKafkaRecord;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;

/**
 * Phase 2, the pipeline in memory: first checks what {@link PremiumEventProcessor} makes of a batch, then measures
 * it with JMH ({@link ProcessorBenchmark}) in a forked JVM.
 */
final class InMemoryPhase {

    /** Quarkus rewrites the processor's {@code Log} calls at build time; the fork runs that rewritten class. */
    private static final String PROCESSOR_CLASS = PremiumEventProcessor.class.getName().replace('.', '/') + ".class";
    private static final Path TRANSFORMED = Path.of("target", "quarkus-app", "quarkus", "transformed-bytecode.jar");

    private final BenchSettings settings;
    private final Path workDir;

    InMemoryPhase(BenchSettings settings, Path workDir) {
        this.settings = settings;
        this.workDir = workDir;
    }

    /** Problems with the processor's output for one batch; empty when every event came out right. */
    static List<String> check() {
        InputEvents input = new InputEvents(7);
        List<ConsumerRecord<String, byte[]>> records = ProcessorBenchmark.records(input, ProcessorBenchmark.BATCH);
        List<PolledBatch> batches = ProcessorBenchmark.polls(records).stream()
                .map(poll -> PolledBatch.of(ProcessorBenchmark.decoded(poll))).toList();
        List<Message<ProcessedEvent>> out = StandaloneProcessor.create()
                .process(Multi.createFrom().iterable(batches).map(PolledBatch::batch))
                .collect().asList().await().indefinitely();
        List<String> problems = new ArrayList<>();
        long premium = InputEvents.premiumCount(records.size());
        if (out.size() != premium) {
            problems.add(out.size() + " processed events instead of " + premium);
        }
        // The processed records written, as the Kafka sink acks them: then each batch acks its last record of
        // each partition, and nothing else.
        out.forEach(Message::ack);
        for (PolledBatch batch : batches) {
            Set<PolledBatch.Position> lastOfPartitions = batch.batch().getLatestOffsetRecords().values().stream()
                    .map(last -> new PolledBatch.Position(last.getPartition(),
                            ((IncomingKafkaRecord<?, ?>) last).getOffset()))
                    .collect(Collectors.toSet());
            if (!Set.copyOf(batch.acked()).equals(lastOfPartitions) || batch.acked().size() != lastOfPartitions.size()
                    || !batch.deadLettered().isEmpty()) {
                problems.add("batch acked " + batch.acked() + " and dead-lettered " + batch.deadLettered().keySet()
                        + " instead of acking " + lastOfPartitions);
                break;
            }
        }
        for (Message<ProcessedEvent> processed : out) {
            long index = input.indexOf(processed.getPayload().eventId());
            String key = processed.getMetadata(OutgoingKafkaRecordMetadata.class).map(m -> (String) m.getKey())
                    .orElse(null);
            if (index < 0 || !input.expected(index, index).equals(processed.getPayload())
                    || !InputEvents.user(index).equals(key)) {
                problems.add("unexpected " + processed.getPayload() + " keyed " + key);
                break;
            }
        }
        return problems;
    }

    /** events/s of each benchmark method, one figure per measurement iteration. */
    Map<String, List<Double>> measure() throws Exception {
        Path classes = workDir.resolve("transformed-classes");
        try (JarFile jar = new JarFile(TRANSFORMED.toFile()); InputStream in = jar.getInputStream(entry(jar))) {
            Path target = classes.resolve(PROCESSOR_CLASS);
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(ProcessorBenchmark.class.getName() + "\\.")
                .forks(1)
                .jvmArgs(Contender.jvmOptions(settings.jvmOptions()).toArray(String[]::new))
                .warmupIterations(settings.full() ? 3 : 1)
                .warmupTime(TimeValue.seconds(settings.full() ? 2 : 1))
                .measurementIterations(settings.full() ? 5 : 1)
                .measurementTime(TimeValue.seconds(settings.full() ? 2 : 1))
                .shouldFailOnError(true)
                .output(workDir.resolve("jmh.log").toString());
        // JMH forks with this JVM's class path: put the rewritten processor class first for the fork.
        String classPath = System.getProperty("java.class.path");
        System.setProperty("java.class.path", classes.toAbsolutePath() + File.pathSeparator + classPath);
        Map<String, List<Double>> scores = new LinkedHashMap<>();
        try {
            for (RunResult result : new Runner(options.build()).run()) {
                String method = result.getParams().getBenchmark()
                        .substring(result.getParams().getBenchmark().lastIndexOf('.') + 1);
                List<Double> iterations = new ArrayList<>();
                for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
                    benchmark.getIterationResults().forEach(i -> iterations.add(i.getPrimaryResult().getScore()));
                }
                scores.put(method, iterations);
            }
        } finally {
            System.setProperty("java.class.path", classPath);
        }
        return scores;
    }

    private static ZipEntry entry(JarFile jar) throws IOException {
        ZipEntry entry = jar.getEntry(PROCESSOR_CLASS);
        if (entry == null) {
            throw new IOException(PROCESSOR_CLASS + " not in " + TRANSFORMED);
        }
        return entry;
    }
}
