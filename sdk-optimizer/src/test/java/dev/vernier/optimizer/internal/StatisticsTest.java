package dev.vernier.optimizer.internal;

import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Paired log ratios, the moderated variance, the trust region and the calibration map. */
class StatisticsTest {

    @Test
    void pairedComparisonUsesLogRatiosAndThePooledPrior() {
        double[] a = {100, 200};
        double[] b = {110, 220};
        NoisePool.Estimate prior = new NoisePool.Estimate(0.01, 10);
        Paired.Result r = Paired.compare(a, b, prior, true);
        assertTrue(r.log());
        assertEquals(0.10, r.gain(true), 1e-12, "both pairs are +10%: drift between pairs does not matter");
        assertEquals(11, r.degreesOfFreedom(), 1e-12);
        double se = Math.sqrt(10 * 0.01 / 11 / 2);
        double t = new TDistribution(null, 11).inverseCumulativeProbability(0.99);
        assertEquals(Math.exp(Math.log(1.1) - t * se) - 1, r.lowerBound(true, 0.99), 1e-12);
        assertEquals(1 - Math.exp(Math.log(1.1) + t * se), r.lowerBound(false, 0.99), 1e-12);
    }

    @Test
    void theKeepTestSpendsItsErrorRateInProportionToThePairsMeasured() {
        double alpha = 0.01;
        int[] looks = {1, 2, 4, 6}; // after the first pair and after each of three ABBA rounds
        double spent = 0;
        double[] perLook = new double[looks.length];
        for (int i = 0; i < looks.length; i++) {
            double cumulative = Duel.spent(alpha, looks[i] / 6.0);
            perLook[i] = cumulative - spent;
            spent = cumulative;
        }
        assertEquals(alpha, spent, 1e-15, "the looks together spend the comparison's error rate, no more");
        assertEquals(alpha / 6, perLook[0], 1e-15, "one pair of six spends a sixth");
        assertTrue(perLook[0] < alpha / 4 && perLook[3] > alpha / 4,
                "early looks are stricter and the last look looser than an even split over four looks");
        assertEquals(0.004, Duel.spent(alpha, 0.4), 1e-15);
        assertEquals(alpha, Duel.spent(alpha, 1.5), 1e-15, "past the last pair nothing more is spent");
        assertEquals(0, Duel.spent(alpha, -1), 1e-15);
        assertThrows(IllegalArgumentException.class, () -> Duel.spent(0, 0.5));
        assertThrows(IllegalArgumentException.class, () -> Duel.spent(alpha, Double.NaN));
    }

    @Test
    void onePairWithoutPriorHasNoBound() {
        Paired.Result r = Paired.compare(new double[] {100}, new double[] {150}, NoisePool.Estimate.NONE, true);
        assertEquals(Double.NEGATIVE_INFINITY, r.lowerBound(true, 0.95));
        assertThrows(IllegalArgumentException.class, () -> Paired.compare(new double[0], new double[0], null, true));
    }

    @Test
    void zerosFallBackToRelativeDifferences() {
        Paired.Result r = Paired.compare(new double[] {0.02, 0.02}, new double[] {0, 0.01}, null, true);
        assertTrue(!r.log());
        assertEquals(-0.75, r.meanDifference(), 1e-12);
    }

    @Test
    void noisePoolCapsItsDegreesOfFreedom() {
        NoisePool pool = new NoisePool(5);
        pool.addReplicates("x", new double[] {100, 110, 90});
        pool.add("x", 0.5, 10);
        NoisePool.Estimate e = pool.estimate("x");
        assertEquals(5, e.degreesOfFreedom(), 1e-12);
        assertTrue(e.variance() > 0);
        assertEquals(NoisePool.Estimate.NONE, pool.estimate("y"));
    }

    @Test
    void trustRegionGrowsOnSuccessAndShrinksOnFailure() {
        TrustRegion t = new TrustRegion(0.5, 0.25);
        t.success();
        assertEquals(0.5, t.radius(), 1e-12);
        t.success();
        assertEquals(0.5, t.radius(), 1e-12, "never beyond the safe step");
        t.failure(false);
        assertEquals(0.375, t.radius(), 1e-12);
        t.failure(true);
        assertEquals(0.1875, t.radius(), 1e-12);
        assertEquals(2, t.failuresInARow());
        while (!t.converged()) {
            t.failure(false);
        }
        assertTrue(t.radius() < t.minimum());
    }

    @Test
    void calibrationIsAProbabilityThatRisesWithTheModelsProbability() {
        double previous = 0;
        for (double raw = 0; raw <= 1; raw += 0.1) {
            double c = Calibration.DEFAULT.apply(new Calibration.Features(raw, 0.1, 0.1, 5, 0.1, 0.25));
            assertTrue(c > 0 && c < 1, "calibrated " + c);
            assertTrue(c >= previous, "monotone in the raw probability");
            previous = c;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Calibration(new double[3]));
        assertTrue(e.getMessage().contains("7 finite coefficients"), e.getMessage());
    }
}
