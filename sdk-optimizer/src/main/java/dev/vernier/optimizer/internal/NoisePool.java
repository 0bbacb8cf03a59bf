package dev.vernier.optimizer.internal;

import dev.vernier.core.stats.Stats;
import java.util.HashMap;
import java.util.Map;

/**
 * The block-to-block noise a session has seen so far, pooled per key (a metric, or a metric's paired
 * differences): sums of squared deviations and their degrees of freedom. Relative units (0.05 = 5%).
 * Not thread-safe: one per session.
 */
public final class NoisePool {

    /** The prior's degrees of freedom are capped so that one noisy period cannot dominate for ever. */
    private final double maxDegreesOfFreedom;
    private final Map<String, double[]> pools = new HashMap<>();

    /** @param maxDegreesOfFreedom cap on the degrees of freedom an estimate reports, at least 1 */
    public NoisePool(double maxDegreesOfFreedom) {
        this.maxDegreesOfFreedom = maxDegreesOfFreedom;
    }

    /**
     * A pooled variance.
     *
     * @param variance pooled variance (relative units squared)
     * @param degreesOfFreedom its degrees of freedom (capped)
     */
    public record Estimate(double variance, double degreesOfFreedom) {
        /** No estimate at all. */
        public static final Estimate NONE = new Estimate(0, 0);

        /** @return the standard deviation */
        public double stdDev() {
            return Math.sqrt(variance);
        }
    }

    /**
     * Adds the squared deviations of one group of replicates.
     *
     * @param key what was measured
     * @param sumOfSquares sum of squared deviations from the group's mean (relative units)
     * @param degreesOfFreedom group size minus one; ignored when 0 or less
     */
    public void add(String key, double sumOfSquares, double degreesOfFreedom) {
        if (degreesOfFreedom <= 0 || Double.isNaN(sumOfSquares) || Double.isInfinite(sumOfSquares)) {
            return;
        }
        double[] p = pools.computeIfAbsent(key, k -> new double[2]);
        p[0] += sumOfSquares;
        p[1] += degreesOfFreedom;
    }

    /**
     * Adds replicate block values of one configuration: deviations of their logarithms from their
     * mean when all are positive (the scale of {@link Paired}'s log ratios), else deviations
     * relative to their mean.
     *
     * @param key what was measured
     * @param values two or more blocks of the same configuration
     */
    public void addReplicates(String key, double[] values) {
        if (values.length < 2) {
            return;
        }
        boolean positive = true;
        double m = 0;
        for (double v : values) {
            positive &= v > 0;
            m += positive ? Math.log(v) : 0;
        }
        double ss = 0;
        if (positive) {
            m /= values.length;
            for (double v : values) {
                ss += (Math.log(v) - m) * (Math.log(v) - m);
            }
        } else {
            m = Stats.mean(values);
            if (!(Math.abs(m) > 1e-12)) {
                return;
            }
            for (double v : values) {
                ss += (v / m - 1) * (v / m - 1);
            }
        }
        add(key, ss, values.length - 1);
    }

    /**
     * Adds replicate block values of one configuration as absolute deviations from their mean (for
     * shares such as error rates, which are often 0, so that relative noise means nothing).
     *
     * @param key what was measured
     * @param values two or more blocks of the same configuration
     */
    public void addAbsolute(String key, double[] values) {
        if (values.length < 2) {
            return;
        }
        add(key, Stats.variance(values) * (values.length - 1), values.length - 1);
    }

    /** @return an independent copy (same cap, same sums) */
    public NoisePool copy() {
        NoisePool c = new NoisePool(maxDegreesOfFreedom);
        pools.forEach((k, v) -> c.pools.put(k, v.clone()));
        return c;
    }

    /** @return the pooled estimate for {@code key}, or {@link Estimate#NONE} */
    public Estimate estimate(String key) {
        double[] p = pools.get(key);
        if (p == null || p[1] <= 0) {
            return Estimate.NONE;
        }
        return new Estimate(p[0] / p[1], Math.min(maxDegreesOfFreedom, p[1]));
    }
}
