package dev.vernier.core.stats;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.StatUtils;

/**
 * The statistics kernel that the engine's verdicts and the optimizer's keep/revert rule share: sample
 * moments and Student's t, on Commons Math. One place, so that a "95% interval" means the same thing
 * in a run's report, in a comparison of two runs and in a tuning decision.
 *
 * <p>Stateless and thread-safe.
 */
public final class Stats {

    private Stats() {
    }

    /**
     * @param xs the samples
     * @return their arithmetic mean; NaN when there are none
     */
    public static double mean(double[] xs) {
        return StatUtils.mean(xs);
    }

    /**
     * @param xs the samples
     * @return their unbiased sample variance (n - 1 in the denominator); 0 for one sample, NaN for none
     */
    public static double variance(double[] xs) {
        return StatUtils.variance(xs);
    }

    /**
     * @param p the lower-tail probability, in (0, 1)
     * @param degreesOfFreedom more than 0; need not be whole (Welch-Satterthwaite)
     * @return the p-quantile of Student's t with those degrees of freedom
     */
    public static double tQuantile(double p, double degreesOfFreedom) {
        return new TDistribution(null, degreesOfFreedom).inverseCumulativeProbability(p);
    }

    /**
     * @param confidence e.g. 0.95
     * @param degreesOfFreedom more than 0
     * @return the critical value of a two-sided interval at that confidence
     */
    public static double tCritical(double confidence, double degreesOfFreedom) {
        return tQuantile(1 - (1 - confidence) / 2, degreesOfFreedom);
    }

    /**
     * @param t a t statistic
     * @param degreesOfFreedom more than 0
     * @return its two-sided p-value
     */
    public static double twoSidedP(double t, double degreesOfFreedom) {
        return 2 * new TDistribution(null, degreesOfFreedom).cumulativeProbability(-Math.abs(t));
    }
}
