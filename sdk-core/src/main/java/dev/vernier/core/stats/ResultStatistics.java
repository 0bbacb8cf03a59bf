package dev.vernier.core.stats;

import dev.vernier.core.result.Environment;
import dev.vernier.core.result.IterationSummary;
import dev.vernier.core.result.LatencySummary;
import dev.vernier.core.result.Outcomes;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.result.ThroughputInterval;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Turns a {@link ScenarioResult} into headline figures with confidence intervals, and compares two
 * results. Stateless and thread-safe; every method is a pure function of its arguments.
 *
 * <p>Figures, each with one sample per measured iteration:
 * <ul>
 *   <li>{@code throughput}, ops/s: per iteration, committed ops/s over that iteration's
 *       steady-state throughput intervals (duration-weighted); the iteration summary's figure when
 *       the iteration has no intervals. Value: the mean over iterations;</li>
 *   <li>{@code errorRate}, fraction: error share of outcomes per iteration (latency phase when it
 *       ran, else throughput phase). Value: the mean over iterations;</li>
 *   <li>{@code latency.mean} and {@code latency.pNN}, ms: from the latency phase's iterations (the
 *       throughput phase's when there is no latency phase). Value: the figure of the phase's merged
 *       histogram ({@code LatencyResult.overall()}) when the phase has one, so a p99 is the run's
 *       p99 and never a mean of p99s; the mean over iterations otherwise.</li>
 * </ul>
 *
 * <p>Intervals (at {@link StatisticsConfig#displayConfidence()}): with two or more iterations, from
 * the spread across iterations, on the ratio scale for positive figures ({@link Estimate#ratio}, never
 * below 0) and clipped to [0, 1] for the error rate. With one iteration, a within-run interval from
 * batch means of that iteration's measurement intervals ({@link BatchMeans}), labelled
 * {@link Estimate.Basis#WITHIN_RUN}, for the figures whose phase keeps an interval series (the
 * throughput phase: throughput, and error rate, mean, p50, p95 and p99 when they come from it).
 */
public final class ResultStatistics {

    private ResultStatistics() {
    }

    /**
     * @param result a scenario result
     * @param config statistics settings
     * @return the figures of the result
     * @throws IllegalArgumentException when the result has neither a throughput nor a latency phase
     */
    public static FigureSet of(ScenarioResult result, StatisticsConfig config) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(config, "config");
        if (result.throughput() == null && result.latency() == null) {
            throw new IllegalArgumentException("result must have a throughput or latency phase, but "
                    + result.suite() + "/" + result.scenarioName() + " has neither");
        }
        double conf = config.displayConfidence();
        Map<String, Figure> figures = new LinkedHashMap<>();

        // Steady state per throughput iteration.
        Map<Integer, List<ThroughputInterval>> steadyByIteration = new TreeMap<>();
        SteadyState steady = SteadyState.NONE;
        if (result.throughput() != null) {
            Map<Integer, List<ThroughputInterval>> byIteration = result.throughput().intervals().stream()
                    .collect(Collectors.groupingBy(ThroughputInterval::iteration, TreeMap::new, Collectors.toList()));
            int total = 0;
            int dropped = 0;
            int unsettled = 0;
            for (Map.Entry<Integer, List<ThroughputInterval>> e : byIteration.entrySet()) {
                List<ThroughputInterval> series = e.getValue();
                total += series.size();
                int start = SteadyState.steadyStart(
                        series.stream().mapToDouble(ThroughputInterval::achievedOpsPerSecond).toArray(),
                        config.steadyWindow(), config.steadyMaxCv());
                if (start < 0) {
                    unsettled++;
                    start = 0;
                }
                dropped += start;
                steadyByIteration.put(e.getKey(), series.subList(start, series.size()));
            }
            steady = new SteadyState(total, dropped, unsettled);

            List<IterationSummary> its = result.throughput().iterations();
            double[] tput = new double[its.size()];
            for (int i = 0; i < its.size(); i++) {
                IterationSummary it = its.get(i);
                List<ThroughputInterval> s = steadyByIteration.get(it.iteration());
                tput[i] = s == null || s.isEmpty() ? it.throughputOpsPerSecond() : weightedThroughput(s);
            }
            if (tput.length == 0 && !steadyByIteration.isEmpty()) {
                tput = steadyByIteration.values().stream().mapToDouble(ResultStatistics::weightedThroughput).toArray();
            }
            List<ThroughputInterval> single = singleIteration(steadyByIteration, tput.length);
            double[] batches = BatchMeans.batches(values(single, ThroughputInterval::achievedOpsPerSecond),
                    values(single, ThroughputInterval::durationSeconds));
            figures.put(Figure.THROUGHPUT, ratioFigure(Figure.THROUGHPUT, "ops/s", tput, Stats.mean(tput), batches, conf));
        }

        boolean fromLatencyPhase = result.latency() != null && !result.latency().iterations().isEmpty();
        List<IterationSummary> latencyIterations = fromLatencyPhase ? result.latency().iterations()
                : result.throughput() != null ? result.throughput().iterations() : List.of();
        // Within-run batches exist only for figures measured by the throughput phase.
        List<ThroughputInterval> single = fromLatencyPhase ? List.of()
                : singleIteration(steadyByIteration, latencyIterations.size());
        LatencySummary merged = fromLatencyPhase ? result.latency().overall() : null;

        double[] errors = latencyIterations.stream().mapToDouble(it -> it.outcomes().errorRate()).toArray();
        double[] errorBatches = BatchMeans.batches(values(single, i -> errorShare(i.outcomes())),
                values(single, i -> i.outcomes().total()));
        figures.put(Figure.ERROR_RATE, new Figure(Figure.ERROR_RATE, "fraction", Figure.directionOf(Figure.ERROR_RATE),
                errors, errors.length == 1 ? BatchMeans.share(errors[0], errorBatches, conf)
                        : Estimate.share(errors, conf), errors.length == 1 ? errorBatches : new double[0]));

        double[] means = samples(latencyIterations, l -> l.count() == 0 ? Double.NaN : l.meanMs());
        figures.put(Figure.LATENCY_MEAN, ratioFigure(Figure.LATENCY_MEAN, "ms", means,
                centre(means, merged == null || merged.count() == 0 ? Double.NaN : merged.meanMs()),
                latencyBatches(single, ThroughputInterval::meanMs), conf));
        TreeSet<Double> percentiles = new TreeSet<>();
        for (IterationSummary it : latencyIterations) {
            if (it.latency() != null) {
                it.latency().percentiles().forEach(p -> percentiles.add(p.percentile()));
            }
        }
        for (double p : percentiles) {
            String name = Figure.latency(p);
            double[] xs = samples(latencyIterations, l -> l.count() == 0 ? Double.NaN : l.percentile(p));
            ToDoubleFunction<ThroughputInterval> perInterval = p == 50 ? ThroughputInterval::p50Ms
                    : p == 95 ? ThroughputInterval::p95Ms : p == 99 ? ThroughputInterval::p99Ms : null;
            double[] batches = perInterval == null ? new double[0] : latencyBatches(single, perInterval);
            figures.put(name, ratioFigure(name, "ms", xs,
                    centre(xs, merged == null || merged.count() == 0 ? Double.NaN : merged.percentile(p)), batches,
                    conf));
        }
        return new FigureSet(result.suite(), result.scenarioName(), figures, steady, result.environment());
    }

    /**
     * Compares every figure the two results share. See {@link FigureChange} for the rule, and
     * {@link Comparison#environmentDifferences()} for what is said about where they were measured.
     *
     * @param baseline the reference result
     * @param candidate the result under judgement
     * @param config statistics settings (alpha and noise bands)
     * @return one change per shared figure
     */
    public static Comparison compare(ScenarioResult baseline, ScenarioResult candidate, StatisticsConfig config) {
        return compare(of(baseline, config), of(candidate, config), config);
    }

    /** As {@link #compare(ScenarioResult, ScenarioResult, StatisticsConfig)}, for figures already computed. */
    public static Comparison compare(FigureSet baseline, FigureSet candidate, StatisticsConfig config) {
        List<FigureChange> changes = new ArrayList<>();
        for (Figure b : baseline.figures().values()) {
            Figure c = candidate.figures().get(b.name());
            if (c != null) {
                changes.add(FigureChange.of(b, c, config));
            }
        }
        return new Comparison(label(baseline), label(candidate), config.alpha(), config.practicalThreshold(),
                config.errorRateThreshold(), changes, environmentDifferences(baseline.environment(),
                candidate.environment()));
    }

    /** @return what differs between where two results were measured, including that one does not say */
    static List<String> environmentDifferences(Environment baseline, Environment candidate) {
        if (baseline == null && candidate == null) {
            return List.of("neither result records its environment (written before schema version 2)");
        }
        if (baseline == null || candidate == null) {
            return List.of("the " + (baseline == null ? "baseline" : "candidate")
                    + " does not record its environment (written before schema version 2)");
        }
        return baseline.differencesFrom(candidate);
    }

    private static String label(FigureSet s) {
        return s.suite() + "/" + s.scenario();
    }

    private static Figure ratioFigure(String name, String unit, double[] samples, double centre, double[] batches,
                                      double conf) {
        Estimate e = samples.length == 1 ? BatchMeans.ratio(centre, batches, conf)
                : Estimate.ratio(centre, samples, conf);
        return new Figure(name, unit, Figure.directionOf(name), samples, e,
                samples.length == 1 ? batches : new double[0]);
    }

    /** The merged figure when there is one and no sample is NaN, else the samples' mean. */
    private static double centre(double[] samples, double merged) {
        double m = Stats.mean(samples);
        return Double.isNaN(m) || Double.isNaN(merged) ? m : merged;
    }

    /** The steady intervals of the only iteration, or none when there is not exactly one. */
    private static List<ThroughputInterval> singleIteration(Map<Integer, List<ThroughputInterval>> steady,
                                                            int iterations) {
        return iterations == 1 && steady.size() == 1 ? steady.values().iterator().next() : List.of();
    }

    /** Batches of a per-interval latency figure, weighted by each interval's commits. */
    private static double[] latencyBatches(List<ThroughputInterval> intervals, ToDoubleFunction<ThroughputInterval> f) {
        return BatchMeans.batches(values(intervals, f), values(intervals, i -> i.outcomes().committed()));
    }

    private static double errorShare(Outcomes o) {
        return o.total() == 0 ? Double.NaN : (double) o.errors() / o.total();
    }

    private static double[] values(List<ThroughputInterval> intervals, ToDoubleFunction<ThroughputInterval> f) {
        return intervals.stream().mapToDouble(f).toArray();
    }

    private static double[] samples(List<IterationSummary> its, ToDoubleFunction<LatencySummary> f) {
        return its.stream().mapToDouble(it -> it.latency() == null ? Double.NaN : f.applyAsDouble(it.latency()))
                .toArray();
    }

    private static double weightedThroughput(List<ThroughputInterval> s) {
        double ops = 0;
        double secs = 0;
        for (ThroughputInterval i : s) {
            ops += i.achievedOpsPerSecond() * i.durationSeconds();
            secs += i.durationSeconds();
        }
        return secs > 0 ? ops / secs : s.stream().mapToDouble(ThroughputInterval::achievedOpsPerSecond).average()
                .orElse(Double.NaN);
    }
}
