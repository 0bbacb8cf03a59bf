package dev.vernier.testkit;

import dev.vernier.api.LoadModel;
import dev.vernier.api.Scenario;
import dev.vernier.core.result.Percentile;
import java.time.Duration;
import dev.vernier.core.result.GeneratorHealth;
import dev.vernier.core.result.IterationSummary;
import dev.vernier.core.result.LatencyResult;
import dev.vernier.core.result.LatencySummary;
import dev.vernier.core.result.Outcomes;
import dev.vernier.core.result.Outliers;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.result.ThroughputInterval;
import dev.vernier.core.result.ThroughputResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Seeded synthetic results: no load, just plausible numbers with Gaussian per-iteration noise. */
public final class SyntheticResults {

    private static final LoadModel CLOSED_8 = LoadModel.closed(8);

    private SyntheticResults() {
    }

    /**
     * @param speed 1.0 for the reference system; 0.9 is 10% slower (throughput x0.9, latency /0.9)
     * @param cv per-iteration coefficient of variation of every figure
     */
    public static ScenarioResult result(String suite, String scenario, long seed, int iterations, double speed,
                                        double cv) {
        return result(suite, scenario, seed, iterations, speed, cv, 0.001, 0);
    }

    /**
     * @param errorRate share of failed outcomes per iteration
     * @param warmupIntervals leading intervals per iteration at 30% of steady throughput
     */
    public static ScenarioResult result(String suite, String scenario, long seed, int iterations, double speed,
                                        double cv, double errorRate, int warmupIntervals) {
        Random rnd = new Random(seed);
        List<IterationSummary> tputIts = new ArrayList<>();
        List<IterationSummary> latIts = new ArrayList<>();
        List<ThroughputInterval> intervals = new ArrayList<>();
        double latencyScaleSum = 0;
        for (int i = 0; i < iterations; i++) {
            double f = 1 + cv * rnd.nextGaussian();
            double tput = 10_000 * speed * f;
            double lat = 1 / (speed * (1 + cv * rnd.nextGaussian()));
            latencyScaleSum += lat;
            long total = 100_000;
            long failed = Math.round(total * errorRate);
            Outcomes o = new Outcomes(total - failed, 0, failed, 0, 0, 0);
            LatencySummary ls = latency(total - failed, lat);
            tputIts.add(new IterationSummary(i, 10, tput, o, ls));
            latIts.add(new IterationSummary(i, 10, tput, o, latency(total - failed, lat)));
            for (int k = 0; k < 10 + warmupIntervals; k++) {
                double a = k < warmupIntervals ? tput * 0.3 : tput * (1 + 0.01 * rnd.nextGaussian());
                intervals.add(new ThroughputInterval(i, k, 1, null, a, 1 - errorRate, o, 5 * lat, 4 * lat,
                        10 * lat, 20 * lat * (1 + 0.02 * rnd.nextGaussian())));
            }
        }
        ThroughputResult tr = new ThroughputResult(CLOSED_8, intervals, 10_000 * speed, 10_000 * speed,
                10_000 * speed, 10_000 * speed, cv, 1 - errorRate, Outcomes.NONE, Map.of(), Map.of(), tputIts,
                GeneratorHealth.closedModel());
        // the merged distribution of equal-sized iterations that differ only in scale: about the mean scale
        LatencyResult lr = new LatencyResult(CLOSED_8, latency(100_000L * iterations, latencyScaleSum / iterations),
                Map.of(), List.of(), List.of(),
                new Outliers(0, 0, 0), Outcomes.NONE, Map.of(), Map.of(), latIts, GeneratorHealth.closedModel(), "");
        return new ScenarioResult(ScenarioResult.SCHEMA_VERSION, suite, scenario(scenario, iterations), 1_700_000_000_000L + seed,
                iterations * 20.0, tr, lr, null, null, null, List.of());
    }

