package dev.vernier.testkit;

import dev.vernier.api.FaultPlan;
import dev.vernier.api.LoadModel;
import dev.vernier.api.Phase;
import dev.vernier.api.Scenario;
import dev.vernier.api.TransactionMix;
import dev.vernier.core.hlog.HistogramMerge;
import dev.vernier.core.report.TuningTrajectory;
import dev.vernier.core.resources.Bottleneck;
import dev.vernier.core.resources.MemoryGrowth;
import dev.vernier.core.resources.MetricStats;
import dev.vernier.core.resources.ResourceMetrics;
import dev.vernier.core.resources.ResourceResult;
import dev.vernier.core.resources.SamplerCost;
import dev.vernier.core.resources.Severity;
import dev.vernier.core.result.ConsistencyCheck;
import dev.vernier.core.result.FaultEvent;
import dev.vernier.core.result.FaultToleranceResult;
import dev.vernier.core.result.GeneratorHealth;
import dev.vernier.core.result.HistogramBucket;
import dev.vernier.core.result.IterationSummary;
import dev.vernier.core.result.LatencyResult;
import dev.vernier.core.result.LatencySummary;
import dev.vernier.core.result.Outcomes;
import dev.vernier.core.result.Outliers;
import dev.vernier.core.result.ScalabilityResult;
import dev.vernier.core.result.ScalePoint;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.result.StageSummary;
import dev.vernier.core.result.ThroughputInterval;
import dev.vernier.core.result.ThroughputResult;
import dev.vernier.core.stats.UslFitter;
import dev.vernier.core.result.Warning;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Fixed, seeded results shaped like real runs, for report tests and golden files: the main
 * example's kind of run (a 3-node Raft cluster's capacity under 64 closed-loop clients with its
 * resource cost, latency at 500 ops/s, a tuning session, the same again after tuning), a result with
 * every phase, and a protocols x scenarios matrix. Every latency figure is computed from a seeded
 * histogram, so percentiles, encoded histograms and stage shares agree with each other.
 */
public final class ReportFixtures {

    /** Start of every fixture run: 2023-11-14T22:13:20Z. */
    public static final long STARTED_AT = 1_700_000_000_000L;
    private static final double[] PERCENTILES = {50, 75, 90, 95, 99, 99.9, 99.99};
    private static final TransactionMix PUTS = TransactionMix.single("put", 128);

    private ReportFixtures() {
    }

    /** The main example's capacity scenario: 64 closed-loop clients, throughput and resources. */
    public static Scenario capacityScenario() {
        return Scenario.builder("raft-capacity").warmup(Duration.ofSeconds(1)).duration(Duration.ofSeconds(5))
                .iterations(3).throughputInterval(Duration.ofSeconds(1)).load(LoadModel.closed(64)).mix(PUTS)
                .timeout(Duration.ofSeconds(2)).phases(Phase.THROUGHPUT, Phase.RESOURCES).build();
    }

    /** The main example's latency scenario: 500 ops/s open model. */
    public static Scenario latencyScenario() {
        return Scenario.builder("raft-latency-500").warmup(Duration.ofSeconds(1)).duration(Duration.ofSeconds(10))
                .iterations(3).latencySamples(2_500).load(LoadModel.constantRate(500)).mix(PUTS)
                .timeout(Duration.ofSeconds(2)).phases(Phase.LATENCY).build();
    }

