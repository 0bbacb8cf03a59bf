package dev.vernier.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.core.result.Environment;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.testkit.SyntheticResults;
import java.util.List;
import org.junit.jupiter.api.Test;

class FigureChangeTest {

    private static final StatisticsConfig CONFIG = StatisticsConfig.defaults();

    private static ScenarioResult iterations(double... opsPerSecond) {
        double[] scales = new double[opsPerSecond.length];
        for (int i = 0; i < scales.length; i++) {
            scales[i] = 10_000 / opsPerSecond[i];
        }
        return SyntheticResults.fromIterations("raft", "steady", opsPerSecond, scales);
    }

    private static FigureChange throughput(ScenarioResult a, ScenarioResult b) {
        return ResultStatistics.compare(a, b, CONFIG).change(Figure.THROUGHPUT).orElseThrow();
    }

    /** The case: 9,163 to 1,055 ops/s over 4 iterations was UNCHANGED with [-196%, +19%]. */
    @Test
    void aCollapseOverFourIterationsIsARegressionWithABoundAboveMinusOneHundredPercent() {
        double[] before = {9_050, 9_240, 9_180, 9_182};
        double[] after = {3_340, 300, 280, 300};
        // the old rule: Welch on raw values, decided at 99.9%, interval divided by the baseline mean
        double p = new org.apache.commons.math3.stat.inference.TTest().tTest(before, after);
        assertTrue(p > 0.001 && p < 0.01, "p = " + p + ": not significant at 99.9%, so it was UNCHANGED");
        double sb = Stats.variance(before) / 4;
        double sc = Stats.variance(after) / 4;
        double df = (sb + sc) * (sb + sc) / (sb * sb / 3 + sc * sc / 3);
        double oldLower = (-8_108 - Stats.tQuantile(0.9995, df) * Math.sqrt(sb + sc)) / 9_163;
        assertTrue(oldLower < -1.9, "and its interval went to " + oldLower);

        FigureChange c = throughput(iterations(before), iterations(after));
        assertEquals(Verdict.REGRESSED, c.verdict(), c.describe());
        assertEquals(1_055.0 / 9_163 - 1, c.change().mean(), 1e-9, "the change of the means");
        assertTrue(c.change().lower() > -1 && c.change().upper() < -0.02, c.describe());
        assertTrue(c.pValue() < 0.05, c.describe());
    }

    @Test
    void anEightfoldChangeAtThreeIterationsIsNeverUnchangedEvenInNoise() {
        for (long seed = 0; seed < 200; seed++) {
            // 20% run-to-run noise (more would make the Gaussian fixture draw negative latencies)
            ScenarioResult a = SyntheticResults.result("s", "sc", 2 * seed, 3, 1.0, 0.2);
            ScenarioResult b = SyntheticResults.result("s", "sc", 2 * seed + 1, 3, 1.0 / 8, 0.2);
            for (FigureChange c : ResultStatistics.compare(a, b, CONFIG).changes()) {
                if (c.scale() == FigureChange.Scale.RATIO) {
                    assertTrue(c.verdict() != Verdict.UNCHANGED && c.verdict() != Verdict.IMPROVED, c.describe());
                    assertTrue(c.change().lower() > -1, c.describe());
                }
            }
        }
    }

    @Test
    void inconclusiveSaysTheSmallestChangeTheDataCouldDetect() {
        ScenarioResult a = iterations(10_000, 10_600, 9_400);
        ScenarioResult b = iterations(9_700, 10_300, 9_100);
        FigureChange c = throughput(a, b);
        assertEquals(Verdict.INCONCLUSIVE, c.verdict(), c.describe());
        // relative sds 600/10000 and 600/9700, pooled over 4 df; detectable = ln 1.02 + (t.975 + t.8) se
        double pooled = (Math.pow(0.06, 2) + Math.pow(600.0 / 9700, 2)) / 2;
        double se = Math.sqrt(pooled * 2.0 / 3);
        double expected = Math.expm1(Math.log(1.02) + (2.776445 + 0.940965) * se);
        assertEquals(expected, c.detectableChange(), 0.002, c.describe());
        assertTrue(c.reason().contains("detect changes of about ±" + String.format(java.util.Locale.ROOT, "%.1f%%",
                100 * c.detectableChange())), c.reason());
        assertTrue(c.describe().contains("INCONCLUSIVE"), c.describe());
    }

