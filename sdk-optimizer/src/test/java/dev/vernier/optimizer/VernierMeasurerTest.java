package dev.vernier.optimizer;

import dev.vernier.api.LoadModel;
import dev.vernier.api.Scenario;
import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Metric;
import dev.vernier.core.Vernier;
import dev.vernier.core.result.GeneratorHealth;
import dev.vernier.core.result.Outcomes;
import dev.vernier.core.result.ThroughputResult;
import dev.vernier.testkit.ManualClock;
import dev.vernier.testkit.ScriptedSuite;
import dev.vernier.testkit.ScriptedSuite.Script;
import dev.vernier.testkit.Suites;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tuning window's figures: every percentile from the window's merged histogram, the error rate
 * from its reconciled outcomes, and a verdict when the load, not the configuration, set them. The
 * windows run on a manual clock against a scripted suite that keeps its own log.
 */
class VernierMeasurerTest {

    static final long MS = 1_000_000L;

    static Vernier vernier(ManualClock clock) {
        return Vernier.builder().clock(clock).threadFactory(clock.threadFactory())
                .wallClock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).build();
    }

    static Scenario open(double rate) {
        return Scenario.builder("window").load(LoadModel.constantRate(rate)).warmup(Duration.ZERO)
                .timeout(Duration.ofSeconds(1)).build();
    }

    @Test
    void aStallInOneIntervalShowsInTheWindowsP99AsTheSuitesOwnLogSeesIt() throws Exception {
        ManualClock clock = new ManualClock();
        // 1 ms service, but what is sent in [400, 440) ms waits 100 ms: 4% of the window, all in one of its five
        // intervals; the median of the interval p99s would say 1 ms
        ScriptedSuite suite = new ScriptedSuite("stall", clock, (tx, now) -> now >= 400 * MS && now < 440 * MS
                ? new Script.Commit(100 * MS) : new Script.Commit(MS));
        try (Vernier v = vernier(clock)) {
            VernierMeasurer m = new VernierMeasurer(v, suite, open(1_000), Duration.ofSeconds(1),
                    Duration.ofMillis(200), Metric.THROUGHPUT);
            Measurement w = clock.runAdvancing(() -> measure(m));

            Histogram own = new Histogram(3);
            suite.log().values().forEach(e -> own.recordValue(e[1] - e[0]));
            assertEquals(1_000, own.getTotalCount(), "the suite committed every transaction of the window");
            assertEquals(own.getValueAtPercentile(99) / 1e6, w.metrics().get(Metric.P99_LATENCY_MS), 0.1,
                    "p99 of the window is the p99 of its transactions: " + w);
            assertTrue(w.metrics().get(Metric.P99_LATENCY_MS) >= 99, "the stall shows: " + w);
            assertEquals(own.getValueAtPercentile(50) / 1e6, w.metrics().get(Metric.P50_LATENCY_MS), 0.01);
            assertEquals(own.getMean() / 1e6, w.metrics().get(Metric.MEAN_LATENCY_MS), 0.05);
            assertEquals(0.0, w.metrics().get(Metric.ERROR_RATE), "nothing failed");
            assertEquals(5, w.samples().size(), "one sample per interval: " + w.samples());
        }
    }

    @Test
    void theErrorRateIsTheShareOfTheWindowsReconciledOutcomesThatFailed() throws Exception {
        ManualClock clock = new ManualClock();
        // every tenth transaction is rejected, every twentieth (odd) never answers and times out
        ScriptedSuite suite = new ScriptedSuite("errors", clock, (tx, now) -> tx.id() % 10 == 0
                ? new Script.Reject(MS, "busy") : tx.id() % 20 == 5 ? new Script.Never() : new Script.Commit(MS));
        try (Vernier v = vernier(clock)) {
            VernierMeasurer m = new VernierMeasurer(v, suite, open(500), Duration.ofSeconds(2), Duration.ofMillis(400),
                    Metric.THROUGHPUT);
            Measurement w = clock.runAdvancing(() -> measure(m));
            double committed = suite.committed();
            double scheduled = 1_000;
            assertEquals(1 - committed / scheduled, w.metrics().get(Metric.ERROR_RATE), 1e-9,
                    "failed share of every scheduled transaction, timeouts included: " + w);
            assertEquals(0.15, w.metrics().get(Metric.ERROR_RATE), 0.002);
        }
    }

    @Test
    void anOpenRateTheConfigurationCarriesInFullIsSaidToLimitTheWindow() throws Exception {
        ManualClock clock = new ManualClock();
        ScriptedSuite suite = new ScriptedSuite("easy", clock, (tx, now) -> new Script.Commit(MS));
        try (Vernier v = vernier(clock)) {
            VernierMeasurer m = new VernierMeasurer(v, suite, open(1_000), Duration.ofSeconds(1),
                    Duration.ofMillis(200), Metric.THROUGHPUT);
            Measurement w = clock.runAdvancing(() -> measure(m));
            assertTrue(w.loadLimited(), w.toString());
            assertTrue(w.loadLimit().startsWith("offered-rate-limited"), w.loadLimit());
        }
    }

    @Test
    void closedClientsThatSaturateTheSystemIntoTimeoutsAreSaidToLimitTheWindow() throws Exception {
        ManualClock clock = new ManualClock();
        // a third of the transactions never answer: 4 closed clients wait out their timeouts
        ScriptedSuite suite = new ScriptedSuite("slow", clock, (tx, now) -> tx.id() % 3 == 0
                ? new Script.Never() : new Script.Commit(MS));
        try (Vernier v = vernier(clock)) {
            Scenario closed = Scenario.builder("window").load(LoadModel.closed(4)).warmup(Duration.ZERO)
                    .timeout(Duration.ofMillis(100)).build();
            VernierMeasurer m = new VernierMeasurer(v, suite, closed, Duration.ofSeconds(2), Duration.ofMillis(400),
                    Metric.THROUGHPUT);
            Measurement w = clock.runAdvancing(() -> measure(m));
            assertTrue(w.loadLimit().startsWith("system-limited"), w.loadLimit());
            assertTrue(w.metrics().get(Metric.ERROR_RATE) > 0.2, w.toString());
        }
    }

    @Test
    void aHarnessThatCouldNotKeepItsScheduleIsSaidToLimitTheWindow() {
        GeneratorHealth lagging = new GeneratorHealth(GeneratorHealth.Limit.HARNESS, "harness-limited: lag p99 4000 µs",
                10_000, 3_000, 0, 0, 0, 100, 4_000, 9_000, 0.1, "");
        ThroughputResult t = new ThroughputResult(LoadModel.constantRate(10_000), List.of(), 8_000, 8_000, 8_000,
                8_000, 0, 1, new Outcomes(8_000, 0, 0, 0, 0, 0), Map.of(), Map.of(), List.of(), lagging);
        Measurement w = VernierMeasurer.toMeasurement(t, Metric.THROUGHPUT);
        assertEquals("harness-limited: lag p99 4000 µs", w.loadLimit());
        GeneratorHealth held = new GeneratorHealth(GeneratorHealth.Limit.NONE, "schedule held", 10_000, 0, 0, 0, 0, 1,
                5, 9, 0.1, "");
        t = new ThroughputResult(LoadModel.constantRate(10_000), List.of(), 6_000, 6_000, 6_000, 6_000, 0, 1,
                new Outcomes(6_000, 0, 0, 0, 0, 0), Map.of(), Map.of(), List.of(), held);
        assertFalse(VernierMeasurer.toMeasurement(t, Metric.THROUGHPUT).loadLimited(),
                "an open rate above what the configuration carried shows its capacity");
    }

    @Test
    void measuresAWindowWithSamplesAfterAWarmUpOfHalfTheWindow() throws Exception {
        try (Vernier vernier = Vernier.builder().build()) {
            VernierMeasurer m = VernierMeasurer.throughput(vernier, Suites.instant(), 500, Duration.ofMillis(500));
            Measurement w = m.measure(Configuration.of("x", 1));
            assertTrue(w.samples().size() >= 4 && w.samples().size() <= 5, w.toString());
            assertEquals(Duration.ofMillis(250), m.warmup(), "half the window warms up; never zero behind the caller's back");
            assertTrue(w.metrics().get(Metric.THROUGHPUT) > 200, w.toString());
            assertTrue(w.metrics().containsKey(Metric.P50_LATENCY_MS));
            assertTrue(w.signals().containsKey(Measurement.MAX_THROUGHPUT));
        }
    }

    @Test
    void rejectsTooShortWindows() {
        try (Vernier vernier = Vernier.builder().build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> VernierMeasurer.throughput(vernier, Suites.instant(), 100, Duration.ofMillis(50)));
            assertTrue(e.getMessage().contains("window"));
        }
    }

    private static Measurement measure(Measurer m) {
        try {
            return m.measure(Configuration.of("x", 1));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
