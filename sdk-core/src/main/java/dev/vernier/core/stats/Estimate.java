package dev.vernier.core.stats;

import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * A mean with a two-sided confidence interval. Immutable and thread-safe. Units are those of the
 * figure it estimates (see {@link Figure#unit()}).
 *
 * <p>The mean is NaN when any sample is NaN (for example a latency percentile of an iteration in
 * which nothing committed), so an all-failed run can never pass a latency limit. The bounds are
 * NaN when there are fewer than two samples (no spread to estimate).
 *
 * @param mean sample mean
 * @param lower lower bound of the interval
 * @param upper upper bound of the interval
 * @param confidence confidence level of the interval, in (0, 1)
 * @param n number of samples
 */
public record Estimate(double mean, double lower, double upper, double confidence, int n) {

    /** @throws IllegalArgumentException when confidence is outside (0, 1) or n is negative */
    public Estimate {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), but was " + confidence);
        }
        if (n < 0) {
            throw new IllegalArgumentException("n must be at least 0, but was " + n);
        }
    }

    /**
     * Student-t interval of the mean.
     *
     * @param samples the samples (not modified)
     * @param confidence two-sided confidence level in (0, 1)
     * @return the estimate; all NaN when {@code samples} is empty
     */
    public static Estimate studentT(double[] samples, double confidence) {
        int n = samples.length;
        if (n == 0) {
            return new Estimate(Double.NaN, Double.NaN, Double.NaN, confidence, 0);
        }
        double mean = mean(samples);
        if (n < 2 || Double.isNaN(mean)) {
            return new Estimate(mean, Double.NaN, Double.NaN, confidence, n);
        }
        double half = new TDistribution(null, n - 1).inverseCumulativeProbability(1 - (1 - confidence) / 2)
                * Math.sqrt(variance(samples, mean) / n);
        return new Estimate(mean, mean - half, mean + half, confidence, n);
    }

    /** @return true when the interval is defined and {@code value} lies in it */
    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }

    /** @return half the width of the interval (NaN when undefined) */
    public double halfWidth() {
        return (upper - lower) / 2;
    }

    /** @return e.g. {@code "1234.5 [1200.1, 1268.9] (99.9% CI, n=12)"} */
    public String format() {
        return String.format(Locale.ROOT, "%.4g [%.4g, %.4g] (%s%% CI, n=%d)", mean, lower, upper,
                stripZeros(confidence * 100), n);
    }

    static String stripZeros(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.replaceAll("\\.?0+$", "");
    }

    static double mean(double[] xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s / xs.length;
    }

    static double variance(double[] xs, double mean) {
        if (xs.length < 2) {
            return 0;
        }
        double s = 0;
        for (double x : xs) {
            s += (x - mean) * (x - mean);
        }
        return s / (xs.length - 1);
    }

    static boolean anyNaN(double[] xs) {
        return Arrays.stream(xs).anyMatch(Double::isNaN);
    }
}
