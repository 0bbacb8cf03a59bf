package dev.vernier.core.stats;

import dev.vernier.testkit.SyntheticResults;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.core.result.ScenarioResult;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calibration of the defaults: A/A false regressions and power against a true 10% slowdown, over
 * seeded synthetic pairs with 5% per-iteration noise (CV) at {@link StatisticsConfig#RECOMMENDED_ITERATIONS}.
 */
class ComparisonPowerTest {

    private static final Logger LOG = LoggerFactory.getLogger(ComparisonPowerTest.class);
    private static final int PAIRS = 400;
    private static final double CV = 0.05;
    private static final StatisticsConfig CONFIG = StatisticsConfig.defaults().withBootstrapResamples(100);

    @Test
    void aaComparisonsRarelyReportARegression() {
        int regressed = 0;
        int n = StatisticsConfig.RECOMMENDED_ITERATIONS;
        for (int i = 0; i < PAIRS; i++) {
            ScenarioResult a = SyntheticResults.result("s", "sc", 1000 + 2L * i, n, 1.0, CV);
            ScenarioResult b = SyntheticResults.result("s", "sc", 1001 + 2L * i, n, 1.0, CV);
            if (ResultStatistics.compare(a, b, CONFIG).regressed()) {
                regressed++;
            }
        }
        double rate = (double) regressed / PAIRS;
        LOG.info("A/A false-regression rate: {} ({} of {}), any figure", rate, regressed, PAIRS);
        assertTrue(rate <= 0.05, "A/A false-regression rate " + rate);
    }

    @Test
    void aTenPercentSlowdownIsDetected() {
        int detected = 0;
        int n = StatisticsConfig.RECOMMENDED_ITERATIONS;
        for (int i = 0; i < PAIRS; i++) {
            ScenarioResult a = SyntheticResults.result("s", "sc", 5000 + 2L * i, n, 1.0, CV);
            ScenarioResult b = SyntheticResults.result("s", "sc", 5001 + 2L * i, n, 0.9, CV);
            Comparison c = ResultStatistics.compare(a, b, CONFIG);
            if (c.change(Figure.THROUGHPUT).orElseThrow().verdict() == Verdict.REGRESSED) {
                detected++;
            }
        }
        double rate = (double) detected / PAIRS;
        LOG.info("10% slowdown detection rate (throughput): {} ({} of {})", rate, detected, PAIRS);
        assertTrue(rate >= 0.80, "detection rate " + rate);
    }

    @Test
    void aTenPercentSpeedUpIsAnImprovementNotARegression() {
        Comparison c = ResultStatistics.compare(SyntheticResults.result("s", "sc", 1, 30, 1.0, 0.01),
                SyntheticResults.result("s", "sc", 2, 30, 1.1, 0.01), CONFIG);
        assertEquals(Verdict.IMPROVED, c.change(Figure.THROUGHPUT).orElseThrow().verdict());
        assertEquals(Verdict.IMPROVED, c.change("latency.p99").orElseThrow().verdict());
        assertTrue(!c.regressed(), c.toMarkdown());
    }

    @Test
    void aSignificantButTinyChangeIsUnchanged() {
        // 1% faster with almost no noise: significant, but under the 2% practical threshold.
        Comparison c = ResultStatistics.compare(SyntheticResults.result("s", "sc", 1, 30, 1.0, 0.001),
                SyntheticResults.result("s", "sc", 2, 30, 0.99, 0.001), CONFIG);
        FigureChange t = c.change(Figure.THROUGHPUT).orElseThrow();
        assertTrue(t.pValue() < CONFIG.alpha(), t.describe());
        assertEquals(Verdict.UNCHANGED, t.verdict());
        // with a 0.5% threshold the same change is a regression
        Comparison strict = ResultStatistics.compare(SyntheticResults.result("s", "sc", 1, 30, 1.0, 0.001),
                SyntheticResults.result("s", "sc", 2, 30, 0.99, 0.001), CONFIG.withPracticalThreshold(0.005));
        assertEquals(Verdict.REGRESSED, strict.change(Figure.THROUGHPUT).orElseThrow().verdict());
    }

    @Test
    void allFailedCandidateRegressesLatency() {
        Comparison c = ResultStatistics.compare(SyntheticResults.result("s", "sc", 1, 5, 1.0, 0.03),
                SyntheticResults.allFailed("s", "sc", 5), CONFIG);
        assertEquals(Verdict.REGRESSED, c.change("latency.p99").orElseThrow().verdict());
        assertEquals(Verdict.REGRESSED, c.change(Figure.ERROR_RATE).orElseThrow().verdict());
    }
}
