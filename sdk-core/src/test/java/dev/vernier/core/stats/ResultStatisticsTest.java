package dev.vernier.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.core.RunMatrix;
import dev.vernier.core.result.IterationSummary;
import dev.vernier.core.result.LatencyResult;
import dev.vernier.core.result.LatencySummary;
import dev.vernier.core.result.Percentile;
import dev.vernier.core.result.Outcomes;
import dev.vernier.core.result.Outliers;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.testkit.SyntheticResults;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ResultStatisticsTest {

    private static final StatisticsConfig CONFIG = StatisticsConfig.defaults();

    @Test
    void studentTIntervalMatchesTheTextbook() {
        // mean 10, s = 1.1547, n = 4: t(0.975, 3) = 3.182446 -> half width 1.837529
        Estimate e = Estimate.studentT(new double[] {9, 11, 9, 11}, 0.95);
        assertEquals(10, e.mean(), 1e-12);
        assertEquals(10 - 3.182446 * Math.sqrt(4.0 / 3) / 2, e.lower(), 1e-5);
        assertEquals(4, e.n());
        assertEquals(Estimate.Basis.ITERATIONS, e.basis());
        assertEquals(Estimate.Basis.NONE, Estimate.studentT(new double[] {1}, 0.95).basis());
        assertTrue(Double.isNaN(Estimate.studentT(new double[] {1, Double.NaN}, 0.95).mean()));
    }

    @Test
    void aRatioIntervalOfAPositiveFigureNeverGoesBelowZero() {
        // the "304.5 ± 6,540 ms": three wildly different iterations
        double[] p99 = {5, 8, 900.5};
        Estimate naive = Estimate.studentT(p99, 0.95);
        assertTrue(naive.lower() < 0, "Student t on the raw scale goes negative: " + naive);
        Estimate ratio = Estimate.ratio(Stats.mean(p99), p99, 0.95);
        assertTrue(ratio.lower() > 0, ratio.format());
        assertEquals(ratio.mean() / ratio.lower(), ratio.upper() / ratio.mean(), 1e-9, "symmetric in ratio terms");
        // the same as Student t on the log of the mean, by the delta method, for small noise
        Estimate calm = Estimate.ratio(100, new double[] {99, 101, 100, 100}, 0.95);
        Estimate t = Estimate.studentT(new double[] {99, 101, 100, 100}, 0.95);
        assertEquals(t.lower(), calm.lower(), 0.01);
        assertEquals(t.upper(), calm.upper(), 0.01);
    }

    @Test
    void aShareIntervalStaysInsideZeroAndOne() {
        Estimate e = Estimate.share(new double[] {0, 0, 0.03}, 0.95);
        assertEquals(0, e.lower());
        assertTrue(e.upper() > 0.03 && e.upper() <= 1, e.toString());
    }

    @Test
    void steadyStateDropsLeadingWarmupIntervals() {
        double[] series = {100, 300, 600, 1000, 1010, 990, 1005, 995, 1000, 1002};
        assertEquals(3, SteadyState.steadyStart(series, 5, 0.10));
        assertEquals(0, SteadyState.steadyStart(new double[] {1000, 1001, 999, 1000, 1000}, 5, 0.10));
        assertEquals(-1, SteadyState.steadyStart(new double[] {1, 1000, 1, 1000, 1, 1000}, 5, 0.10));
        assertEquals(-1, SteadyState.steadyStart(new double[] {1000, 1000}, 5, 0.10));
    }

    @Test
    void figuresReportWarmupAndExcludeIt() {
        ScenarioResult r = SyntheticResults.result("raft", "steady", 1, 4, 1.0, 0.03, 0.01, 3);
        FigureSet f = ResultStatistics.of(r, CONFIG);
        assertEquals(new SteadyState(4 * 13, 4 * 3, 0), f.steadyState());
        double[] perIteration = r.throughput().iterations().stream().mapToDouble(i -> i.throughputOpsPerSecond())
                .toArray();
        double[] tput = f.figure(Figure.THROUGHPUT).samples();
        for (int i = 0; i < tput.length; i++) {
            // warm-up at 30% is excluded: steady intervals average the iteration's figure within noise
            assertEquals(perIteration[i], tput[i], perIteration[i] * 0.02);
        }
        assertEquals(0.01, f.estimate(Figure.ERROR_RATE).mean(), 1e-4);
        assertEquals(List.of("throughput", "errorRate", "latency.mean", "latency.p50", "latency.p95", "latency.p99",
                "latency.p99.9"), List.copyOf(f.figures().keySet()));
        assertEquals(Direction.HIGHER_IS_BETTER, f.figure("throughput").direction());
        assertEquals(Direction.LOWER_IS_BETTER, f.figure("latency.p99").direction());
        assertEquals(0.95, f.estimate(Figure.THROUGHPUT).confidence());
    }

    @Test
    void aSingleIterationGetsAWithinRunIntervalLabelledSo() {
        ScenarioResult r = SyntheticResults.result("raft", "steady", 1, 1, 1.0, 0.03);
        FigureSet f = ResultStatistics.of(r, CONFIG);
        Estimate tput = f.estimate(Figure.THROUGHPUT);
        assertEquals(Estimate.Basis.WITHIN_RUN, tput.basis());
        assertEquals(3, tput.n(), "10 intervals: 3 batches of 3");
        assertTrue(tput.lower() < tput.mean() && tput.mean() < tput.upper(), tput.format());
        assertTrue(tput.format().contains("within-run"), tput.format());
        // latency comes from the latency phase, which keeps no interval series: no interval, and it says so
        Estimate p99 = f.estimate("latency.p99");
        assertEquals(Estimate.Basis.NONE, p99.basis());
        assertTrue(p99.format().contains("no interval"), p99.format());
    }

    @Test
    void withoutALatencyPhaseOneIterationGetsWithinRunLatencyAndErrorIntervals() {
        ScenarioResult full = SyntheticResults.result("raft", "steady", 1, 1, 1.0, 0.03, 0.01, 0);
        ScenarioResult r = new ScenarioResult(full.schemaVersion(), full.suite(), full.scenario(),
                full.startedAtEpochMillis(), full.elapsedSeconds(), full.throughput(), null, null, null, null, List.of());
        FigureSet f = ResultStatistics.of(r, CONFIG);
        assertEquals(Estimate.Basis.WITHIN_RUN, f.estimate("latency.p99").basis());
        assertEquals(Estimate.Basis.WITHIN_RUN, f.estimate(Figure.ERROR_RATE).basis());
        assertEquals(Estimate.Basis.NONE, f.estimate("latency.p99.9").basis(), "no per-interval p99.9");
    }

    /**
     * Batch means against an autocorrelated series (AR(1), phi = 0.8, 100 intervals): the naive
     * interval that treats intervals as independent covers the true mean far less often than its
     * level says; batch means come close to it.
     */
    @Test
    void withinRunIntervalsRespectAutocorrelation() {
        SplittableRandom rnd = new SplittableRandom(11);
        int runs = 400;
        int batchCovered = 0;
        int naiveCovered = 0;
        for (int r = 0; r < runs; r++) {
            double[] x = new double[100];
            double e = 0;
            for (int i = -50; i < x.length; i++) {
                e = 0.8 * e + gaussian(rnd) * 10;
                if (i >= 0) {
                    x[i] = 1000 + e;
                }
            }
            double[] ones = new double[x.length];
            java.util.Arrays.fill(ones, 1);
            double mean = Stats.mean(x);
            Estimate batch = BatchMeans.ratio(mean, BatchMeans.batches(x, ones), 0.95);
            Estimate naive = Estimate.studentT(x, 0.95);
            batchCovered += batch.contains(1000) ? 1 : 0;
            naiveCovered += naive.contains(1000) ? 1 : 0;
        }
        double batchCoverage = batchCovered / (double) runs;
        double naiveCoverage = naiveCovered / (double) runs;
        LoggerFactory.getLogger(ResultStatisticsTest.class).info("AR(1) coverage at 95%: batch means {}, naive {}",
                batchCoverage, naiveCoverage);
        assertTrue(naiveCoverage < 0.75, "naive coverage " + naiveCoverage);
        assertTrue(batchCoverage >= 0.85, "batch-means coverage " + batchCoverage);
    }

    private static double gaussian(SplittableRandom rnd) {
        // Box-Muller, so the test depends on nothing but the seed
        return Math.sqrt(-2 * Math.log(1 - rnd.nextDouble())) * Math.cos(2 * Math.PI * rnd.nextDouble());
    }

    @Test
    void batchesUseTheSquareRootRuleAndLeaveTheEarliestIntervalsOut() {
        double[] v = {100, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        double[] w = new double[10];
        java.util.Arrays.fill(w, 1);
        assertEquals(List.of(2.0, 5.0, 8.0), boxed(BatchMeans.batches(v, w)));
        assertEquals(0, BatchMeans.batches(new double[] {1, 2, 3}, new double[] {1, 1, 1}).length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BatchMeans.batches(new double[2], new double[3]));
        assertTrue(e.getMessage().contains("weights"), e.getMessage());
    }

    private static List<Double> boxed(double[] xs) {
        List<Double> out = new ArrayList<>();
        for (double x : xs) {
            out.add(x);
        }
        return out;
    }

    /** Issue 11's "one meaning of a percentile": the figure is the run's p99, the spread an interval around it. */
    @Test
    void aLatencyPercentileIsThePercentileOfTheMergedHistogramNotAMeanOfIterations() {
        ScenarioResult base = SyntheticResults.result("raft", "steady", 1, 6, 1.0, 0.01);
        List<IterationSummary> its = new ArrayList<>(base.latency().iterations());
        its.set(5, new IterationSummary(5, 10, 1000, new Outcomes(1000, 0, 0, 0, 0, 0),
                new LatencySummary(1000, 40, 60, 1, 300, List.of(new Percentile(50, 4.0), new Percentile(95, 200.0),
                        new Percentile(99, 240.0), new Percentile(99.9, 300.0)))));
        LatencySummary overall = new LatencySummary(6000, 10, 30, 1, 300, List.of(new Percentile(50, 4.0),
                new Percentile(95, 11.0), new Percentile(99, 200.0), new Percentile(99.9, 290.0)));
        LatencyResult l = base.latency();
        LatencyResult stalled = new LatencyResult(l.load(), overall, l.byType(), l.stages(), l.histogram(),
                new Outliers(0, 0, 0), l.outcomes(), l.outcomesByType(), l.errorsByCause(), its, l.generator(), "");
        ScenarioResult r = new ScenarioResult(base.schemaVersion(), base.suite(), base.scenario(),
                base.startedAtEpochMillis(), base.elapsedSeconds(), base.throughput(), stalled, null, null, null,
                List.of());
        Estimate p99 = ResultStatistics.of(r, CONFIG).estimate("latency.p99");
        assertEquals(200.0, p99.mean(), 1e-9, "the merged p99, not the mean of (20, 20, 20, 20, 20, 240)");
        assertTrue(p99.lower() < 200 && p99.upper() > 200, p99.format());
    }

    @Test
    void configValidationNamesFieldAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CONFIG.withDisplayConfidence(1));
        assertTrue(e.getMessage().contains("displayConfidence") && e.getMessage().contains("1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CONFIG.withAlpha(0.5));
        assertTrue(e.getMessage().contains("alpha must be in (0, 0.5), but was 0.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CONFIG.withPracticalThreshold(-0.1));
        assertTrue(e.getMessage().contains("practicalThreshold") && e.getMessage().contains("-0.1"));
        e = assertThrows(IllegalArgumentException.class, () -> CONFIG.withErrorRateThreshold(1));
        assertTrue(e.getMessage().contains("errorRateThreshold") && e.getMessage().contains("1.0"));
        assertThrows(IllegalArgumentException.class, () -> CONFIG.withSteadyState(1, 0.1));
    }

    @Test
    void theDefaultsDecideAtFivePercentAndDisplayAtNinetyFive() {
        assertEquals(0.05, CONFIG.alpha());
        assertEquals(0.95, CONFIG.decisionConfidence(), 1e-12);
        assertEquals(0.95, CONFIG.displayConfidence());
        assertEquals(0.02, CONFIG.practicalThreshold());
        assertEquals(0.001, CONFIG.errorRateThreshold());
    }

    @Test
    void displayConfidenceNeverChangesAVerdict() {
        ScenarioResult a = SyntheticResults.result("s", "sc", 1, 3, 1.0, 0.05);
        ScenarioResult b = SyntheticResults.result("s", "sc", 2, 3, 0.7, 0.05);
        Comparison at95 = ResultStatistics.compare(a, b, CONFIG);
        Comparison at999 = ResultStatistics.compare(a, b, CONFIG.withDisplayConfidence(0.999));
        for (FigureChange c : at95.changes()) {
            assertEquals(c.verdict(), at999.change(c.figure()).orElseThrow().verdict(), c.figure());
            assertEquals(c.change(), at999.change(c.figure()).orElseThrow().change(), c.figure());
        }
        assertTrue(at999.change(Figure.THROUGHPUT).orElseThrow().baseline().halfWidth()
                > at95.change(Figure.THROUGHPUT).orElseThrow().baseline().halfWidth());
    }

    @Test
    void rankingReachesSignificanceAtThreeIterationsAndNeverPrintsInfinity() {
        RunMatrix m = new RunMatrix(List.of(
                SyntheticResults.result("slow", "steady", 1, 3, 0.7, 0.03, 0.0, 0),
                SyntheticResults.result("fast", "steady", 2, 3, 1.3, 0.03, 0.02, 0),
                SyntheticResults.result("fast-twin", "steady", 3, 3, 1.3, 0.03, 0.0, 0),
                SyntheticResults.result("other", "burst", 4, 3, 1.0, 0.03)));
        Ranking r = Ranking.of(m, "steady", CONFIG);
        List<Ranking.Entry> tput = r.figures().get(Figure.THROUGHPUT);
        assertEquals(3, tput.size());
        assertEquals("slow", tput.get(2).suite());
        assertFalse(tput.get(1).versusPrevious().changed(), "the twins: " + tput.get(1).versusPrevious().describe());
        assertEquals(Verdict.REGRESSED, tput.get(2).versusPrevious().verdict(), tput.get(2).versusPrevious().describe());
        List<Ranking.Entry> p99 = r.figures().get("latency.p99");
        assertEquals("slow", p99.get(2).suite());
        assertEquals(Verdict.REGRESSED, p99.get(2).versusPrevious().verdict());
        // error rate: 0% vs 2% is a difference of 2 percentage points, not "+Infinity%"
        List<Ranking.Entry> errors = r.figures().get(Figure.ERROR_RATE);
        FigureChange worst = errors.get(2).versusPrevious();
        assertEquals("fast", errors.get(2).suite());
        assertEquals(0.02, worst.change().mean(), 1e-12);
        assertEquals(Verdict.REGRESSED, worst.verdict());
        String md = r.toMarkdown();
        assertFalse(md.contains("Infinity") || md.contains("NaN"), md);
        assertTrue(md.contains("### throughput") && md.contains("| 3 | slow |"), md);
        assertTrue(md.contains("+2.00 pp"), md);
        assertTrue(md.contains("behind (significant)") && md.contains("tied (inside the noise band)"), md);
        assertTrue(md.matches("(?s).*\\| 1 \\| fast(-twin)? \\| 1[23],\\d{3} \\[.*"), "thousands separators: " + md);
        assertThrows(IllegalArgumentException.class, () -> Ranking.of(m, "nope", CONFIG));
    }

    @Test
    void figuresRejectAResultWithoutThroughputOrLatency() {
        ScenarioResult r = new ScenarioResult(ScenarioResult.SCHEMA_VERSION, "s", SyntheticResults.scenario("sc", 1), 0,
                1, null, null, null, null, null, List.of());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultStatistics.of(r, CONFIG));
        assertTrue(e.getMessage().contains("s/sc"), e.getMessage());
    }
}
