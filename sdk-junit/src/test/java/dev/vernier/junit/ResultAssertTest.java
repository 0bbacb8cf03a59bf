package dev.vernier.junit;

import dev.vernier.testkit.SyntheticResults;
import static dev.vernier.junit.PerformanceAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.store.ResultStore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;

class ResultAssertTest {

    // throughput ~10,000 ops/s, p99 ~20 ms, error rate 0.001
    private static final ScenarioResult GOOD = SyntheticResults.result("raft", "steady", 1, 12, 1.0, 0.03);

    @Test
    void passesWithinLimits() {
        assertDoesNotThrow(() -> assertThat(GOOD)
                .p99AtMost(Duration.ofMillis(25))
                .percentileAtMost(50, Duration.ofMillis(5))
                .throughputAtLeast(9_000)
                .errorRateAtMost(0.01)
                .noRegressionAgainst(SyntheticResults.result("raft", "steady", 2, 12, 1.0, 0.03)));
    }

    @Test
    void failureNamesFigureValueIntervalAndLimit() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> assertThat(GOOD).p99AtMost(Duration.ofMillis(10)));
        String m = e.getMessage();
        assertTrue(m.contains("latency.p99") && m.contains("at most 10") && m.contains("the merged histogram")
                && m.contains("95% CI, 12 iterations") && m.contains("[") && m.contains("ms"), m);

        e = assertThrows(AssertionFailedError.class, () -> assertThat(GOOD).throughputAtLeast(20_000));
        assertTrue(e.getMessage().contains("throughput") && e.getMessage().contains("at least 20000"), e.getMessage());

        e = assertThrows(AssertionFailedError.class, () -> assertThat(GOOD).errorRateAtMost(0.0001));
        assertTrue(e.getMessage().contains("errorRate expected at most 0.0100%, but was 0.100% ["), e.getMessage());
    }

    @Test
    void conservativeModeUsesThePessimisticBound() {
        ScenarioResult noisy = SyntheticResults.result("raft", "steady", 3, 4, 1.0, 0.2);
        double mean = assertThat(noisy).figures().estimate("throughput").mean();
        assertDoesNotThrow(() -> assertThat(noisy).throughputAtLeast(mean * 0.99));
        assertThrows(AssertionFailedError.class, () -> assertThat(noisy).conservatively().throughputAtLeast(mean * 0.99));
    }

    @Test
    void aSingleIterationShowsItsWithinRunIntervalAndCannotPassAConservativeLatencyCheck() {
        ScenarioResult one = SyntheticResults.result("raft", "steady", 6, 1, 1.0, 0.03);
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> assertThat(one).throughputAtLeast(50_000));
        assertTrue(e.getMessage().contains("within-run CI"), e.getMessage());
        e = assertThrows(AssertionFailedError.class,
                () -> assertThat(one).conservatively().p99AtMost(Duration.ofSeconds(10)));
        assertTrue(e.getMessage().contains("no interval to check conservatively"), e.getMessage());
    }

    @Test
    void allFailedRunNeverPassesALatencyLimit() {
        ScenarioResult failed = SyntheticResults.allFailed("raft", "steady", 5);
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> assertThat(failed).p99AtMost(Duration.ofDays(365)));
        assertTrue(e.getMessage().contains("NaN"), e.getMessage());
        assertThrows(AssertionFailedError.class, () -> assertThat(failed).percentileAtMost(50, Duration.ofDays(1)));
        assertThrows(AssertionFailedError.class, () -> assertThat(failed).errorRateAtMost(0.5));
        assertThrows(AssertionFailedError.class, () -> assertThat(failed).conservatively().p99AtMost(Duration.ofDays(1)));
    }

    @Test
    void unknownPercentileFails() {
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> assertThat(GOOD).percentileAtMost(42, Duration.ofMillis(1)));
        assertTrue(e.getMessage().contains("latency.p42"), e.getMessage());
    }

    @Test
    void regressionAgainstStoredBaseline(@TempDir Path dir) {
        try (ResultStore store = ResultStore.open(dir)) {
            store.saveBaseline("main", SyntheticResults.result("raft", "steady", 4, 12, 1.0, 0.03));
            assertDoesNotThrow(() -> assertThat(GOOD).noRegressionAgainst(store, "main"));
            ScenarioResult slower = SyntheticResults.result("raft", "steady", 5, 12, 0.8, 0.03);
            AssertionFailedError e = assertThrows(AssertionFailedError.class,
                    () -> assertThat(slower).noRegressionAgainst(store, "main"));
            assertTrue(e.getMessage().contains("throughput") && e.getMessage().contains("REGRESSED")
                    && e.getMessage().contains("baseline main"), e.getMessage());
            e = assertThrows(AssertionFailedError.class, () -> assertThat(GOOD).noRegressionAgainst(store, "nope"));
            assertTrue(e.getMessage().contains("nope"), e.getMessage());
        }
    }

    /**
     * Six iterations, one of them stalled: the mean of the iteration p99s is small, the p99 of the
     * six iterations' transactions is not. The gate checks the latter (it once checked the former:
     * 49.6 ms against a true 241.6 ms, and p99AtMost(146 ms) passed).
     */
    @Test
    void p99AtMostChecksTheMergedHistogramNotAMeanOfIterationP99s() {
        long ms = 1_000_000L;
        dev.vernier.testkit.ManualClock clock = new dev.vernier.testkit.ManualClock();
        // 1 s iterations at 1,000 ops/s; in iteration 5 every transaction is answered 250 ms late
        dev.vernier.testkit.ScriptedSuite suite = new dev.vernier.testkit.ScriptedSuite("stall", clock, (tx, now) ->
                now >= 5_000 * ms && now < 6_000 * ms ? new dev.vernier.testkit.ScriptedSuite.Script.Commit(250 * ms)
                        : new dev.vernier.testkit.ScriptedSuite.Script.Commit(ms));
        dev.vernier.api.Scenario s = dev.vernier.api.Scenario.builder("iterations").warmup(Duration.ZERO)
                .duration(Duration.ofSeconds(1)).iterations(6).load(dev.vernier.api.LoadModel.constantRate(1_000))
                .phases(dev.vernier.api.Phase.LATENCY).build();
        ScenarioResult r;
        try (dev.vernier.core.Vernier v = dev.vernier.core.Vernier.builder().register(suite).clock(clock)
                .threadFactory(clock.threadFactory()).build()) {
            r = clock.runAdvancing(() -> v.run("stall", s));
        }
        double meanOfIterations = r.latency().iterations().stream().mapToDouble(i -> i.latency().percentile(99))
                .average().orElseThrow();
        double merged = r.latency().overall().percentile(99);
        assertTrue(meanOfIterations < 146 && merged > 200, "iterations " + meanOfIterations + " ms, merged " + merged);
        AssertionFailedError e = assertThrows(AssertionFailedError.class,
                () -> assertThat(r).p99AtMost(Duration.ofMillis(146)));
        assertTrue(e.getMessage().contains("the merged histogram of 6000 transactions"), e.getMessage());
        assertDoesNotThrow(() -> assertThat(r).p99AtMost(Duration.ofMillis(300)));
        assertThrows(AssertionFailedError.class, () -> assertThat(r).conservatively().p99AtMost(Duration.ofMillis(252)),
                "the spread across iterations widens the check");
    }

    @Test
    void aNullResultIsABadArgument() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> assertThat(null));
        assertTrue(e.getMessage().equals("result must not be null"), e.getMessage());
    }
}
