package dev.vernier.optimizer.internal;

import dev.vernier.core.stats.Stats;

/**
 * Paired comparison of two configurations measured in alternating blocks: one difference per pair,
 * with the block pair, never a sub-window slice, as the unit of replication. Drift common to both
 * blocks of a pair cancels. Differences are log ratios {@code ln(b_i / a_i)} when every value is
 * positive (multiplicative noise becomes additive and a collapse to 10% is not an outlier), else
 * relative differences {@code (b_i - a_i) / mean(a)}.
 *
 * <p>The variance of the differences is moderated with a pooled prior (empirical Bayes, as limma's
 * moderated t): {@code s2 = (d0 * s0^2 + (n - 1) * s^2) / (d0 + n - 1)} with {@code d0 + n - 1}
 * degrees of freedom, where {@code s0^2} and {@code d0} come from the earlier comparisons of the
 * same session ({@link NoisePool}). With two pairs a plain t-interval has one degree of freedom
 * and is useless; the session's own history of block noise makes it usable. Stateless.
 */
public final class Paired {

    /**
     * Least variance of a log ratio believed: (1%)^2. Two blocks measured the same to 0.1% (the
     * resolution of a 3-digit histogram) say nothing about the noise of the next pair.
     */
    public static final double MIN_LOG_VARIANCE = 1e-4;

    private Paired() {
    }

    /**
     * @param pairs complete pairs used
     * @param incumbentMean mean of the incumbent's blocks (metric unit)
     * @param candidateMean mean of the candidate's blocks (metric unit)
     * @param meanDifference mean difference (log ratio, or relative difference), not sign-adjusted
     * @param standardError its standard error (moderated); infinite when there is no variance estimate
     * @param degreesOfFreedom degrees of freedom of the moderated variance; 0 when none
     * @param ownVariance sum of squared deviations of this comparison's differences (for the pool)
     * @param log whether the differences are log ratios
     */
    public record Result(int pairs, double incumbentMean, double candidateMean, double meanDifference,
                         double standardError, double degreesOfFreedom, double ownVariance, boolean log) {

        /** @return the ratio candidate / incumbent that a difference on this result's scale stands for */
        public double ratioOf(double difference) {
            return log ? Math.exp(difference) : 1 + difference;
        }

        /**
         * @param maximize whether larger is better
         * @return the relative gain, positive when the candidate is better (0.1 = 10%)
         */
        public double gain(boolean maximize) {
            return gainOf(meanDifference, maximize);
        }

        private double gainOf(double difference, boolean maximize) {
            double r = ratioOf(difference);
            return maximize ? r - 1 : 1 - r;
        }

        /**
         * @param maximize whether larger is better
         * @param level one-sided confidence level in (0.5, 1)
         * @return lower confidence bound of the gain; -infinity when there is no variance estimate
         */
        public double lowerBound(boolean maximize, double level) {
            double h = quantile(level) * standardError;
            if (Double.isInfinite(h)) {
                return Double.NEGATIVE_INFINITY;
            }
            return gainOf(maximize ? meanDifference - h : meanDifference + h, maximize);
        }

        /**
         * @param maximize whether larger is better
         * @param level one-sided confidence level in (0.5, 1)
         * @return upper confidence bound of the gain; +infinity when there is no variance estimate
         */
        public double upperBound(boolean maximize, double level) {
            double h = quantile(level) * standardError;
            if (Double.isInfinite(h)) {
                return Double.POSITIVE_INFINITY;
            }
            return gainOf(maximize ? meanDifference + h : meanDifference - h, maximize);
        }

        /** @return the t quantile at {@code level} for this result's degrees of freedom (infinite without any) */
        public double quantile(double level) {
            return Paired.quantile(degreesOfFreedom, level);
        }
    }

    /**
     * @param df degrees of freedom, 0 or more
     * @param level one-sided level in (0.5, 1)
     * @return the Student t quantile; +infinity when df is 0
     */
    public static double quantile(double df, double level) {
        if (!(df > 0)) {
            return Double.POSITIVE_INFINITY;
        }
        return Stats.tQuantile(level, df);
    }

    /**
     * @param a the incumbent's block values, one per pair
     * @param b the candidate's block values, paired with {@code a} by index
     * @param prior pooled variance of differences (on the scale this comparison uses) from earlier
     *     comparisons; may be null
     * @param log true to compare log ratios (used only when every value is positive)
     * @return the comparison of the {@code min(a.length, b.length)} complete pairs
     * @throws IllegalArgumentException when there is no complete pair
     */
    public static Result compare(double[] a, double[] b, NoisePool.Estimate prior, boolean log) {
        int n = Math.min(a.length, b.length);
        if (n == 0) {
            throw new IllegalArgumentException("pairs must be at least 1, but was 0");
        }
        double ma = 0;
        double mb = 0;
        boolean positive = true;
        for (int i = 0; i < n; i++) {
            ma += a[i];
            mb += b[i];
            positive &= a[i] > 0 && b[i] > 0;
        }
        ma /= n;
        mb /= n;
        boolean useLog = log && positive;
        double scale = Math.abs(ma) > 1e-12 ? Math.abs(ma) : 1e-12;
        double[] d = new double[n];
        double md = 0;
        for (int i = 0; i < n; i++) {
            d[i] = useLog ? Math.log(b[i] / a[i]) : (b[i] - a[i]) / scale;
            md += d[i];
        }
        md /= n;
        double ss = 0;
        for (int i = 0; i < n; i++) {
            ss += (d[i] - md) * (d[i] - md);
        }
        double d0 = prior == null ? 0 : prior.degreesOfFreedom();
        double s0 = prior == null ? 0 : prior.variance();
        double df = d0 + n - 1;
        // a few blocks can agree to the last digit (a p99 from a histogram of 3 significant digits falls in the
        // same bucket twice): no block-to-block noise below the floor is believed
        double variance = df > 0 ? Math.max((d0 * s0 + ss) / df, useLog ? MIN_LOG_VARIANCE : 0) : Double.NaN;
        double se = df > 0 ? Math.sqrt(variance / n) : Double.POSITIVE_INFINITY;
        return new Result(n, ma, mb, md, se, df, ss, useLog);
    }

    /** @return whether a metric's differences are compared as log ratios: every metric but error rates (which can be 0) */
    public static boolean logScale(dev.vernier.api.tuning.Metric m) {
        return m != dev.vernier.api.tuning.Metric.ERROR_RATE;
    }
}
