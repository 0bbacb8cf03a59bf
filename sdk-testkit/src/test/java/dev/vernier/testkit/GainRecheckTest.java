package dev.vernier.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GainRecheckTest {

    @Test
    void theReMeasuredRatioIsTheGeometricMeanOfThePairsWithAStudentTInterval() {
        GainRecheck r = GainRecheck.of("Throughput gain: 2.00x", 2, 1.9, 2.1, new double[] {1, 4});
        assertEquals(2, r.mean(), 1e-12);
        // logs 0 and ln 4: mean ln 2, standard error ln 2, t(0.975, 1) = 12.706
        assertEquals(Math.exp(Math.log(2) * (1 - 12.7062047)), r.low(), 1e-6);
        assertEquals(Math.exp(Math.log(2) * (1 + 12.7062047)), r.high(), 1e-3);
    }

    @Test
    void aNarrowPrintedIntervalIsWidenedToTenPercentAroundThePrintedGain() {
        GainRecheck r = GainRecheck.of("g", 5, 4.9, 5.2, new double[] {5, 5.01});
        assertEquals(4.5, r.acceptedLow(), 1e-12);
        assertEquals(5.5, r.acceptedHigh(), 1e-12);
        GainRecheck wide = GainRecheck.of("g", 5, 3, 8, new double[] {5, 5.01});
        assertEquals(3, wide.acceptedLow());
        assertEquals(8, wide.acceptedHigh());
    }

    @Test
    void aGainReMeasuredNearThePrintedOneHolds() {
        assertTrue(GainRecheck.of("g", 5, 4.8, 5.2, new double[] {4.6, 5.3, 4.9, 5.1}).holds());
    }

    @Test
    void aLuckyHeadlineReMeasuredFarLowerDoesNotHold() {
        // issue 13: 14.91x printed, 1.69x re-measured
        GainRecheck r = GainRecheck.of("Throughput gain: 14.91x", 14.91, 13, 17, new double[] {1.6, 1.8, 1.7, 1.65});
        assertFalse(r.holds(), r.description());
    }

    @Test
    void theDescriptionNamesThePrintedLineTheReMeasuredFiguresThePairsAndTheAcceptedRange() {
        GainRecheck r = GainRecheck.of("Throughput gain: 2.00x", 2, 1.9, 2.1, new double[] {2, 2});
        assertEquals("printed Throughput gain: 2.00x; re-measured x2.00 (95% CI x2.00-x2.00) from pairs [x2.00, x2.00];"
                + " accepted while the intervals meet x1.80-x2.20", r.description());
    }

    @Test
    void fewerThanTwoPairsAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GainRecheck.of("g", 2, 1, 3, new double[] {2}));
        assertTrue(e.getMessage().contains("pairRatios") && e.getMessage().contains("1"), e.getMessage());
    }

    @Test
    void aRatioThatIsNotPositiveIsRefusedByIndex() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> GainRecheck.of("g", 2, 1, 3, new double[] {2, 0}));
        assertTrue(e.getMessage().contains("pairRatios[1]") && e.getMessage().contains("0.0"), e.getMessage());
    }
}
