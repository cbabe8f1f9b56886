package dev.clickstream.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import org.HdrHistogram.Histogram;

/** Turns the phases' results into the report's tables, each figure as median (min – max) over the repetitions. */
final class ResultTables {

    private ResultTables() {
    }

    static void contenders(Report report, BenchSettings settings) {
        List<List<String>> rows = new ArrayList<>();
        for (Contender contender : Contender.values()) {
            rows.add(List.of(contender.label, contender.setup(settings)));
        }
        report.table("Contenders and how each was started", List.of("contender", "JVM options, settings"), rows);
    }

    static void drain(Report report, List<DrainPhase.Run> runs, BenchSettings settings) {
        for (int events : settings.drains()) {
            List<DrainPhase.Run> drain = runs.stream().filter(run -> run.events() == events).toList();
            List<List<String>> rows = new ArrayList<>();
            for (Contender contender : settings.drainContenders()) {
                List<DrainPhase.Run> mine = valid(drain, contender);
                rows.add(List.of(contender.label,
                        spread(mine, DrainPhase.Run::eventsPerSecond).format(0),
                        spread(mine, DrainPhase.Run::secondHalfPerSecond).format(0),
                        spread(mine, DrainPhase.Run::cpuMillisPerThousand).format(0),
                        spread(mine, DrainPhase.Run::brokerCpuMillisPerThousand).format(0),
                        spread(mine, DrainPhase.Run::launchToFirstSeconds).format(1),
                        spread(mine, DrainPhase.Run::launchToLastSeconds).format(1),
                        spread(mine, DrainPhase.Run::peakRssMib).format(0),
                        mine.size() + "/" + drain.stream().filter(r -> r.contender() == contender).count()));
            }
            report.table(String.format(Locale.ROOT, "Drain of %,d raw events (%,d premium), Kafka → Kafka", events,
                    InputEvents.premiumCount(events)),
                    List.of("contender", "events/s", "events/s, second half", "CPU ms / 1,000 events",
                            "broker CPU ms / 1,000 events",
                            "launch → first record (s)", "launch → last record (s)", "peak RSS (MiB)", "valid runs"),
                    rows);
            ratios(report, drain, events);
        }
    }

    /** The comparisons that count, per repetition in which both runs were valid. */
    private static void ratios(Report report, List<DrainPhase.Run> drain, int events) {
        List<List<String>> rows = new ArrayList<>();
        ratio(rows, drain, Contender.SERVICE_DEFAULT, Contender.LOOP_DEFAULT, "default ÷ default", 0);
        ratio(rows, drain, Contender.SERVICE_DEFAULT, Contender.STREAMS_DEFAULT, "default ÷ default", 0);
        ratio(rows, drain, Contender.SERVICE_TUNED, Contender.LOOP_TUNED, "tuned ÷ tuned", 0);
        ratio(rows, drain, Contender.SERVICE_TUNED, Contender.STREAMS_TUNED, "tuned ÷ tuned", 0);
        ratio(rows, drain, Contender.SERVICE_DEFAULT, Contender.LOOP_TUNED, "what users get ÷ the best loop", 0.9);
        ratio(rows, drain, Contender.SERVICE_DEFAULT, Contender.STREAMS_TUNED, "what users get ÷ the best Streams",
                1.0);
        Spread warmer = ratios(drain, Contender.SERVICE_DEFAULT, Contender.LOOP_TUNED,
                DrainPhase.Run::secondHalfPerSecond);
        if (warmer.count() > 0) {
            rows.add(List.of("events/s in the drain's second half, " + Contender.SERVICE_DEFAULT.label + " ÷ "
                    + Contender.LOOP_TUNED.label, "the same, start-up and the first compilations behind both",
                    warmer.format(2), "—", "—"));
        }
        ratio(rows, drain, Contender.SERVICE_WATCHED, Contender.SERVICE_DEFAULT, "console stream open ÷ closed ("
                + spread(valid(drain, Contender.SERVICE_WATCHED), DrainPhase.Run::snapshots).format(0)
                + " snapshots read during a drain)", 0);
        Spread cpu = ratios(drain, Contender.SERVICE_DEFAULT, Contender.LOOP_TUNED, DrainPhase.Run::cpuMillisPerThousand);
        rows.add(List.of("CPU per event, " + Contender.SERVICE_DEFAULT.label + " ÷ " + Contender.LOOP_TUNED.label,
                "what users get ÷ the best loop", cpu.format(2), "≤ 1.0", verdict(cpu.median() <= 1.0, cpu)));
        report.table(String.format(Locale.ROOT, "Drain of %,d: ratios (per repetition)", events),
                List.of("ratio", "compares", "value", "target", "verdict"), rows);
    }

