package dev.vernier.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void theCriticalValueAndThePValueOfStudentsTAreEachOthersInverse() {
        // table value: t(0.975, 9) = 2.262157
        assertEquals(2.262157, Stats.tCritical(0.95, 9), 1e-6);
        assertEquals(0.05, Stats.twoSidedP(Stats.tCritical(0.95, 9), 9), 1e-9);
        assertEquals(Stats.twoSidedP(-1.3, 4.5), Stats.twoSidedP(1.3, 4.5), 0);
    }

    @Test
    void momentsAreTheUnbiasedOnesAndEmptySamplesHaveNone() {
        double[] xs = {2, 4, 4, 4, 5, 5, 7, 9};
        assertEquals(5, Stats.mean(xs), 0);
        assertEquals(32.0 / 7, Stats.variance(xs), 1e-12);
        assertEquals(0, Stats.variance(new double[] {3}), 0);
        assertTrue(Double.isNaN(Stats.mean(new double[0])));
    }
}
