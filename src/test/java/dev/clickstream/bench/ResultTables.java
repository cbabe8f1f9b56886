package dev.clickstream.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

import org.HdrHistogram.Histogram;

/** Turns the phases' results into the report's tables, each figure as median (min – max) over the repetitions. */
final class ResultTables {

    private ResultTables() {
    }

    static void drain(Report report, List<DrainPhase.Run> runs) {
        List<List<String>> rows = new ArrayList<>();
        for (DrainPhase.Contender contender : DrainPhase.Contender.values()) {
            List<DrainPhase.Run> mine = valid(runs, contender);
            rows.add(List.of(contender.label,
                    spread(mine, DrainPhase.Run::eventsPerSecond).format(0),
                    spread(mine, DrainPhase.Run::launchToLastSeconds).format(1),
                    spread(mine, DrainPhase.Run::peakRssMib).format(0),
                    spread(mine, DrainPhase.Run::cpuMillisPerThousand).format(0),
                    spread(mine, DrainPhase.Run::brokerCpuMillisPerThousand).format(0),
                    mine.size() + "/" + runs.stream().filter(r -> r.contender() == contender).count()));
        }
        report.table("Drain Kafka → Kafka (premium events/s on the output topic)",
                List.of("contender", "events/s", "launch → last record (s)", "peak RSS (MiB)",
                        "CPU ms / 1,000 events", "broker CPU ms / 1,000 events", "valid runs"), rows);
        Spread versusLoop = ratios(runs, DrainPhase.Contender.PLAIN_LOOP);
        Spread versusStreams = ratios(runs, DrainPhase.Contender.STREAMS);
        report.table("Drain ratios (per repetition)", List.of("ratio", "value", "target", "verdict"), List.of(
                List.of("(a) ÷ (b)", versusLoop.format(2), "≥ 0.9", verdict(versusLoop.median() >= 0.9, versusLoop)),
                List.of("(a) ÷ (c)", versusStreams.format(2), "≥ 1.0",
                        verdict(versusStreams.median() >= 1.0, versusStreams))));
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

    static void latency(Report report, LatencyPhase.Result result, List<Integer> rates) {
        List<List<String>> rows = new ArrayList<>();
        for (int rate : rates) {
            List<LatencyProbe.Outcome> mine = result.outcomes().stream().filter(o -> o.rate() == rate).toList();
            List<LatencyProbe.Outcome> valid = mine.stream().filter(LatencyProbe.Outcome::valid).toList();
            Spread p99 = millis(mine, h -> h.getValueAtPercentile(99));
            long failed = mine.stream().mapToLong(LatencyProbe.Outcome::failed).sum();
            long requests = mine.stream().mapToLong(LatencyProbe.Outcome::measured).sum();
            rows.add(List.of(String.format(Locale.ROOT, "%,d", rate),
                    millis(mine, h -> h.getValueAtPercentile(50)).format(1),
                    p99.format(1),
                    millis(mine, h -> h.getValueAtPercentile(99.9)).format(1),
                    millis(mine, Histogram::getMaxValue).format(1),
                    Spread.of(mine.stream().map(o -> o.response().getValueAtPercentile(99) / 1000.0).toList())
                            .format(1),
                    String.format(Locale.ROOT, "%,d of %,d", failed, requests),
                    Spread.of(mine.stream().map(LatencyProbe.Outcome::peakRssMib).toList()).format(0),
                    valid.size() + "/" + mine.size(),
                    rate != 1000 ? "—"
                            : valid.size() < mine.size() ? "missed (requests failed)"
                                    : verdict(p99.median() <= 20, p99)));
        }
        report.table("Latency POST /events → processed record, open loop, from each event's intended send time (ms)",
                List.of("events/s", "p50", "p99", "p99.9", "max", "POST answered p99", "requests failed",
                        "peak RSS (MiB)", "runs without failures", "target p99 ≤ 20 ms at 1,000/s"),
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
        report.table("Where the latency went: p50 / p99 of each stage (ms, from Kafka's millisecond timestamps)",
                List.of("events/s", "due → raw record handed to the producer", "→ processed record handed to the "
                        + "producer", "→ read by the probe"),
                rows);
    }

    static void startAndMemory(Report report, List<DrainPhase.Run> runs, LatencyPhase.Result latency) {
        List<DrainPhase.Run> service = valid(runs, DrainPhase.Contender.SERVICE);
        Spread firstEvent = spread(service, DrainPhase.Run::launchToFirstSeconds);
        Spread drainRss = spread(service, DrainPhase.Run::peakRssMib);
        Spread latencyRss = Spread.of(latency.outcomes().stream().map(LatencyProbe.Outcome::peakRssMib).toList());
        double loaded = Stream.of(drainRss.max(), latencyRss.max()).filter(v -> !Double.isNaN(v))
                .max(Double::compare).orElse(Double.NaN);
        report.table("Start-up and memory of the service", List.of("measure", "value", "target", "verdict"), List.of(
                List.of("launch → first processed event, backlog waiting (s)", firstEvent.format(2), "≤ 3 s",
                        verdict(firstEvent.median() <= 3, firstEvent)),
                List.of("launch → /q/health/ready (s)", figure(latency.readySeconds(), "%.2f"),
                        "—", "—"),
                List.of("RSS idle, 5 s after ready (MiB)", figure(latency.idleRssMib(), "%.0f"),
                        "—", "—"),
                List.of("RSS peak while draining (MiB)", drainRss.format(0), "≤ 200", "—"),
                List.of("RSS peak under latency load (MiB)", latencyRss.format(0), "≤ 200", "—"),
                List.of("RSS peak under any load (MiB)", figure(loaded, "%.0f"), "≤ 200",
                        loaded > 0 ? (loaded <= 200 ? "met" : "missed") : "—")));
    }

    private static List<DrainPhase.Run> valid(List<DrainPhase.Run> runs, DrainPhase.Contender contender) {
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

    /** The service's rate over the other contender's, per repetition in which both runs were valid. */
    private static Spread ratios(List<DrainPhase.Run> runs, DrainPhase.Contender other) {
        List<Double> ratios = new ArrayList<>();
        for (DrainPhase.Run service : valid(runs, DrainPhase.Contender.SERVICE)) {
            valid(runs, other).stream().filter(r -> r.repetition() == service.repetition()).findFirst()
                    .ifPresent(r -> ratios.add(service.eventsPerSecond() / r.eventsPerSecond()));
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
