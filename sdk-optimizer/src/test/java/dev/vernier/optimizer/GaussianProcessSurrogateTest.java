package dev.vernier.optimizer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The session's default surrogate: what it predicts, how sure it is, and which parameters it finds matter. */
class GaussianProcessSurrogateTest {

    private static List<double[]> points(Random r, int n, int d) {
        List<double[]> x = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] p = new double[d];
            for (int j = 0; j < d; j++) {
                p[j] = r.nextDouble();
            }
            x.add(p);
        }
        return x;
    }

    private static double peak(double[] p) {
        return -4 * ((p[0] - 0.6) * (p[0] - 0.6) + (p[1] - 0.3) * (p[1] - 0.3));
    }

    @Test
    void predictsASmoothSurfaceBetweenItsPointsAndIsSurestNearThem() {
        Random r = new Random(3);
        List<double[]> x = points(r, 25, 2);
        double[] y = x.stream().mapToDouble(GaussianProcessSurrogateTest::peak).toArray();
        GaussianProcessSurrogate gp = new GaussianProcessSurrogate();
        gp.fit(x, y);
        double worst = 0;
        for (double[] p : points(new Random(4), 50, 2)) {
            if (p[0] > 0.15 && p[0] < 0.85 && p[1] > 0.15 && p[1] < 0.85) {
                worst = Math.max(worst, Math.abs(gp.predict(p).mean() - peak(p)));
            }
        }
        // the surface spans about 1.4 from its top to the far corner
        assertTrue(worst < 0.1, "largest error inside the sampled region " + worst);
        assertTrue(gp.predict(new double[] {0.6, 0.3}).mean() > gp.predict(new double[] {0.1, 0.9}).mean());
        double atAPoint = gp.predict(x.get(0)).stdDev();
        double farOut = gp.predict(new double[] {3, -2}).stdDev();
        assertTrue(farOut > 5 * atAPoint, "uncertainty at a measured point " + atAPoint + ", far from all " + farOut);
    }

    @Test
    void fitsAreDeterministic() {
        List<double[]> x = points(new Random(11), 15, 2);
        double[] y = x.stream().mapToDouble(GaussianProcessSurrogateTest::peak).toArray();
        GaussianProcessSurrogate a = new GaussianProcessSurrogate();
        GaussianProcessSurrogate b = new GaussianProcessSurrogate();
        a.fit(x, y);
        b.fit(x, y);
        assertArrayEquals(a.lengthScales(), b.lengthScales());
        assertEquals(a.predict(new double[] {0.4, 0.4}), b.predict(new double[] {0.4, 0.4}));
    }

    @Test
    void fewPointsOrEqualValuesPredictTheirMean() {
        GaussianProcessSurrogate gp = new GaussianProcessSurrogate();
        gp.fit(List.of(new double[] {0.1}, new double[] {0.9}), new double[] {1, 3});
        assertEquals(2, gp.predict(new double[] {0.5}).mean(), 1e-12);
        assertTrue(gp.predict(new double[] {0.5}).stdDev() > 0);
        gp.fit(List.of(new double[] {0.1}, new double[] {0.5}, new double[] {0.9}), new double[] {4, 4, 4});
        assertEquals(4, gp.predict(new double[] {0.3}).mean(), 1e-12);
    }

    @Test
    void badInputIsNamed() {
        GaussianProcessSurrogate gp = new GaussianProcessSurrogate();
        IllegalStateException notFitted = assertThrows(IllegalStateException.class, () -> gp.predict(new double[] {0}));
        assertTrue(notFitted.getMessage().contains("not fitted"), notFitted.getMessage());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> gp.fit(List.of(new double[] {0}), new double[] {1, 2}));
        assertTrue(e.getMessage().contains("1 and 2"), e.getMessage());
    }

    @Test
    void theConstraintPriorCarriesALinearTrendOnAwayFromTheData() {
        // log of a p99 over its limit that grows linearly on the unit cube, as a power of the batch does
        // on its log scale: measured at the start, one step away and in the middle of the cube
        List<double[]> x = List.of(new double[] {0, 0}, new double[] {0.17, 0.17}, new double[] {0.74, 0.6});
        double[] y = x.stream().mapToDouble(GaussianProcessSurrogateTest::logP99).toArray();
        double[] corner = {1, 1};
        GaussianProcessSurrogate flat = new GaussianProcessSurrogate();
        flat.fit(x, y);
        GaussianProcessSurrogate linear = new GaussianProcessSurrogate(GaussianProcessSurrogate.CONSTRAINT_PRIOR_LINEAR);
        linear.fit(x, y);
        double truth = logP99(corner);
        double flatError = Math.abs(flat.predict(corner).mean() - truth);
        double linearError = Math.abs(linear.predict(corner).mean() - truth);
        assertTrue(linearError < 0.5 * flatError, "error at the corner " + linearError + " vs " + flatError);
        assertTrue(linear.predict(corner).mean() > 0, "the corner breaks the limit: " + linear.predict(corner));
    }

    @Test
    void aLinearPriorOutsideItsRangeIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GaussianProcessSurrogate(100));
        assertTrue(e.getMessage().contains("priorLinear") && e.getMessage().contains("100"), e.getMessage());
    }

    private static double logP99(double[] u) {
        return -2.6 + 3.47 * u[0] + 0.18 * u[1];
    }
}
