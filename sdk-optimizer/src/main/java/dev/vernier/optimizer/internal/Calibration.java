package dev.vernier.optimizer.internal;

import java.util.Arrays;

/**
 * Turns what the models say about a candidate into a calibrated confidence: the probability that
 * the change pays (respects the constraints and improves the objective by at least the keep
 * threshold), such that of proposals shown at 0.8 about 80% pay.
 *
 * <p>The raw probability from the model's spread is not calibrated: it is near 1 for wild
 * extrapolations that collapse, and near 0.5 for the first, model-free steps that pay more often
 * than not because a session usually starts far from its optimum. The map is therefore a logistic
 * regression on a few features of the candidate ({@link Features}), fitted offline on simulated
 * sessions ({@code TunerComparison --calibrate} in sdk-benchmarks, seeds 1000 and up); docs/optimizer.md
 * shows how well it holds on the comparison's own seeds. Immutable and thread-safe.
 */
public final class Calibration {

    /**
     * What the models say about one candidate.
     *
     * @param raw the models' probability that it pays: P(objective above the incumbent's plus the
     *     threshold) times P(constraints hold), in [0, 1]
     * @param predictedGain predicted log gain over the incumbent (model scale)
     * @param spread the objective model's standard deviation there (model scale)
     * @param observations measured configurations so far
     * @param nearest Euclidean distance to the nearest measured configuration, in unit-cube
     *     coordinates divided by the square root of the number of parameters
     * @param radius the trust region's radius
     */
    public record Features(double raw, double predictedGain, double spread, int observations, double nearest,
                           double radius) {

        /** @return the features as the logistic map sees them (before the intercept) */
        public double[] vector() {
            double p = Math.max(1e-3, Math.min(1 - 1e-3, raw));
            return new double[] {Math.log(p / (1 - p)), clamp(predictedGain, -3, 3), Math.min(spread, 3),
                Math.log1p(observations), nearest, radius};
        }

        private static double clamp(double v, double lo, double hi) {
            return Double.isNaN(v) ? 0 : Math.max(lo, Math.min(hi, v));
        }
    }

    /** Intercept first, then one coefficient per feature of {@link Features#vector()}. */
    private static final double[] FITTED = {1.6520, 1.1920, 0.8782, 0.0866, -1.1139, 1.6758, -1.0627};

    /** The fitted map. */
    public static final Calibration DEFAULT = new Calibration(FITTED);
    /** No calibration: the raw probability is shown. */
    public static final Calibration IDENTITY = new Calibration(new double[] {0, 1, 0, 0, 0, 0, 0});

    private final double[] coefficients;

    /**
     * @param coefficients intercept and one coefficient per feature (7 in all)
     * @throws IllegalArgumentException when there are not 7 finite coefficients
     */
    public Calibration(double[] coefficients) {
        if (coefficients.length != 7 || Arrays.stream(coefficients).anyMatch(c -> !Double.isFinite(c))) {
            throw new IllegalArgumentException("calibration needs 7 finite coefficients, but was "
                    + Arrays.toString(coefficients));
        }
        this.coefficients = coefficients.clone();
    }

    /**
     * @param f what the models say about a candidate
     * @return the calibrated probability that it pays, in (0, 1)
     */
    public double apply(Features f) {
        double[] x = f.vector();
        double z = coefficients[0];
        for (int i = 0; i < x.length; i++) {
            z += coefficients[i + 1] * x[i];
        }
        return 1 / (1 + Math.exp(-z));
    }
}
