package dev.vernier.core.result;

/**
 * The Universal Scalability Law fitted to throughput by cluster size:
 * {@code X(N) = lambda N / (1 + sigma (N - 1) + kappa N (N - 1))}, with the constraints the law
 * needs to mean anything: {@code lambda > 0}, {@code 0 <= sigma <= 1}, {@code kappa >= 0}.
 * Immutable and thread-safe.
 *
 * <p>The intervals are Wald intervals from the fit's Jacobian with {@code sizes - 3} degrees of
 * freedom, clipped to the constraints: approximate, and NaN when there are no degrees of freedom
 * left (3 sizes). Results written by schema version 1 have no intervals (null) and
 * {@code sizes} 0.
 *
 * @param lambda throughput of one node without contention, ops/s
 * @param sigma contention (serialisation) coefficient, in [0, 1]
 * @param kappa coherency (crosstalk) coefficient, at least 0
 * @param rSquared coefficient of determination of the fit on the measured sizes (with as many
 *     parameters as sizes it is 1 whatever the data: see {@link #trusted()})
 * @param peakNodes size where throughput peaks, {@code sqrt((1 - sigma) / kappa)}, or null when the
 *     fit has no peak (kappa = 0 or sigma = 1)
 * @param interpretation one sentence for a report
 * @param sizes distinct cluster sizes the fit rests on
 * @param confidence confidence level of the intervals, in (0, 1)
 * @param lambdaInterval interval of lambda, ops/s
 * @param sigmaInterval interval of sigma
 * @param kappaInterval interval of kappa
 * @param peakInterval interval of the peak, nodes (upper bound infinite when kappa may be 0), or
 *     null without a peak
 * @param trusted true when there are enough sizes ({@value #TRUSTED_SIZES} or more) for the fit
 *     and its uncertainty to mean something
 * @param note why not to trust it, or an empty string
 */
public record UslFit(double lambda, double sigma, double kappa, double rSquared, Double peakNodes,
                     String interpretation, int sizes, double confidence, Interval lambdaInterval,
                     Interval sigmaInterval, Interval kappaInterval, Interval peakInterval, boolean trusted,
                     String note) {

    /** Sizes from which a fit of three parameters is trusted (three degrees of freedom left for the noise). */
    public static final int TRUSTED_SIZES = 6;

    /**
     * A two-sided interval. Immutable and thread-safe.
     *
     * @param lower lower bound (NaN when undefined)
     * @param upper upper bound (NaN when undefined, infinite when unbounded)
     */
    public record Interval(double lower, double upper) {

        /** An interval that could not be estimated. */
        public static final Interval UNDEFINED = new Interval(Double.NaN, Double.NaN);

        /** @return true when both bounds are numbers */
        public boolean defined() {
            return !Double.isNaN(lower) && !Double.isNaN(upper);
        }
    }
}