    private static void ratio(List<List<String>> rows, List<DrainPhase.Run> drain, Contender contender,
            Contender other, String compares, double target) {
        Spread ratio = ratios(drain, contender, other, DrainPhase.Run::eventsPerSecond);
        if (ratio.count() > 0) {
            rows.add(List.of("events/s, " + contender.label + " ÷ " + other.label, compares, ratio.format(2),
                    target > 0 ? String.format(Locale.ROOT, "≥ %.1f", target) : "—",
                    target > 0 ? verdict(ratio.median() >= target, ratio) : "—"));
        }
    }

    static void inMemory(Report report, Map<String, List<Double>> scores) {
        List<List<String>> rows = new ArrayList<>();
        scores.forEach((method, values) -> {
            Spread spread = Spread.of(values);
            rows.add(List.of(method, spread.format(0), "processor".equals(method) ? "≥ 1,000,000" : "—",
                    "processor".equals(method) ? verdict(spread.median() >= 1_000_000, spread) : "—"));
        });
        report.table("Pipeline in memory (JMH, events/s, one figure per measurement iteration)",
                List.of("benchmark", "events/s", "target", "verdict"), rows);
    }

    /** Kafka → Kafka latency of each contender side by side, and the service's p99 over the loop's, per run. */
    static void kafkaLatency(Report report, List<KafkaLatencyPhase.Measured> measured, List<Integer> rates) {
        List<String> header = new ArrayList<>(List.of("events/s"));
        KafkaLatencyPhase.CONTENDERS.forEach(c -> header.add(c.label + ": p50 / p99 / p99.9"));
        header.addAll(List.of("service p99 ÷ loop p99", "target", "verdict", "runs without failures"));
        List<List<String>> rows = new ArrayList<>();
        for (int rate : rates) {
            List<String> row = new ArrayList<>(List.of(String.format(Locale.ROOT, "%,d", rate)));
            for (Contender contender : KafkaLatencyPhase.CONTENDERS) {
                List<LatencyProbe.Outcome> mine = outcomes(measured, contender, rate);
                row.add(millis(mine, h -> h.getValueAtPercentile(50)).format(1) + " / "
                        + millis(mine, h -> h.getValueAtPercentile(99)).format(1) + " / "
                        + millis(mine, h -> h.getValueAtPercentile(99.9)).format(1));
            }
            List<Double> ratios = new ArrayList<>();
            for (KafkaLatencyPhase.Measured service : measured) {
                if (service.contender() != Contender.SERVICE_DEFAULT) {
                    continue;
                }
                LatencyProbe.Outcome serviceOutcome = at(service.outcomes(), rate);
                measured.stream().filter(m -> m.contender() == Contender.LOOP_TUNED
                        && m.repetition() == service.repetition()).findFirst().map(m -> at(m.outcomes(), rate))
                        .ifPresent(loop -> ratios.add(serviceOutcome.endToEnd().getValueAtPercentile(99)
                                / (double) loop.endToEnd().getValueAtPercentile(99)));
            }
            Spread ratio = Spread.of(ratios);
            List<LatencyProbe.Outcome> all = measured.stream().flatMap(m -> m.outcomes().stream())
                    .filter(o -> o.rate() == rate).toList();
            row.addAll(List.of(ratio.format(2), "≤ 1.2", verdict(ratio.median() <= 1.2, ratio),
                    all.stream().filter(LatencyProbe.Outcome::valid).count() + "/" + all.size()));
            rows.add(row);
        }
        report.table("Latency Kafka → Kafka: raw record produced (its timestamp) → processed record read, open loop, "
                + "each contender on a fresh broker (ms)", header, rows);
    }