    @Test
    void unchangedOnlyWhenTheWholeIntervalLiesInsideTheNoiseBand() {
        // 1% slower with almost no noise: significant, but inside the ±2% band
        ScenarioResult a = SyntheticResults.result("s", "sc", 1, 30, 1.0, 0.001);
        ScenarioResult b = SyntheticResults.result("s", "sc", 2, 30, 0.99, 0.001);
        FigureChange t = throughput(a, b);
        assertTrue(t.pValue() < 0.05, t.describe());
        assertEquals(Verdict.UNCHANGED, t.verdict(), t.describe());
        // with a 0.5% band the same change is a regression
        FigureChange strict = ResultStatistics.compare(a, b, CONFIG.withPracticalThreshold(0.005))
                .change(Figure.THROUGHPUT).orElseThrow();
        assertEquals(Verdict.REGRESSED, strict.verdict(), strict.describe());
    }

    @Test
    void aSpeedUpIsAnImprovementNotARegression() {
        Comparison c = ResultStatistics.compare(SyntheticResults.result("s", "sc", 1, 3, 1.0, 0.01),
                SyntheticResults.result("s", "sc", 2, 3, 1.1, 0.01), CONFIG);
        assertEquals(Verdict.IMPROVED, c.change(Figure.THROUGHPUT).orElseThrow().verdict());
        assertEquals(Verdict.IMPROVED, c.change("latency.p99").orElseThrow().verdict());
        assertFalse(c.regressed(), c.toMarkdown());
    }

    @Test
    void oneIterationOnEachSideIsInconclusiveWithAWithinRunInterval() {
        ScenarioResult a = SyntheticResults.result("s", "sc", 1, 1, 1.0, 0.05);
        ScenarioResult b = SyntheticResults.result("s", "sc", 2, 1, 0.5, 0.05);
        FigureChange t = throughput(a, b);
        assertEquals(Verdict.INCONCLUSIVE, t.verdict(), t.describe());
        assertEquals(Estimate.Basis.WITHIN_RUN, t.change().basis());
        assertTrue(t.change().upper() < 0, "the within-run interval shows the drop: " + t.describe());
        assertTrue(t.formatChange().contains("within-run"), t.formatChange());
        assertTrue(t.reason().contains("one iteration on each side"), t.reason());
        assertTrue(Double.isNaN(t.detectableChange()));
    }

    @Test
    void aOneIterationCandidateIsJudgedByTheSpreadOfABaselineOfSeveral() {
        ScenarioResult baseline = SyntheticResults.result("s", "sc", 1, 5, 1.0, 0.03);
        FigureChange slower = throughput(baseline, SyntheticResults.result("s", "sc", 2, 1, 0.5, 0.03));
        assertEquals(Verdict.REGRESSED, slower.verdict(), slower.describe());
        assertEquals(Estimate.Basis.ITERATIONS, slower.change().basis());
        FigureChange same = throughput(baseline, SyntheticResults.result("s", "sc", 3, 1, 1.0, 0.03));
        assertFalse(same.changed(), same.describe());
    }

    @Test
    void anErrorRateFromZeroIsAPercentagePointChange() {
        ScenarioResult clean = SyntheticResults.result("s", "sc", 1, 3, 1.0, 0.02, 0.0, 0);
        ScenarioResult failing = SyntheticResults.result("s", "sc", 2, 3, 1.0, 0.02, 0.05, 0);
        FigureChange e = ResultStatistics.compare(clean, failing, CONFIG).change(Figure.ERROR_RATE).orElseThrow();
        assertEquals(FigureChange.Scale.DIFFERENCE, e.scale());
        assertEquals(0.05, e.change().mean(), 1e-12);
        assertEquals(Verdict.REGRESSED, e.verdict());
        assertEquals("+5.00 pp", e.formatChangeCell().substring(0, 8));
        FigureChange tiny = ResultStatistics.compare(clean, SyntheticResults.result("s", "sc", 3, 3, 1.0, 0.02, 0.0005,
                0), CONFIG).change(Figure.ERROR_RATE).orElseThrow();
        assertEquals(Verdict.UNCHANGED, tiny.verdict(), "0.05 pp is inside the ±0.1 pp band: " + tiny.describe());
    }

    @Test
    void anAllFailedCandidateRegressesLatencyAndErrorRate() {
        Comparison c = ResultStatistics.compare(SyntheticResults.result("s", "sc", 1, 5, 1.0, 0.03),
                SyntheticResults.allFailed("s", "sc", 5), CONFIG);
        assertEquals(Verdict.REGRESSED, c.change("latency.p99").orElseThrow().verdict());
        assertEquals(Verdict.REGRESSED, c.change(Figure.ERROR_RATE).orElseThrow().verdict());
        FigureChange t = c.change(Figure.THROUGHPUT).orElseThrow();
        assertEquals(Verdict.REGRESSED, t.verdict(), t.describe());
        assertEquals(-1.0, t.change().mean());
        // and an all-failed candidate of a single iteration too: nothing committed needs no statistics
        Comparison one = ResultStatistics.compare(SyntheticResults.result("s", "sc", 1, 1, 1.0, 0.03),
                SyntheticResults.allFailed("s", "sc", 1), CONFIG);
        assertTrue(one.regressed(), one.toMarkdown());
    }

