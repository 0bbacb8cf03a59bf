package dev.vernier.core.stats;

import dev.vernier.core.result.IterationSummary;
import dev.vernier.core.result.LatencySummary;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.result.ThroughputInterval;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Turns a {@link ScenarioResult} into headline figures with confidence intervals, and compares two
 * results. Stateless and thread-safe; every method is a pure function of its arguments (the
 * bootstrap is seeded from {@link StatisticsConfig#seed()}).
 *
 * <p>Figures (each a mean across the scenario's measured iterations with a Student-t interval):
 * <ul>
 *   <li>{@code throughput}, ops/s: per iteration, committed ops/s over that iteration's
 *       steady-state throughput intervals (duration-weighted); the iteration summary's figure when
 *       the iteration has no intervals;</li>
 *   <li>{@code errorRate}, fraction: error share of outcomes per iteration (latency phase when it
 *       ran, else throughput phase);</li>
 *   <li>{@code latency.mean} and {@code latency.pNN}, ms: from the latency phase's iterations (the
 *       throughput phase's when there is no latency phase). {@code latency.p50/p95/p99} also carry
 *       a seeded percentile-bootstrap interval over the steady-state throughput intervals.</li>
 * </ul>
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
        double conf = config.confidence();
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
            figures.put(Figure.THROUGHPUT, figure(Figure.THROUGHPUT, "ops/s", tput, conf, null));
        }

        List<IterationSummary> latencyIterations = result.latency() != null && !result.latency().iterations().isEmpty()
                ? result.latency().iterations()
                : result.throughput() != null ? result.throughput().iterations() : List.of();
        double[] errors = latencyIterations.stream().mapToDouble(it -> it.outcomes().errorRate()).toArray();
        figures.put(Figure.ERROR_RATE, figure(Figure.ERROR_RATE, "fraction", errors, conf, null));

        figures.put("latency.mean", figure("latency.mean", "ms",
                samples(latencyIterations, l -> l.count() == 0 ? Double.NaN : l.meanMs()), conf, null));
        TreeSet<Double> percentiles = new TreeSet<>(Comparator.naturalOrder());
        for (IterationSummary it : latencyIterations) {
            if (it.latency() != null) {
                it.latency().percentiles().forEach(p -> percentiles.add(p.percentile()));
            }
        }
        List<ThroughputInterval> steadyIntervals = new ArrayList<>();
        steadyByIteration.values().forEach(steadyIntervals::addAll);
        SplittableRandom random = new SplittableRandom(config.seed());
        for (double p : percentiles) {
            String name = Figure.latency(p);
            double[] xs = samples(latencyIterations, l -> l.count() == 0 ? Double.NaN : l.percentile(p));
            ToDoubleFunction<ThroughputInterval> perInterval = p == 50 ? ThroughputInterval::p50Ms
                    : p == 95 ? ThroughputInterval::p95Ms : p == 99 ? ThroughputInterval::p99Ms : null;
            Estimate boot = null;
            if (perInterval != null && !steadyIntervals.isEmpty()) {
                boot = bootstrapMean(steadyIntervals.stream().mapToDouble(perInterval).toArray(), conf,
                        config.bootstrapResamples(), random.split());
            }
            figures.put(name, figure(name, "ms", xs, conf, boot));
        }
        return new FigureSet(result.suite(), result.scenarioName(), figures, steady);
    }

    /**
     * Compares every figure the two results share. See {@link Comparison} for the rule.
     *
     * @param baseline the reference result
     * @param candidate the result under judgement
     * @param config statistics settings (confidence gives alpha; practical threshold)
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
        return new Comparison(label(baseline), label(candidate), config.confidence(), config.practicalThreshold(),
                changes);
    }

    private static String label(FigureSet s) {
        return s.suite() + "/" + s.scenario();
    }

    private static Figure figure(String name, String unit, double[] samples, double conf, Estimate boot) {
        return new Figure(name, unit, Figure.directionOf(name), samples, Estimate.studentT(samples, conf), boot);
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

    /**
     * Percentile bootstrap of the mean.
     *
     * @param xs samples
     * @param confidence two-sided confidence level
     * @param resamples number of resamples
     * @param random the seeded source of randomness (used by this call only)
     * @return the sample mean with the bootstrap interval; NaN mean when any sample is NaN
     */
    static Estimate bootstrapMean(double[] xs, double confidence, int resamples, SplittableRandom random) {
        int n = xs.length;
        double mean = Estimate.mean(xs);
        if (n < 2 || Double.isNaN(mean)) {
            return new Estimate(mean, Double.NaN, Double.NaN, confidence, n);
        }
        double[] means = new double[resamples];
        for (int r = 0; r < resamples; r++) {
            double s = 0;
            for (int i = 0; i < n; i++) {
                s += xs[random.nextInt(n)];
            }
            means[r] = s / n;
        }
        java.util.Arrays.sort(means);
        double tail = (1 - confidence) / 2;
        int lo = (int) Math.floor(tail * (resamples - 1));
        int hi = (int) Math.ceil((1 - tail) * (resamples - 1));
        return new Estimate(mean, means[lo], means[hi], confidence, n);
    }
}