    /**
     * Capacity of the cluster under 64 closed-loop clients.
     *
     * @param suite the suite's name
     * @param seed the seed of the noise
     * @param opsPerSecond the mean throughput
     * @param cpuPercent the average process CPU
     * @return a result with a throughput and a resources phase
     */
    public static ScenarioResult capacity(String suite, long seed, double opsPerSecond, double cpuPercent) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Scenario s = capacityScenario();
        List<ThroughputInterval> intervals = new ArrayList<>();
        List<IterationSummary> iterations = new ArrayList<>();
        Outcomes total = Outcomes.NONE;
        double sum = 0;
        double max = 0;
        List<Double> all = new ArrayList<>();
        for (int it = 0; it < 3; it++) {
            Outcomes itOutcomes = Outcomes.NONE;
            double itOps = 0;
            for (int k = 0; k < 5; k++) {
                double ops = opsPerSecond * (0.97 + 0.06 * rnd.nextDouble());
                long committed = Math.round(ops);
                long failed = rnd.nextInt(3);
                Outcomes o = new Outcomes(committed, 0, failed, 0, 0, 0);
                double mean = 64_000.0 / ops;
                intervals.add(new ThroughputInterval(it, k, 1, null, ops, (double) committed / (committed + failed), o,
                        mean, mean * 0.9, mean * 1.9, mean * 3.1));
                itOutcomes = itOutcomes.plus(o);
                itOps += ops;
                sum += ops;
                max = Math.max(max, ops);
                all.add(ops);
            }
            total = total.plus(itOutcomes);
            iterations.add(new IterationSummary(it, 5, itOps / 5, itOutcomes, summary(latencies(rnd, 64_000.0 / (itOps / 5),
                    0.35, 4_000))));
        }
        all.sort(Double::compare);
        double mean = sum / all.size();
        double var = all.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum() / (all.size() - 1);
        ThroughputResult tr = new ThroughputResult(s.load(), intervals, mean, max, max, all.get(all.size() / 5),
                Math.sqrt(var) / mean, total.successRate(), total, Map.of("put", total),
                total.errors() == 0 ? Map.of() : Map.of("java.util.concurrent.TimeoutException", total.errors()),
                iterations, GeneratorHealth.closedModel());
        return new ScenarioResult(ScenarioResult.SCHEMA_VERSION, suite, s, STARTED_AT + seed, 21.4, tr, null,
                resources(cpuPercent, seed), null, null, cpuPercent > 80
                ? List.of(new Warning(Warning.Kind.BOTTLENECK, Phase.RESOURCES, "bottleneck: process.cpu average "
                + String.format(java.util.Locale.ROOT, "%.1f %%", cpuPercent) + " is above the threshold 80.0 %"))
                : List.of());
    }

    /**
     * Latency at 500 ops/s.
     *
     * @param suite the suite's name
     * @param seed the seed of the values
     * @param medianMs the median latency
     * @param tail the log-normal shape (0.5 is a moderate tail, 1.0 a heavy one)
     * @return a result with a latency phase
     */
    public static ScenarioResult latency(String suite, long seed, double medianMs, double tail) {
        SplittableRandom rnd = new SplittableRandom(seed);
        Scenario s = latencyScenario();
        List<IterationSummary> iterations = new ArrayList<>();
        Histogram overall = new Histogram(3);
        Histogram[] stages = {new Histogram(3), new Histogram(3), new Histogram(3), new Histogram(3)};
        double[] stageShare = {0.08, 0.62, 0.22, 0.08};
        for (int it = 0; it < 3; it++) {
            Histogram h = latencies(rnd, medianMs, tail, 2_500);
            overall.add(h);
            iterations.add(new IterationSummary(it, 5, 500, new Outcomes(2_500, 0, it == 1 ? 2 : 0, 0, 0, 0), summary(h)));
        }
        long n = overall.getTotalCount();
        for (int i = 0; i < 4; i++) {
            Histogram st = latencies(new SplittableRandom(seed * 31 + i), medianMs * stageShare[i], tail, (int) n);
            stages[i] = st;
        }
        double stageMeanSum = 0;
        for (Histogram st : stages) {
            stageMeanSum += st.getMean();
        }
        String[] names = {"queue", "consensus", "apply", "response"};
        List<StageSummary> stageSummaries = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            stageSummaries.add(new StageSummary(names[i], summary(stages[i]), 100 * stages[i].getMean() / stageMeanSum));
        }
        List<HistogramBucket> buckets = new ArrayList<>();
        long below = 0;
        for (double upTo = 1; upTo <= 4096; upTo *= 2) {
            long c = overall.getCountBetweenValues(0, (long) (upTo * 1e6)) - below;
            buckets.add(new HistogramBucket(upTo, c));
            below += c;
        }
        Outcomes outcomes = new Outcomes(n, 0, 2, 0, 0, 0);
        double q1 = overall.getValueAtPercentile(25) / 1e6;
        double q3 = overall.getValueAtPercentile(75) / 1e6;
        double fence = q3 + 3 * (q3 - q1);
        long outliers = overall.getCountBetweenValues((long) (fence * 1e6), Long.MAX_VALUE / 2);
        LatencyResult lr = new LatencyResult(s.load(), summary(overall), Map.of("put", summary(overall)), stageSummaries,
                buckets, new Outliers(fence, outliers, overall.getMaxValue() / 1e6), outcomes, Map.of("put", outcomes),
                Map.of("java.util.concurrent.TimeoutException", 2L), iterations,
                new GeneratorHealth(7_502, 3, 41, 18.5, 212.0, 1_890.0, false,
                        "held the schedule: lag p99 212 µs, 3 late and 0 refused of 7502 sends"),
                HistogramMerge.encode(overall));
        return new ScenarioResult(ScenarioResult.SCHEMA_VERSION, suite, s, STARTED_AT + 60_000 + seed, 34.2, null, lr,
                null, null, null, List.of());
    }

    /** @return the tuning session of the main example's kind: batch size and pipelining, p99 <= 300 ms */
    public static TuningTrajectory tuning() {
        List<TuningTrajectory.Window> w = new ArrayList<>();
        Object[][] steps = {
            {"maxBatchSize=1, pipelining=false", 905.0, 180.0, TuningTrajectory.Decision.BASELINE, "baseline"},
            {"maxBatchSize=16, pipelining=false", 1_710.0, 150.0, TuningTrajectory.Decision.KEPT,
                "gain +88.9% (lower bound +71.2%) above the 5% threshold"},
            {"maxBatchSize=16, pipelining=true", 1_690.0, 140.0, TuningTrajectory.Decision.REVERTED,
                "gain -1.2% not significant"},
            {"maxBatchSize=64, pipelining=false", 2_480.0, 210.0, TuningTrajectory.Decision.KEPT,
                "gain +45.0% (lower bound +31.8%) above the 5% threshold"},
            {"maxBatchSize=256, pipelining=false", 2_900.0, 420.0, TuningTrajectory.Decision.REVERTED_CONSTRAINT,
                "p99 420 ms breaks p99 <= 300 ms"},
            {"maxBatchSize=128, pipelining=false", 2_530.0, 280.0, TuningTrajectory.Decision.REVERTED,
                "gain +2.0% below the 5% threshold"},
            {"maxBatchSize=64, pipelining=true", 2_610.0, 190.0, TuningTrajectory.Decision.KEPT,
                "gain +5.2% (lower bound +5.1%) above the 5% threshold"},
            {"maxBatchSize=32, pipelining=true", 2_350.0, 160.0, TuningTrajectory.Decision.REVERTED,
                "gain -10.0%: worse than the best"},
        };
        for (int i = 0; i < steps.length; i++) {
            w.add(new TuningTrajectory.Window(i, (String) steps[i][0], (Double) steps[i][1], Map.of("p99", (Double) steps[i][2]),
                    (TuningTrajectory.Decision) steps[i][3], (String) steps[i][4]));
        }
        Map<String, Object> start = new LinkedHashMap<>();
        start.put("maxBatchSize", 1);
        start.put("pipelining", false);
        Map<String, Object> end = new LinkedHashMap<>();
        end.put("maxBatchSize", 64);
        end.put("pipelining", true);
        return new TuningTrajectory("throughput", "ops/s", true,
                List.of(new TuningTrajectory.Constraint("p99", "ms", 300, true)), w, start, end, 184.2, 171.0, 197.5,
                "COMPLETED");
    }

    /** @return capacity before tuning, latency before, capacity after, latency after (the main example's run) */
    public static List<ScenarioResult> mainExample() {
        return List.of(capacity("raft", 1, 905, 71.5), latency("raft", 2, 14.0, 0.55),
                capacity("raft", 3, 2_590, 86.5), latency("raft", 4, 9.2, 0.5));
    }

    /** @return one result with every phase: step search, latency, resources, scalability and a leader crash */
    public static ScenarioResult everyPhase() {
        SplittableRandom rnd = new SplittableRandom(99);
        Scenario s = Scenario.builder("raft-everything").warmup(Duration.ofSeconds(2)).duration(Duration.ofSeconds(8))
                .iterations(2).throughputInterval(Duration.ofSeconds(1))
                .load(LoadModel.stepSearch(400, 200)).mix(PUTS).timeout(Duration.ofSeconds(2))
                .phases(Phase.THROUGHPUT, Phase.LATENCY, Phase.RESOURCES, Phase.SCALABILITY, Phase.FAULT_TOLERANCE)
                .clusterSizes(1, 3, 5, 7).faultPlan(FaultPlan.crashLeader(Duration.ofSeconds(3))).build();
        List<ThroughputInterval> intervals = new ArrayList<>();
        List<IterationSummary> its = new ArrayList<>();
        Outcomes total = Outcomes.NONE;
        double max = 0;
        double optimal = 0;
        double sum = 0;
        for (int it = 0; it < 2; it++) {
            Outcomes io = Outcomes.NONE;
            for (int k = 0; k < 8; k++) {
                double target = 400 + 200 * k;
                double capacity = 1_500 * (0.98 + 0.04 * rnd.nextDouble());
                double achieved = Math.min(target, target <= capacity ? target : capacity * (1 - 0.15 * (target - capacity) / capacity));
                double success = Math.min(1, achieved / target);
                long committed = Math.round(achieved);
                Outcomes o = new Outcomes(committed, 0, Math.round(target) - committed, 0, 0, 0);
                double lat = 4 + 40 * Math.max(0, target - capacity * 0.8) / capacity;
                intervals.add(new ThroughputInterval(it, k, 1, target, achieved, success, o, lat, lat * 0.9, lat * 2,
                        lat * 3.5));
                io = io.plus(o);
                max = Math.max(max, achieved);
                if (success >= 0.95) {
                    optimal = Math.max(optimal, achieved);
                }
                sum += achieved;
            }
            total = total.plus(io);
            its.add(new IterationSummary(it, 8, io.committed() / 8.0, io, summary(latencies(rnd, 8, 0.6, 3_000))));
        }
        ThroughputResult tr = new ThroughputResult(s.load(), intervals, sum / 16, max, optimal, 1_180, 0.31,
                total.successRate(), total, Map.of("put", total), Map.of("rejected: overloaded", total.errors()), its,
                new GeneratorHealth(20_000, 0, 0, 12, 95, 800, false, "held the schedule: lag p99 95 µs"));
        ScenarioResult lat = latency("raft", 5, 6.5, 1.05);
        List<ScalePoint> points = new ArrayList<>();
        // a cluster that follows the Universal Scalability Law (lambda 1000, sigma 0.08, kappa 0.012), measured
        // with 3% noise, then fitted as the SCALABILITY phase fits it
        double lambda = 1_000;
        double sigma = 0.08;
        double kappa = 0.012;
        List<double[]> measuredPoints = new ArrayList<>();
        for (int n : new int[] {1, 3, 5, 7}) {
            double x = lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
            double measured = x * (0.97 + 0.06 * rnd.nextDouble());
            points.add(new ScalePoint(n, measured, 3 + n * 0.8, 9 + n * 2.5, 0.001 * n, measured / n / (points.isEmpty()
                    ? measured : points.get(0).throughputOpsPerSecond()), GeneratorHealth.closedModel()));
            measuredPoints.add(new double[] {n, measured});
        }
        UslFitter.Outcome usl = UslFitter.fit(measuredPoints);
        ScalabilityResult sc = new ScalabilityResult(LoadModel.closed(64), points, usl.fit(), usl.note());
        List<ThroughputInterval> fi = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            double t = k * 0.5;
            double ops = t < 3 ? 1_400 : t < 4.5 ? 150 + 100 * (t - 3) : t < 6 ? 900 + 300 * (t - 4.5) : 1_390;
            ops *= 0.98 + 0.04 * rnd.nextDouble();
            long c = Math.round(ops * 0.5);
            fi.add(new ThroughputInterval(0, t, 0.5, 1_400.0, ops, Math.min(1, ops / 1_400), new Outcomes(c, 0,
                    Math.max(0, 700 - c), 0, 0, 0), 5, 4, 12, 30));
        }
        FaultToleranceResult ft = new FaultToleranceResult(LoadModel.constantRate(1_400),
                List.of(new FaultEvent(3.0, "CRASH_LEADER", List.of("n1"), null),
                        new FaultEvent(6.5, "RESTART_CRASHED", List.of("n1"), null)), fi, 1_400, 150, 89.3, 2.6,
                new Outcomes(2_400, 0, 510, 0, 0, 0), new Outcomes(12_600, 0, 640, 0, 0, 0),
                new ConsistencyCheck(true, 12_600, "3 replicas agree on 12600 entries"),
                new GeneratorHealth(14_000, 0, 0, 10, 80, 300, false, "held the schedule"));
        return new ScenarioResult(ScenarioResult.SCHEMA_VERSION, "raft", s, STARTED_AT, 95.0, tr, lat.latency(),
                resources(55, 7), sc, ft, List.of(new Warning(Warning.Kind.CLAMPED_LATENCY, Phase.LATENCY,
                "2 latency value(s) exceeded the histogram range (5000 ms) and were recorded at its maximum")));
    }

    /**
     * @return raft, pbft and gossip under two scenarios each (capacity and latency), three iterations
     *     each: a protocols x scenarios matrix
     */
    public static List<ScenarioResult> protocols() {
        List<ScenarioResult> out = new ArrayList<>();
        String[] suites = {"raft", "pbft", "gossip"};
        double[] ops = {1_450, 620, 2_300};
        double[] medians = {8, 22, 35};
        for (int i = 0; i < suites.length; i++) {
            out.add(capacity(suites[i], 10 + i, ops[i], 40 + 15 * i));
            out.add(latency(suites[i], 20 + i, medians[i], 0.45 + 0.2 * i));
        }
        return out;
    }

    /** A seeded log-normal sample of {@code count} latencies with the given median, as a histogram of ns. */
    static Histogram latencies(SplittableRandom rnd, double medianMs, double sigma, int count) {
        Histogram h = new Histogram(3);
        for (int i = 0; i < count; i++) {
            double u1 = 1 - rnd.nextDouble();
            double u2 = rnd.nextDouble();
            double z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
            long nanos = Math.max(1_000, Math.round(medianMs * Math.exp(sigma * z) * 1e6));
            h.recordValue(Math.min(nanos, 60_000_000_000L));
        }
        return h;
    }

    static LatencySummary summary(Histogram h) {
        return HistogramMerge.summarize(h, PERCENTILES);
    }

    static ResourceResult resources(double cpuPercent, long seed) {
        Map<String, MetricStats> m = new TreeMap<>();
        m.put(ResourceMetrics.PROCESS_CPU, new MetricStats("%", 20, cpuPercent, Math.min(100, cpuPercent * 1.18),
                Math.min(100, cpuPercent * 1.1), 4.2, 0.05));
        m.put(ResourceMetrics.SYSTEM_CPU, new MetricStats("%", 20, Math.min(100, cpuPercent + 8),
                Math.min(100, cpuPercent + 15), Math.min(100, cpuPercent + 12), 3.9, 0.02));
        m.put(ResourceMetrics.PROCESS_RSS, new MetricStats("bytes", 20, 610e6 + seed * 1e6, 702e6 + seed * 1e6,
                690e6, 21e6, 1.2e5));
        m.put(ResourceMetrics.HEAP_USED, new MetricStats("bytes", 20, 190e6, 321e6, 300e6, 60e6, 2.0e4));
        m.put(ResourceMetrics.HEAP_COMMITTED, new MetricStats("bytes", 20, 402e6, 402e6, 402e6, 0, 0.0));
        m.put(ResourceMetrics.GC_COUNT, new MetricStats("count/s", 19, 3.1, 6, 5, 1.2, null));
        m.put(ResourceMetrics.GC_PAUSE_MS, new MetricStats("ms/s", 19, 12.5, 31, 28, 7.5, null));
        m.put(ResourceMetrics.NET_BYTES_OUT, new MetricStats("bytes/s", 19, 3.2e6, 4.1e6, 3.9e6, 0.4e6, null));
        List<Bottleneck> b = cpuPercent > 80
                ? List.of(new Bottleneck(ResourceMetrics.PROCESS_CPU, Severity.HIGH, cpuPercent, 80, "%",
                String.format(java.util.Locale.ROOT, "process.cpu average %.1f %% is above the threshold 80.0 %%",
                        cpuPercent)))
                : List.of();
        return new ResourceResult(ResourceResult.SCHEMA_VERSION, 20, 0, 19_000, 1_000, m,
                new MemoryGrowth(ResourceMetrics.HEAP_AFTER_GC, 6, 2_100.0, 1_500.0, -1_700.0, 5_900.0, 0.23, 0.31,
                        false, null), 0.0125, b, List.of(ResourceMetrics.DISK_QUEUE), Map.of(), Map.of(),
                new SamplerCost(20, 180, 420, 150.0, 1_000, 0.015));
    }
}
