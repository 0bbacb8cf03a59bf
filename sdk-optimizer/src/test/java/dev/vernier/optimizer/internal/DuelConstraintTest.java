package dev.vernier.optimizer.internal;

import dev.vernier.api.tuning.Metric;
import dev.vernier.api.tuning.Objective;
import dev.vernier.optimizer.Measurement;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The keep rule's constraint checks: the margin for noise, its futility stop, and a reference past a limit by noise. */
class DuelConstraintTest {

    private static final Objective P99_40 = Objective.maximize(Metric.THROUGHPUT).atMost(Metric.P99_LATENCY_MS, 40);

    /** A pool that knows a 10% block-to-block noise of p99 and a 5% noise of the throughput's paired differences. */
    private static NoisePool pool() {
        NoisePool p = new NoisePool(20);
        p.add("rep:" + Metric.P99_LATENCY_MS, 0.01 * 20, 20);
        p.add("diff:" + Metric.THROUGHPUT, 0.0025 * 20, 20);
        return p;
    }

    private static Measurement block(double throughput, double p99) {
        return Measurement.of(Map.of(Metric.THROUGHPUT, throughput, Metric.P99_LATENCY_MS, p99), List.of());
    }

    /** Pairs of (reference, candidate) blocks: {reference throughput, reference p99, candidate throughput, candidate p99}. */
    private static Duel duel(double[]... pairs) {
        Duel d = new Duel();
        for (double[] p : pairs) {
            d.add(false, block(p[0], p[1]));
            d.add(true, block(p[2], p[3]));
        }
        return d;
    }

    @Test
    void theMarginIsTheOneSidedBoundOfTheMeanOfTheCandidatesBlocksWithThePooledNoise() {
        double t = new TDistribution(null, 20 + 6 - 1).inverseCumulativeProbability(Duel.CONSTRAINT_LEVEL);
        assertEquals(t * 0.1 / Math.sqrt(6), Duel.constraintMargin(Metric.P99_LATENCY_MS, pool(), 6), 1e-12);
        assertTrue(Duel.constraintMargin(Metric.P99_LATENCY_MS, pool(), 12)
                < Duel.constraintMargin(Metric.P99_LATENCY_MS, pool(), 6), "more blocks, a narrower margin");
        assertEquals(0, Duel.constraintMargin(Metric.P99_LATENCY_MS, new NoisePool(20), 6),
                "nothing known of the noise yet: no margin to aim inside");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Duel.constraintMargin(Metric.P99_LATENCY_MS, pool(), 0));
        assertTrue(e.getMessage().contains("blocks") && e.getMessage().contains("0"), e.getMessage());
    }

    @Test
    void aCandidateTooCloseToTheLimitToBeShownWithinItsPairsLeftIsRevertedEarly() {
        // +20% at p99 41 and 42 ms after two pairs: even at the favourable end of its 90% interval (about 37.8 ms)
        // the margin the rule asks after six pairs (about 7%) puts it past 40 ms
        Duel close = duel(new double[] {1000, 30, 1200, 41}, new double[] {1000, 30, 1200, 42});
        Duel.Outcome out = close.evaluate(P99_40, pool(), 0.999, 0.05, false, true, 6);
        assertEquals(Duel.Verdict.REVERT_UNSHOWN, out.verdict(), out.reason());
        assertTrue(out.reason().startsWith("cannot be shown to respect P99_LATENCY_MS <= 40.0ms"), out.reason());

        Duel.Outcome lastPair = close.evaluate(P99_40, pool(), 0.999, 0.05, false, true, 2);
        assertEquals(Duel.Verdict.CONTINUE, lastPair.verdict(), "with no pairs left the projection has nothing to"
                + " add: the rule's own last look decides " + lastPair.reason());

        // at 37 ms it is uncertain now but may still be shown with four more pairs: measured on
        Duel inside = duel(new double[] {1000, 30, 1200, 37}, new double[] {1000, 30, 1200, 37});
        Duel.Outcome open = inside.evaluate(P99_40, pool(), 0.999, 0.05, false, true, 6);
        assertEquals(Duel.Verdict.CONTINUE, open.verdict(), open.reason());
        assertEquals("constraint uncertain", open.reason());
    }

    @Test
    void aGainThatCannotReachTheThresholdEndsTheComparisonWhileAConstraintIsUncertain() {
        Duel worse = duel(new double[] {1000, 30, 900, 37}, new double[] {1000, 30, 910, 37});
        Duel.Outcome out = worse.evaluate(P99_40, pool(), 0.999, 0.05, false, true, 6);
        assertEquals(Duel.Verdict.REVERT, out.verdict(), out.reason());
        assertTrue(out.reason().contains("cannot reach 5.0%"), out.reason());
    }

    @Test
    void anIncumbentPastTheLimitByNoiseDoesNotLetACandidateInWithoutAGain() {
        // the incumbent measured 41 ms on average (its bounds reach well below 40 ms); the candidate is within the
        // limit but no better: the gain test decides, not the incumbent's apparent breach
        Duel noisy = duel(new double[] {1000, 40, 1000, 30}, new double[] {1000, 42, 1010, 30},
                new double[] {1000, 41, 1000, 30}, new double[] {1000, 41, 1000, 30});
        Duel.Outcome out = noisy.evaluate(P99_40, pool(), 0.999, 0.05, true, true, 4);
        assertEquals(Duel.Verdict.REVERT, out.verdict(), out.reason());

        // an incumbent shown to break the limit (60 ms, bounds above 40 ms) is left for any candidate that respects it
        Duel broken = duel(new double[] {1000, 60, 1000, 30}, new double[] {1000, 62, 1010, 30},
                new double[] {1000, 61, 1000, 30}, new double[] {1000, 61, 1000, 30});
        Duel.Outcome kept = broken.evaluate(P99_40, pool(), 0.999, 0.05, true, true, 4);
        assertEquals(Duel.Verdict.KEEP, kept.verdict(), kept.reason());
        assertTrue(kept.reason().startsWith("respects the constraints the incumbent broke"), kept.reason());
    }
}
