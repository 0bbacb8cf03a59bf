package dev.vernier.optimizer.internal;

import dev.vernier.optimizer.RandomForestSurrogate;
import org.junit.jupiter.api.Test;

import dev.vernier.api.tuning.Metric;
import dev.vernier.api.tuning.Objective;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a collapse excludes: the region past it along the numeric parameters that moved. */
class SurrogatesTest {

    /** Coordinates: a log-scaled batch size (numeric) and a pipelining flag (boolean). */
    private static final boolean[] BATCH_AND_FLAG = {true, false};

    private static Surrogates fitted(boolean[] numeric, Surrogates.Point... extra) {
        Surrogates s = new Surrogates(() -> new RandomForestSurrogate(10, 1), List.of(), numeric);
        List<Surrogates.Point> points = new java.util.ArrayList<>(List.of(
                new Surrogates.Point(new double[] {0.50, 0}, 1.0, new double[0], false, null, Double.NaN),
                new Surrogates.Point(new double[] {0.40, 0}, 0.9, new double[0], false, null, Double.NaN),
                new Surrogates.Point(new double[] {0.30, 1}, 0.8, new double[0], false, null, Double.NaN)));
        points.addAll(List.of(extra));
        assertTrue(s.fit(points));
        return s;
    }

    @Test
    void aBatchThatCollapsedWithAFlagFlippedDoesNotExcludeTheFlagAtTheIncumbentsBatch() {
        // incumbent (0.5, off); (0.9, on) collapsed: the batch went too far, pipelining is not to blame
        Surrogates s = fitted(BATCH_AND_FLAG, new Surrogates.Point(new double[] {0.9, 1}, Double.NaN, new double[0],
                true, new double[] {0.5, 0}, 1.0));
        assertFalse(s.pastACliff(new double[] {0.5, 1}), "pipelining on at the incumbent's batch");
        assertFalse(s.pastACliff(new double[] {0.65, 0}), "a batch short of the midpoint");
        assertTrue(s.pastACliff(new double[] {0.75, 0}), "past the midpoint of the batch step, pipelining off");
        assertTrue(s.pastACliff(new double[] {0.75, 1}), "past the midpoint of the batch step, pipelining on");
    }

    @Test
    void withoutKnowingWhichCoordinatesAreNumericTheFlipDominatesTheStep() {
        // the old geometry, kept for a space of numeric parameters only: the flip (a step of 1) excluded
        // pipelining at the incumbent's batch
        Surrogates s = fitted(null, new Surrogates.Point(new double[] {0.9, 1}, Double.NaN, new double[0], true,
                new double[] {0.5, 0}, 1.0));
        assertTrue(s.pastACliff(new double[] {0.5, 1}));
    }

    @Test
    void aCollapseOfAFlipAloneExcludesThatSideOfTheFlag() {
        Surrogates s = fitted(BATCH_AND_FLAG, new Surrogates.Point(new double[] {0.5, 1}, Double.NaN, new double[0],
                true, new double[] {0.5, 0}, 1.0));
        assertTrue(s.pastACliff(new double[] {0.5, 1}));
        assertTrue(s.pastACliff(new double[] {0.4, 1}));
        assertFalse(s.pastACliff(new double[] {0.4, 0}));
    }

    @Test
    void aFlagSetByTwoCollapsedStepsWithDifferentBatchesIsBlamed() {
        // incumbent (0.5, off): (0.6, on) and (0.4, on) both collapsed: the batch went both ways, the flag is to blame
        Surrogates once = fitted(BATCH_AND_FLAG, new Surrogates.Point(new double[] {0.6, 1}, Double.NaN, new double[0],
                true, new double[] {0.5, 0}, 1.0));
        assertFalse(once.pastACliff(new double[] {0.5, 1}), "one collapse is ambiguous");
        Surrogates twice = fitted(BATCH_AND_FLAG, new Surrogates.Point(new double[] {0.6, 1}, Double.NaN, new double[0],
                true, new double[] {0.5, 0}, 1.0), new Surrogates.Point(new double[] {0.4, 1}, Double.NaN, new double[0],
                true, new double[] {0.5, 0}, 1.0));
        assertTrue(twice.pastACliff(new double[] {0.5, 1}));
        assertTrue(twice.pastACliff(new double[] {0.2, 1}));
        assertFalse(twice.pastACliff(new double[] {0.5, 0}));
        assertFalse(twice.pastACliff(new double[] {0.58, 0}), "the batch moves those collapses made are not blamed");
        assertFalse(twice.pastACliff(new double[] {0.42, 0}), "the batch moves those collapses made are not blamed");
    }

    @Test
    void aCandidateMustRespectALimitByTheKeepRulesMarginToCountAsFeasible() {
        // p99 over its 40 ms limit grows as a power of the (log-scaled) batch: 0.25 at 0, 0.71 at 0.75
        Surrogates s = new Surrogates(() -> new RandomForestSurrogate(10, 1),
                List.of(new Objective.Constraint(Metric.P99_LATENCY_MS, Objective.Constraint.Kind.AT_MOST, 40)),
                new boolean[] {true});
        List<Surrogates.Point> points = new java.util.ArrayList<>();
        for (double x : new double[] {0, 0.25, 0.5, 0.75}) {
            points.add(new Surrogates.Point(new double[] {x}, x, new double[] {0.25 * Math.pow(4, x)}, false, null,
                    Double.NaN));
        }
        assertTrue(s.fit(points));
        double[] measured = {0.75};
        assertTrue(s.score(measured).feasible() > 0.99, "measured at 71% of the limit: inside it");
        s.margins(new double[] {0.4});
        assertTrue(s.score(measured).feasible() < 0.5,
                "a margin of exp(0.4) = 1.49x asks for 67% of the limit at most: " + s.score(measured).feasible());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> s.margins(new double[] {-0.1}));
        assertTrue(e.getMessage().contains("margins") && e.getMessage().contains("-0.1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> s.margins(new double[0]));
    }
}
