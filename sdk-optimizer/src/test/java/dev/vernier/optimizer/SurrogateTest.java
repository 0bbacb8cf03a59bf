package dev.vernier.optimizer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The random-forest surrogate represents interactions and does not extrapolate wildly from a few points. */
class SurrogateTest {

    @Test
    void theTrendRepresentsAnInteraction() {
        // a ridge: the best x1 depends on x0 (x0 = x1), as the best batch depends on the window
        Random r = new Random(1);
        List<double[]> x = new ArrayList<>();
        double[] y = new double[16];
        for (int i = 0; i < y.length; i++) {
            double[] p = {r.nextDouble(), r.nextDouble()};
            x.add(p);
            y[i] = -(p[0] - p[1]) * (p[0] - p[1]);
        }
        RandomForestSurrogate s = new RandomForestSurrogate(50, 1);
        s.fit(x, y);
        assertTrue(s.predict(new double[] {0.8, 0.8}).mean() > s.predict(new double[] {0.8, 0.2}).mean());
        assertTrue(s.predict(new double[] {0.2, 0.2}).mean() > s.predict(new double[] {0.2, 0.8}).mean());
    }

    @Test
    void everyTreeHasOutOfBagRowsFromThreePointsOn() {
        // a bootstrap of 3 rows draws all three in 2 of 9 trees, which Smile logs at ERROR ("Regression tree
        // trained without OOB samples"); subsampling without replacement always leaves a row out
        Random r = new Random(5);
        for (int n = RandomForestSurrogate.MIN_POINTS; n <= 12; n++) {
            List<double[]> x = new ArrayList<>();
            double[] y = new double[n];
            for (int i = 0; i < n; i++) {
                x.add(new double[] {r.nextDouble(), r.nextDouble()});
                y[i] = r.nextGaussian();
            }
            RandomForestSurrogate s = new RandomForestSurrogate(100, n);
            s.fit(x, y);
            int[] oob = s.outOfBagRows();
            assertEquals(100, oob.length, "trees at " + n + " points");
            for (int k = 0; k < oob.length; k++) {
                assertTrue(oob[k] >= 1, "tree " + k + " at " + n + " points has no out-of-bag row");
            }
        }
    }

    @Test
    void threePointsOnALineDoNotMakeAParabolaThatShootsUpAtTheBounds() {
        List<double[]> x = List.of(new double[] {0.1}, new double[] {0.2}, new double[] {0.3});
        double[] y = {1.0, 1.1, 1.2};
        RandomForestSurrogate s = new RandomForestSurrogate(50, 1);
        s.fit(x, y);
        double atBound = s.predict(new double[] {1.0}).mean();
        assertTrue(atBound < 2.0, "linear extrapolation gives 1.9 at most, the surrogate said " + atBound);
    }
}
