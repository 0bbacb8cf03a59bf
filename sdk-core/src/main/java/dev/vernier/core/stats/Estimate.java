package dev.vernier.core.stats;

import java.util.Arrays;
import java.util.Locale;

/**
 * A figure's value with a two-sided confidence interval, and what the interval rests on. Immutable
 * and thread-safe. Units are those of the figure it estimates (see {@link Figure#unit()}).
 *
 * <p>The {@link Basis} says what kind of variation the interval covers: {@link Basis#ITERATIONS}
 * (run-to-run, the unit of replication), {@link Basis#WITHIN_RUN} (the measurement intervals of a
 * single iteration: it omits run-to-run variation and is narrower than the truth), or
 * {@link Basis#NONE} (no interval; the bounds are NaN).
 *
 * <p>The value is NaN when any sample is NaN (for example a latency percentile of an iteration in
 * which nothing committed), so an all-failed run can never pass a latency limit.
 *
 * @param mean the value: the mean of the samples, or the merged figure the interval is centred on
 * @param lower lower bound of the interval (NaN when there is none)
 * @param upper upper bound of the interval (NaN when there is none)
 * @param confidence confidence level of the interval, in (0, 1)
 * @param n samples behind the interval: iterations ({@link Basis#ITERATIONS}) or batches of
 *     measurement intervals ({@link Basis#WITHIN_RUN})
 * @param basis what the interval rests on
 */
public record Estimate(double mean, double lower, double upper, double confidence, int n, Basis basis) {

    /** What an interval rests on. */
    public enum Basis {
        /** Spread across measured iterations: run-to-run variation. */
        ITERATIONS,
        /**
         * Spread across batches of one iteration's measurement intervals (batch means): omits
         * run-to-run variation, so it is narrower than an interval across iterations would be.
         */
        WITHIN_RUN,
        /** No interval (fewer than two iterations and no interval series to batch). */
        NONE
    }

