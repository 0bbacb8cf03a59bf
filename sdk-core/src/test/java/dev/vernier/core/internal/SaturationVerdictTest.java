package dev.vernier.core.internal;

import dev.vernier.api.Phase;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.LoadModel;
import dev.vernier.api.Scenario;
import dev.vernier.core.result.GeneratorHealth;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The saturation rule (generator-limited when lag p99 exceeds the threshold or more than the allowed
 * share of intended sends were late or refused), fed scripted lag and drop series through the same
 * path as a run: shard recording, harvest, {@link Phases#health}.
 */
class SaturationVerdictTest {

    private static final long US = 1_000L;
    private static final long THRESHOLD = 1_000 * US; // scenario default: 1 ms
    private static final double SHARE = 0.001;        // scenario default: 0.1 %

    /** A scripted open-model recording: lags in ns, plus refused sends (refused sends also have a lag). */
    private static GeneratorHealth health(long[] lags, long refused) {
        return health(lags, refused, 0);
    }

    /** As above, refused sends recorded with {@code refusedLag}, as the generator records them. */
    private static GeneratorHealth health(long[] lags, long refused, long refusedLag) {
        Scenario s = Scenario.builder("verdict").load(LoadModel.constantRate(1_000)).warmup(Duration.ZERO)
                .lagThreshold(Duration.ofNanos(THRESHOLD)).maxLateShare(SHARE).build();
        LoadPlan plan = LoadPlan.of(Phase.THROUGHPUT, s, s.load(), 0);
        ShardedRecorder recorder = new ShardedRecorder(1, plan.highestTrackableNanos(), plan.lagThresholdNanos());
        Shard shard = recorder.shard();
        for (long lag : lags) {
            shard.recordLag(lag);
        }
        for (long i = 0; i < refused; i++) {
            shard.recordRefused(0, refusedLag);
        }
        Bucket total = recorder.newAggregate();
        recorder.harvestInto(total);
        LoadOutput out = new LoadOutput(plan, List.of(), List.of(), total, lags.length + refused, 0, 0, Map.of(),
                List.of());
        return Phases.health(out);
    }

    private static long[] series(int n, long value) {
        long[] a = new long[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    @Test
    void zeroSendsIsNotGeneratorLimited() {
        GeneratorHealth h = health(new long[0], 0);
        assertEquals(0, h.intendedSends());
        assertEquals(0, h.lagP99Micros());
        assertFalse(h.generatorLimited(), h.verdict());
        assertFalse(Phases.verdict(0, 0, 0, 0, 0, 0, 1_000, SHARE).generatorLimited());
    }

    @Test
    void smallLagWithNoLateOrRefusedSendsHoldsTheSchedule() {
        GeneratorHealth h = health(series(100_000, 20 * US), 0);
        assertEquals(100_000, h.intendedSends());
        assertEquals(0, h.lateSends());
        assertEquals(20, h.lagP99Micros(), 0.1);
        assertFalse(h.generatorLimited(), h.verdict());
        assertTrue(h.verdict().startsWith("schedule held"), h.verdict());
    }

    @Test
    void lagP99AboveThresholdIsGeneratorLimited() {
        // 2 % of sends 5 ms late: p99 is 5 ms > 1 ms
        long[] lags = series(100_000, 10 * US);
        for (int i = 0; i < 2_000; i++) {
            lags[i * 50] = 5_000 * US;
        }
        GeneratorHealth h = health(lags, 0);
        assertTrue(h.lagP99Micros() > 1_000, "p99 " + h.lagP99Micros());
        assertEquals(2_000, h.lateSends());
        assertTrue(h.generatorLimited(), h.verdict());
        assertTrue(h.verdict().startsWith("generator-limited"), h.verdict());
    }

    @Test
    void lagP99JustBelowThresholdWithFewLateSendsHolds() {
        // 0.05 % late (below 0.1 %), p99 at 900 µs (below 1 ms)
        long[] lags = series(100_000, 900 * US);
        for (int i = 0; i < 50; i++) {
            lags[i * 2_000] = 3_000 * US;
        }
        GeneratorHealth h = health(lags, 0);
        assertEquals(50, h.lateSends());
        assertTrue(h.lagP99Micros() < 1_000, "p99 " + h.lagP99Micros());
        assertEquals(3_000, h.lagMaxMicros(), 3_000 * 0.001);
        assertFalse(h.generatorLimited(), h.verdict());
    }

    @Test
    void lateShareAboveLimitIsGeneratorLimitedEvenWithLowP99() {
        // 0.5 % of sends late (p99 stays low): share 0.5 % > 0.1 %
        long[] lags = series(100_000, 10 * US);
        for (int i = 0; i < 500; i++) {
            lags[i * 200] = 2_000 * US;
        }
        GeneratorHealth h = health(lags, 0);
        assertTrue(h.lagP99Micros() < 1_000, "p99 " + h.lagP99Micros());
        assertEquals(500, h.lateSends());
        assertTrue(h.generatorLimited(), h.verdict());
    }

    @Test
    void refusedSendsCountTowardsTheShare() {
        GeneratorHealth below = health(series(100_000, 10 * US), 50);   // 0.05 %
        assertEquals(50, below.refusedSends());
        assertEquals(100_050, below.intendedSends());
        assertFalse(below.generatorLimited(), below.verdict());

        GeneratorHealth above = health(series(100_000, 10 * US), 500);  // ~0.5 %
        assertEquals(500, above.refusedSends());
        assertTrue(above.generatorLimited(), above.verdict());
    }

    @Test
    void lateAndRefusedAddUp() {
        // 0.06 % late + 0.06 % refused = 0.12 % > 0.1 %, while either alone would pass
        long[] lags = series(100_000, 10 * US);
        for (int i = 0; i < 60; i++) {
            lags[i * 1_000] = 2_000 * US;
        }
        GeneratorHealth h = health(lags, 60);
        assertEquals(60, h.lateSends());
        assertEquals(60, h.refusedSends());
        assertTrue(h.generatorLimited(), h.verdict());
    }

    @Test
    void ruleBoundariesAreStrict() {
        // exactly at the threshold and exactly at the share: not limited (rule uses strict >)
        assertFalse(Phases.verdict(1_000_000, 1_000, 0, 5, 1_000, 2_000, 1_000, SHARE).generatorLimited());
        assertTrue(Phases.verdict(1_000_000, 1_001, 0, 5, 999, 2_000, 1_000, SHARE).generatorLimited());
        assertTrue(Phases.verdict(1_000_000, 0, 0, 5, 1_000.5, 2_000, 1_000, SHARE).generatorLimited());
    }

    /**
     * A send that is both late and refused is one send: the share can never exceed 100% (it once did:
     * "2171 of 2000 sends late or refused").
     */
    @Test
    void aLateRefusedSendCountsOnce() {
        GeneratorHealth h = health(series(100_000, 10 * US), 100, 5_000 * US);
        assertTrue(h.lateSends() + h.refusedSends() <= h.intendedSends());
        assertTrue(h.verdict().contains("100 of 100100"), h.verdict());
    }

    @Test
    void lateSendsAloneSayTheLoadWasBurstierNotThatTheRateWasTheGenerators() {
        GeneratorHealth late = Phases.verdict(100_000, 500, 0, 90, 800, 9_000, 1_000, SHARE);
        assertTrue(late.generatorLimited(), late.verdict());
        assertTrue(late.verdict().contains("burstier"), late.verdict());
        assertFalse(late.verdict().contains("not the system's"), late.verdict());
        GeneratorHealth lagging = Phases.verdict(100_000, 500, 0, 90, 1_800, 9_000, 1_000, SHARE);
        assertTrue(lagging.verdict().contains("the rate shown is the generator's"), lagging.verdict());
        GeneratorHealth refused = Phases.verdict(100_000, 0, 500, 90, 200, 900, 1_000, SHARE);
        assertTrue(refused.verdict().contains("the rate shown is the generator's"), refused.verdict());
    }
}