    /** Re-measured another way: over many simulated pairs, the 95% interval holds the true change 95% of the time. */
    @Test
    void theChangeIntervalCoversTheTrueChangeAtItsLevel() {
        for (int n : new int[] {2, 3, 5}) {
            int covered = 0;
            int pairs = 400;
            for (int i = 0; i < pairs; i++) {
                ScenarioResult a = SyntheticResults.result("s", "sc", 70_000L + 2 * i + 1_000L * n, n, 1.0, 0.05);
                ScenarioResult b = SyntheticResults.result("s", "sc", 70_001L + 2 * i + 1_000L * n, n, 0.8, 0.05);
                // throughput x0.8; the synthetic per-interval noise makes the true change -20% within 0.1%
                covered += throughput(a, b).change().contains(-0.2) ? 1 : 0;
            }
            double coverage = covered / (double) pairs;
            org.slf4j.LoggerFactory.getLogger(FigureChangeTest.class).info("{} iterations: the 95% change interval"
                    + " covered the true -20% in {} of {} pairs", n, covered, pairs);
            assertTrue(coverage >= 0.92 && coverage <= 0.985, n + " iterations: coverage " + coverage);
        }
    }

    @Test
    void aComparisonSaysWhenTheEnvironmentsDiffer() {
        Environment here = new Environment("Eclipse Adoptium", "17.0.9+9", "OpenJDK 64-Bit Server VM",
                List.of("-Xmx2g", "-javaagent:/tmp/a.jar"), "Linux 6.1", "amd64", "Xeon E5", 8, 8, 16L << 30, 4L << 30,
                0.5, "0.1.0", "abc123");
        Environment there = new Environment("Oracle Corporation", "21.0.1+12", "Java HotSpot(TM) 64-Bit Server VM",
                List.of("-Xmx4g", "-javaagent:/tmp/b.jar"), "Linux 6.1", "amd64", "Xeon E5", 2, 2, 16L << 30, 4L << 30,
                3.5, "0.1.0", "def456");
        ScenarioResult a = SyntheticResults.result("s", "sc", 1, 3, 1.0, 0.02).withEnvironment(here);
        ScenarioResult b = SyntheticResults.result("s", "sc", 2, 3, 1.0, 0.02).withEnvironment(there);
        Comparison c = ResultStatistics.compare(a, b, CONFIG);
        assertTrue(c.environmentsDiffer());
        String all = String.join("\n", c.environmentDifferences());
        assertTrue(all.contains("JDK: Eclipse Adoptium 17.0.9+9"), all);
        assertTrue(all.contains("JVM arguments: -Xmx2g vs -Xmx4g"), all);
        assertFalse(all.contains("javaagent"), "agents differ between any two launches: " + all);
        assertTrue(all.contains("logical cores: 8 vs 2"), all);
        assertTrue(all.contains("candidate started on a busy machine (load average 3.50 on 2 processors)"), all);
        assertFalse(all.contains("abc123"), "labels differ by design: " + all);
        assertTrue(c.toMarkdown().contains("Different environments"), c.toMarkdown());

        Comparison same = ResultStatistics.compare(a, b.withEnvironment(here.withLabel("other")), CONFIG);
        assertFalse(same.environmentsDiffer(), same.environmentDifferences().toString());
        Comparison old = ResultStatistics.compare(a.withEnvironment(null), b, CONFIG);
        assertTrue(old.environmentDifferences().get(0).contains("baseline does not record its environment"),
                old.environmentDifferences().toString());
    }

    @Test
    void theMarkdownShowsIntervalsAndExplainsEveryUndecidedFigure() {
        Comparison c = ResultStatistics.compare(SyntheticResults.result("s", "sc", 1, 3, 1.0, 0.05),
                SyntheticResults.result("s", "sc", 2, 3, 0.5, 0.05), CONFIG);
        String md = c.toMarkdown();
        assertTrue(md.contains("verdicts at 95% confidence, noise band ±2% (error rate ±0.1 pp)"), md);
        assertTrue(md.contains("| throughput (ops/s) |"), md);
        assertTrue(md.contains("| errorRate (%) | 0.100% [0.100%, 0.100%]"), md);
        assertTrue(md.contains("REGRESSED"), md);
        assertFalse(md.contains("Infinity") || md.contains("NaN"), md);
    }
}