    /**
     * A result whose iterations have exactly the given throughputs and latency scales (no noise),
     * each with ten 1-second intervals at its throughput, 0.1% errors.
     *
     * @param opsPerSecond throughput per iteration
     * @param latencyScales latency scale per iteration (1.0 gives p50 4 ms, p99 20 ms), same length
     */
    public static ScenarioResult fromIterations(String suite, String scenario, double[] opsPerSecond,
                                                double[] latencyScales) {
        List<IterationSummary> its = new ArrayList<>();
        List<ThroughputInterval> intervals = new ArrayList<>();
        double scaleSum = 0;
        for (int i = 0; i < opsPerSecond.length; i++) {
            long total = Math.max(1, Math.round(opsPerSecond[i] * 10));
            long failed = total / 1000;
            Outcomes o = new Outcomes(total - failed, 0, failed, 0, 0, 0);
            double lat = latencyScales[i];
            scaleSum += lat;
            its.add(new IterationSummary(i, 10, opsPerSecond[i], o, latency(total - failed, lat)));
            for (int k = 0; k < 10; k++) {
                Outcomes io = new Outcomes((total - failed) / 10, 0, failed / 10, 0, 0, 0);
                intervals.add(new ThroughputInterval(i, k, 1, null, opsPerSecond[i], 0.999, io, 5 * lat, 4 * lat,
                        10 * lat, 20 * lat));
            }
        }
        int n = opsPerSecond.length;
        ThroughputResult tr = new ThroughputResult(CLOSED_8, intervals, 0, 0, 0, 0, 0, 0.999, Outcomes.NONE,
                Map.of(), Map.of(), its, GeneratorHealth.closedModel());
        LatencyResult lr = new LatencyResult(CLOSED_8, latency(1000L * n, scaleSum / n), Map.of(), List.of(),
                List.of(), new Outliers(0, 0, 0), Outcomes.NONE, Map.of(), Map.of(), its,
                GeneratorHealth.closedModel(), "");
        return new ScenarioResult(ScenarioResult.SCHEMA_VERSION, suite, scenario(scenario, n), 1_700_000_000_000L, n * 20.0, tr, lr,
                null, null, null, List.of());
    }

    /** @param scale 1.0 gives p50 4 ms, p95 10 ms, p99 20 ms */
    public static LatencySummary latency(long count, double scale) {
        if (count == 0) {
            return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
                    percentiles(Double.NaN, Double.NaN, Double.NaN, Double.NaN));
        }
        return new LatencySummary(count, 5 * scale, 3 * scale, 1 * scale, 80 * scale,
                percentiles(4 * scale, 10 * scale, 20 * scale, 40 * scale));
    }

    private static List<Percentile> percentiles(double p50, double p95, double p99, double p999) {
        return List.of(new Percentile(50, p50), new Percentile(95, p95), new Percentile(99, p99),
                new Percentile(99.9, p999));
    }

    /** The scenario a synthetic result claims to come from: 8 closed clients, 10 s iterations. */
    public static Scenario scenario(String name, int iterations) {
        return Scenario.builder(name).load(CLOSED_8).duration(Duration.ofSeconds(10))
                .iterations(Math.max(1, iterations)).build();
    }

    /** A run in which every transaction failed: NaN latencies, error rate 1. */
    public static ScenarioResult allFailed(String suite, String scenario, int iterations) {
        List<IterationSummary> its = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            its.add(new IterationSummary(i, 10, 0, new Outcomes(0, 0, 1000, 0, 0, 0), latency(0, 1)));
        }
        ThroughputResult tr = new ThroughputResult(CLOSED_8, List.of(), 0, 0, 0, 0, 0, 0, Outcomes.NONE, Map.of(),
                Map.of(), its, GeneratorHealth.closedModel());
        return new ScenarioResult(ScenarioResult.SCHEMA_VERSION, suite, scenario(scenario, iterations), 1_700_000_000_000L, 10, tr, null,
                null, null, null, List.of());
    }
}
