package dev.vernier.core.stats;

import dev.vernier.testkit.SyntheticResults;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.core.RunMatrix;
import dev.vernier.core.result.ScenarioResult;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResultStatisticsTest {

    private static final StatisticsConfig CONFIG = StatisticsConfig.defaults();

    @Test
    void studentTIntervalMatchesTheTextbook() {
        // mean 10, s = 1, n = 4: t(0.975, 3) = 3.182446 -> half width 1.591223
        Estimate e = Estimate.studentT(new double[] {9, 11, 9, 11}, 0.95);
        assertEquals(10, e.mean(), 1e-12);
        assertEquals(10 - 3.182446 * Math.sqrt(4.0 / 3) / 2, e.lower(), 1e-5);
        assertEquals(4, e.n());
        assertTrue(Double.isNaN(Estimate.studentT(new double[] {1}, 0.95).lower()));
        assertTrue(Double.isNaN(Estimate.studentT(new double[] {1, Double.NaN}, 0.95).mean()));
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
    }

    @Test
    void bootstrapIsSeededAndCoversTheIntervalMean() {
        ScenarioResult r = SyntheticResults.result("raft", "steady", 1, 4, 1.0, 0.03);
        Estimate a = ResultStatistics.of(r, CONFIG).figure("latency.p99").bootstrap();
        Estimate b = ResultStatistics.of(r, CONFIG).figure("latency.p99").bootstrap();
        assertEquals(a, b);
        assertTrue(a.lower() < a.mean() && a.mean() < a.upper(), a.toString());
        assertEquals(40, a.n());
        Estimate other = ResultStatistics.of(r, CONFIG.withSeed(7)).figure("latency.p99").bootstrap();
        assertTrue(other.lower() != a.lower() || other.upper() != a.upper());
        assertEquals(null, ResultStatistics.of(r, CONFIG).figure("latency.p99.9").bootstrap());
    }

    @Test
    void configValidationNamesFieldAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CONFIG.withConfidence(1));
        assertTrue(e.getMessage().contains("confidence") && e.getMessage().contains("1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> CONFIG.withPracticalThreshold(-0.1));
        assertTrue(e.getMessage().contains("practicalThreshold") && e.getMessage().contains("-0.1"));
        assertThrows(IllegalArgumentException.class, () -> CONFIG.withSteadyState(1, 0.1));
        assertThrows(IllegalArgumentException.class, () -> CONFIG.withBootstrapResamples(5));
    }

    @Test
    void rankingOrdersSuitesPerFigureWithSignificance() {
        RunMatrix m = new RunMatrix(List.of(
                SyntheticResults.result("slow", "steady", 1, 12, 0.7, 0.03),
                SyntheticResults.result("fast", "steady", 2, 12, 1.3, 0.03),
                SyntheticResults.result("fast-twin", "steady", 3, 12, 1.3, 0.03),
                SyntheticResults.result("other", "burst", 4, 12, 1.0, 0.03)));
        Ranking r = Ranking.of(m, "steady", CONFIG);
        List<Ranking.Entry> tput = r.figures().get(Figure.THROUGHPUT);
        assertEquals(3, tput.size());
        assertEquals("slow", tput.get(2).suite());
        assertEquals(Verdict.UNCHANGED, tput.get(1).versusPrevious().verdict()); // the twins
        assertEquals(Verdict.REGRESSED, tput.get(2).versusPrevious().verdict());
        List<Ranking.Entry> p99 = r.figures().get("latency.p99");
        assertEquals("slow", p99.get(2).suite());
        String md = r.toMarkdown();
        assertTrue(md.contains("### throughput") && md.contains("| 3 | slow |"), md);
        assertThrows(IllegalArgumentException.class, () -> Ranking.of(m, "nope", CONFIG));
    }
}
