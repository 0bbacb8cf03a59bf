package dev.vernier.optimizer;

import dev.vernier.api.tuning.Metric;

/**
 * One metric of two configurations measured in alternating blocks (interleaved), compared on
 * paired block differences. Immutable and thread-safe; serialisable by Jackson.
 *
 * @param metric the metric compared
 * @param pairs complete block pairs (each pair is one replicate)
 * @param referenceMean mean over the reference's blocks (the incumbent, or the start), in the metric's unit
 * @param candidateMean mean over the candidate's blocks (the proposal, or the final configuration), same unit
 * @param ratio candidate over reference: the geometric mean of the per-pair ratios (the pairs' log
 *     ratios averaged; for error rates, which can be 0, the ratio of the means)
 * @param ratioLow lower end of the two-sided confidence interval of the ratio at {@code level}
 *     (-infinity when it could not be estimated)
 * @param ratioHigh upper end of that interval (+infinity when it could not be estimated)
 * @param level two-sided confidence level of the interval, e.g. 0.95; a one-sided bound at level
 *     {@code q} is the end of a two-sided interval at {@code 2q - 1}
 * @param degreesOfFreedom degrees of freedom of the variance (the session's pooled block noise
 *     plus this comparison's own pairs); 0 when none
 */
public record Comparison(Metric metric, int pairs, double referenceMean, double candidateMean, double ratio,
                         double ratioLow, double ratioHigh, double level, double degreesOfFreedom) {

    /**
     * @return the relative gain, sign-adjusted with the metric's direction so that positive is better
     *     (0.1 = 10% more throughput or 10% less latency)
     */
    public double gain() {
        return metric.higherIsBetter() ? ratio - 1 : 1 - ratio;
    }

    /** @return whether the interval excludes 1 (the two differ at {@code level}) */
    public boolean significant() {
        return ratioLow > 1 || ratioHigh < 1;
    }
}