    /** @throws IllegalArgumentException when confidence is outside (0, 1), n is negative or basis is null */
    public Estimate {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), but was " + confidence);
        }
        if (n < 0) {
            throw new IllegalArgumentException("n must be at least 0, but was " + n);
        }
        if (basis == null) {
            throw new IllegalArgumentException("basis must not be null, but was null");
        }
    }

    /** @return an estimate without an interval */
    public static Estimate point(double value, double confidence, int n) {
        return new Estimate(value, Double.NaN, Double.NaN, confidence, n, Basis.NONE);
    }

    /**
     * Student-t interval of the mean, on the scale of the samples (it may extend past any natural
     * bound of the figure; see {@link #ratio} and {@link #share} for figures that have one).
     *
     * @param samples the samples (not modified)
     * @param confidence two-sided confidence level in (0, 1)
     * @return the estimate; without interval when fewer than two samples or any is NaN
     */
    public static Estimate studentT(double[] samples, double confidence) {
        int n = samples.length;
        double mean = Stats.mean(samples);
        if (n < 2 || Double.isNaN(mean)) {
            return point(mean, confidence, n);
        }
        double half = Stats.tCritical(confidence, n - 1) * Math.sqrt(Stats.variance(samples) / n);
        return new Estimate(mean, mean - half, mean + half, confidence, n, Basis.ITERATIONS);
    }

    /**
     * Interval of a positive figure (throughput, latency) on the ratio scale: the samples' relative
     * standard error {@code s / (mean sqrt(n))} gives a half-width {@code h} on the log scale (delta
     * method), and the interval is {@code [centre e^-h, centre e^h]}. It never goes below 0 and is
     * as wide in ratio terms on both sides, as multiplicative noise is.
     *
     * @param centre the value to centre on (the samples' mean, or a merged figure such as the
     *     percentile of the merged histogram), non-negative
     * @param samples per-iteration values (not modified)
     * @param confidence two-sided confidence level in (0, 1)
     * @return the estimate; without interval when fewer than two samples, any NaN, or a zero mean
     */
    public static Estimate ratio(double centre, double[] samples, double confidence) {
        int n = samples.length;
        double mean = Stats.mean(samples);
        if (n < 2 || Double.isNaN(mean) || Double.isNaN(centre) || !(mean > 0)) {
            return point(Double.isNaN(mean) ? Double.NaN : centre, confidence, n);
        }
        double h = Stats.tCritical(confidence, n - 1) * Math.sqrt(Stats.variance(samples) / n) / mean;
        return new Estimate(centre, centre * Math.exp(-h), centre * Math.exp(h), confidence, n, Basis.ITERATIONS);
    }

    /**
     * Student-t interval of a share (error rate), clipped to [0, 1], the range of a share.
     *
     * @param samples per-iteration shares in [0, 1] (not modified)
     * @param confidence two-sided confidence level in (0, 1)
     * @return the estimate; without interval when fewer than two samples or any is NaN
     */
    public static Estimate share(double[] samples, double confidence) {
        Estimate e = studentT(samples, confidence);
        if (e.basis() == Basis.NONE) {
            return e;
        }
        return new Estimate(e.mean(), Math.max(0, e.lower()), Math.min(1, e.upper()), confidence, e.n(),
                Basis.ITERATIONS);
    }

    /** @return true when the interval is defined and {@code value} lies in it */
    public boolean contains(double value) {
        return value >= lower && value <= upper;
    }

    /** @return true when the estimate has an interval ({@link #basis()} is not {@link Basis#NONE}) */
    public boolean hasInterval() {
        return basis != Basis.NONE;
    }

    /** @return half the width of the interval (NaN when undefined) */
    public double halfWidth() {
        return (upper - lower) / 2;
    }

    /**
     * @return e.g. {@code "12,345 [12,001, 12,689] (95% CI, 3 iterations)"},
     *     {@code "20.51 [19.80, 21.20] (95% within-run CI, 3 batches)"} or
     *     {@code "20.51 (no interval: 1 iteration)"}; numbers as {@link #formatNumber}
     */
    public String format() {
        String value = formatNumber(mean);
        if (basis == Basis.NONE) {
            return value + " (no interval: " + n + (n == 1 ? " iteration" : " iterations") + ")";
        }
        return String.format(Locale.ROOT, "%s [%s, %s] (%s)", value, formatNumber(lower), formatNumber(upper),
                describeInterval());
    }

    /** @return a share (error rate) as percentages, e.g. {@code "0.100% [0.050%, 0.150%] (95% CI, 3 iterations)"} */
    public String formatAsPercent() {
        String value = String.format(Locale.ROOT, "%.3f%%", 100 * mean);
        if (basis == Basis.NONE) {
            return value + " (no interval: " + n + (n == 1 ? " iteration" : " iterations") + ")";
        }
        return String.format(Locale.ROOT, "%s [%.3f%%, %.3f%%] (%s)", value, 100 * lower, 100 * upper,
                describeInterval());
    }

    /**
     * @return a number as a person reads it: whole with thousands separators from 1,000
     *     ({@code "12,345"}), one decimal from 10 ({@code "304.5"}), two from 1 ({@code "4.10"}),
     *     three significant digits below ({@code "0.0123"}); "NaN" and "∞" as such
     */
    public static String formatNumber(double v) {
        double a = Math.abs(v);
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 1 || a == 0) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.3g", v);
    }

    /** @return e.g. {@code "95% CI, 3 iterations"} or {@code "95% within-run CI, 4 batches"}, or "no interval" */
    public String describeInterval() {
        return switch (basis) {
            case ITERATIONS -> stripZeros(confidence * 100) + "% CI, " + n + " iterations";
            case WITHIN_RUN -> stripZeros(confidence * 100) + "% within-run CI, " + n + " batches";
            case NONE -> "no interval";
        };
    }

    static String stripZeros(double v) {
        String s = String.format(Locale.ROOT, "%.3f", v);
        return s.replaceAll("\\.?0+$", "");
    }

    static boolean anyNaN(double[] xs) {
        return Arrays.stream(xs).anyMatch(Double::isNaN);
    }
}