    static void latency(Report report, LatencyPhase.Result result, List<KafkaLatencyPhase.Measured> kafka,
            List<Integer> rates) {
        List<List<String>> rows = new ArrayList<>();
        for (int rate : rates) {
            List<LatencyProbe.Outcome> mine = result.outcomes().stream().filter(o -> o.rate() == rate).toList();
            List<LatencyProbe.Outcome> valid = mine.stream().filter(LatencyProbe.Outcome::valid).toList();
            long failed = mine.stream().mapToLong(LatencyProbe.Outcome::failed).sum();
            long requests = mine.stream().mapToLong(LatencyProbe.Outcome::measured).sum();
            rows.add(List.of(String.format(Locale.ROOT, "%,d", rate),
                    millis(mine, h -> h.getValueAtPercentile(50)).format(1),
                    millis(mine, h -> h.getValueAtPercentile(99)).format(1),
                    millis(mine, h -> h.getValueAtPercentile(99.9)).format(1),
                    millis(mine, Histogram::getMaxValue).format(1),
                    millis(outcomes(kafka, Contender.SERVICE_DEFAULT, rate), h -> h.getValueAtPercentile(99))
                            .format(1),
                    Spread.of(mine.stream().map(o -> o.response().getValueAtPercentile(99) / 1000.0).toList())
                            .format(1),
                    String.format(Locale.ROOT, "%,d of %,d", failed, requests),
                    Spread.of(mine.stream().map(LatencyProbe.Outcome::peakRssMib).toList()).format(0),
                    valid.size() + "/" + mine.size()));
        }
        report.table("Latency POST /events → processed record, open loop, from each event's intended send time, the "
                + "service as packaged (ms)",
                List.of("events/s", "p50", "p99", "p99.9", "max", "Kafka → Kafka p99, same service",
                        "POST answered p99", "requests failed", "peak RSS (MiB)", "runs without failures"),
                rows);
        report.paragraph("Percentiles are over the requests that were answered 202; requests that failed (timeouts "
                + "under overload) are counted apart. Every accepted event was checked to come out processed.");
        stages(report, result, rates);
    }

    /** The latency split at the two timestamps Kafka keeps for each event, p50 / p99 of each stage. */
    private static void stages(Report report, LatencyPhase.Result result, List<Integer> rates) {
        List<List<String>> rows = new ArrayList<>();
        for (int rate : rates) {
            List<LatencyProbe.Stages> mine = result.outcomes().stream().filter(o -> o.rate() == rate)
                    .map(LatencyProbe.Outcome::stages).toList();
            List<String> row = new ArrayList<>(List.of(String.format(Locale.ROOT, "%,d", rate)));
            for (Function<LatencyProbe.Stages, Histogram> stage : List.<Function<LatencyProbe.Stages, Histogram>>of(
                    LatencyProbe.Stages::toRawSend, LatencyProbe.Stages::toProcessedSend, LatencyProbe.Stages::toRead)) {
                row.add(percentile(mine, stage, 50).format(1) + " / " + percentile(mine, stage, 99).format(1));
            }
            rows.add(row);
        }
        report.table("Where the HTTP latency went: p50 / p99 of each stage (ms, from Kafka's millisecond timestamps)",
                List.of("events/s", "due → raw record handed to the producer", "→ processed record handed to the "
                        + "producer", "→ read by the probe"),
                rows);
    }

