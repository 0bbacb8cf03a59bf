package dev.vernier.core.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.core.result.UslFit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.math3.analysis.ParametricUnivariateFunction;
import org.apache.commons.math3.fitting.SimpleCurveFitter;
import org.apache.commons.math3.fitting.WeightedObservedPoints;
import org.junit.jupiter.api.Test;

class UslFitterTest {

    private static double usl(double n, double lambda, double sigma, double kappa) {
        return lambda * n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
    }

    private static List<double[]> points(double[][] xy) {
        return List.of(xy);
    }

    /** What the fit did before: Levenberg-Marquardt without constraints. */
    private static double[] unconstrained(List<double[]> points) {
        ParametricUnivariateFunction f = new ParametricUnivariateFunction() {
            @Override
            public double value(double n, double... p) {
                return usl(n, p[0], p[1], p[2]);
            }

            @Override
            public double[] gradient(double n, double... p) {
                double d = 1 + p[1] * (n - 1) + p[2] * n * (n - 1);
                return new double[] {n / d, -p[0] * n * (n - 1) / (d * d), -p[0] * n * n * (n - 1) / (d * d)};
            }
        };
        WeightedObservedPoints obs = new WeightedObservedPoints();
        points.forEach(p -> obs.add(p[0], p[1]));
        return SimpleCurveFitter.create(f, new double[] {points.get(0)[1] / points.get(0)[0], 0.01, 0.001})
                .withMaxIterations(10_000).fit(obs.toList());
    }

    /** The issue: a negative coherency term and R² 1.000 from 4 points. */
    @Test
    void theFitStaysInsideTheLawsConstraintsAndSaysFourSizesAreTooFew() {
        List<double[]> superLinear = points(new double[][] {{1, 1000}, {3, 2500}, {5, 4600}, {7, 7400}});
        assertTrue(unconstrained(superLinear)[2] < 0, "an unconstrained fit goes negative here");
        List<double[]> falling = points(new double[][] {{1, 42782}, {3, 17592}, {5, 15874}, {7, 15653}});
        assertTrue(unconstrained(falling)[1] > 1, "and here contention goes above 1");
        for (List<double[]> data : List.of(superLinear, falling)) {
            UslFitter.Outcome o = UslFitter.fit(data);
            UslFit f = o.fit();
            assertNotNull(f, o.note());
            assertTrue(f.sigma() >= 0 && f.sigma() <= 1, f.toString());
            assertTrue(f.kappa() >= 0, f.toString());
            assertTrue(f.lambda() > 0, f.toString());
            assertFalse(f.trusted());
            assertEquals(4, f.sizes());
            assertTrue(o.note().contains("only 4 sizes for 3 parameters (1 degree of freedom left)"), o.note());
            assertTrue(f.kappaInterval().defined() && f.kappaInterval().lower() >= 0, f.toString());
            assertTrue(f.sigmaInterval().lower() >= 0 && f.sigmaInterval().upper() <= 1, f.toString());
        }
        UslFit down = UslFitter.fit(falling).fit();
        assertTrue(down.interpretation().startsWith("throughput falls as nodes are added"), down.interpretation());
    }

    /** Re-measured another way: simulated clusters with a known law, 8 sizes, 2% noise. */
    @Test
    void eightNoisySizesRecoverTheLawWithinTheirIntervals() {
        SplittableRandom rnd = new SplittableRandom(5);
        int runs = 200;
        int kappaCovered = 0;
        int sigmaCovered = 0;
        int peakCovered = 0;
        double truePeak = Math.sqrt((1 - 0.05) / 0.02);
        for (int r = 0; r < runs; r++) {
            List<double[]> data = new ArrayList<>();
            for (int n = 1; n <= 8; n++) {
                double noise = 1 + 0.02 * (rnd.nextDouble() * 2 - 1) * Math.sqrt(3); // uniform, sd 2%
                data.add(new double[] {n, usl(n, 1000, 0.05, 0.02) * noise});
            }
            UslFit f = UslFitter.fit(data).fit();
            assertTrue(f.trusted(), f.toString());
            assertEquals("", f.note());
            kappaCovered += contains(f.kappaInterval(), 0.02) ? 1 : 0;
            sigmaCovered += contains(f.sigmaInterval(), 0.05) ? 1 : 0;
            peakCovered += f.peakInterval() != null && contains(f.peakInterval(), truePeak) ? 1 : 0;
        }
        org.slf4j.LoggerFactory.getLogger(UslFitterTest.class).info("USL 95% intervals over {} runs cover kappa {},"
                + " sigma {}, peak {}", runs, kappaCovered, sigmaCovered, peakCovered);
        assertTrue(kappaCovered >= 0.85 * runs, "kappa covered " + kappaCovered + " of " + runs);
        assertTrue(sigmaCovered >= 0.85 * runs, "sigma covered " + sigmaCovered + " of " + runs);
        assertTrue(peakCovered >= 0.85 * runs, "peak covered " + peakCovered + " of " + runs);
    }

    private static boolean contains(UslFit.Interval i, double v) {
        return i.lower() <= v && v <= i.upper();
    }

    @Test
    void aPeakedLawIsFoundAndDescribed() {
        List<double[]> data = new ArrayList<>();
        for (int n : new int[] {1, 2, 4, 6, 8, 12, 16}) {
            data.add(new double[] {n, usl(n, 500, 0.1, 0.01)});
        }
        UslFit f = UslFitter.fit(data).fit();
        assertEquals(500, f.lambda(), 0.5);
        assertEquals(0.1, f.sigma(), 1e-3);
        assertEquals(0.01, f.kappa(), 1e-4);
        assertEquals(Math.sqrt(0.9 / 0.01), f.peakNodes(), 0.05);
        assertEquals(1, f.rSquared(), 1e-9);
        assertTrue(f.interpretation().startsWith("throughput peaks near 9.5 nodes"), f.interpretation());
    }

    @Test
    void threeSizesFitExactlyAndSayTheFitHasNoUncertainty() {
        UslFitter.Outcome o = UslFitter.fit(points(new double[][] {{1, 1000}, {3, 2400}, {5, 3000}}));
        assertNotNull(o.fit());
        assertFalse(o.fit().lambdaInterval().defined());
        assertTrue(o.note().contains("3 sizes for 3 parameters: the curve passes through every point"), o.note());
    }

    @Test
    void fewerThanThreeSizesGiveNoFit() {
        UslFitter.Outcome o = UslFitter.fit(points(new double[][] {{1, 1000}, {3, 2400}, {3, 2600}}));
        assertNull(o.fit());
        assertEquals("a Universal Scalability Law fit needs at least 3 sizes, measured 2", o.note());
    }
}