    static void startAndMemory(Report report, List<DrainPhase.Run> runs, LatencyPhase.Result latency) {
        List<List<String>> rows = new ArrayList<>();
        for (Contender service : List.of(Contender.SERVICE_DEFAULT, Contender.SERVICE_TUNED)) {
            List<DrainPhase.Run> mine = valid(runs, service);
            rows.add(List.of("launch → first processed event, backlog waiting (s): " + service.label,
                    spread(mine, DrainPhase.Run::launchToFirstSeconds).format(2)));
            rows.add(List.of("RSS peak while draining (MiB): " + service.label,
                    spread(mine, DrainPhase.Run::peakRssMib).format(0)));
        }
        Spread latencyRss = Spread.of(latency.outcomes().stream().map(LatencyProbe.Outcome::peakRssMib).toList());
        rows.add(List.of("launch → /q/health/ready (s): " + Contender.SERVICE_DEFAULT.label,
                figure(latency.readySeconds(), "%.2f")));
        rows.add(List.of("RSS idle, 5 s after ready (MiB): " + Contender.SERVICE_DEFAULT.label,
                figure(latency.idleRssMib(), "%.0f")));
        rows.add(List.of("RSS peak under HTTP latency load (MiB): " + Contender.SERVICE_DEFAULT.label,
                latencyRss.format(0)));
        report.table("Start-up and memory of the service", List.of("measure", "value"), rows);
    }

    private static List<LatencyProbe.Outcome> outcomes(List<KafkaLatencyPhase.Measured> measured,
            Contender contender, int rate) {
        return measured.stream().filter(m -> m.contender() == contender).flatMap(m -> m.outcomes().stream())
                .filter(o -> o.rate() == rate).toList();
    }

    private static LatencyProbe.Outcome at(List<LatencyProbe.Outcome> outcomes, int rate) {
        return outcomes.stream().filter(o -> o.rate() == rate).findFirst().orElseThrow();
    }

    private static List<DrainPhase.Run> valid(List<DrainPhase.Run> runs, Contender contender) {
        return runs.stream().filter(r -> r.contender() == contender && r.outcome().valid()).toList();
    }

    private static Spread spread(List<DrainPhase.Run> runs, ToDoubleFunction<DrainPhase.Run> figure) {
        return Spread.of(runs.stream().map(r -> figure.applyAsDouble(r)).toList());
    }

    private static Spread percentile(List<LatencyProbe.Stages> stages, Function<LatencyProbe.Stages, Histogram> stage,
            double percentile) {
        return Spread.of(stages.stream().map(s -> stage.apply(s).getValueAtPercentile(percentile) / 1000.0).toList());
    }

    private static Spread millis(List<LatencyProbe.Outcome> outcomes, ToDoubleFunction<Histogram> micros) {
        return Spread.of(outcomes.stream().map(o -> micros.applyAsDouble(o.endToEnd()) / 1000.0).toList());
    }

    /** One contender's figure over another's, per repetition in which both runs were valid. */
    private static Spread ratios(List<DrainPhase.Run> runs, Contender contender, Contender other,
            ToDoubleFunction<DrainPhase.Run> figure) {
        List<Double> ratios = new ArrayList<>();
        for (DrainPhase.Run run : valid(runs, contender)) {
            valid(runs, other).stream().filter(r -> r.repetition() == run.repetition()).findFirst()
                    .ifPresent(r -> ratios.add(figure.applyAsDouble(run) / figure.applyAsDouble(r)));
        }
        return Spread.of(ratios);
    }

    private static String figure(double value, String format) {
        return Double.isNaN(value) || value < 0 ? "—" : String.format(Locale.ROOT, format, value);
    }

    private static String verdict(boolean met, Spread spread) {
        return spread.count() == 0 ? "—" : met ? "met" : "missed";
    }
}
