package dev.vernier.core.stats;

/**
 * Within-run intervals by non-overlapping batch means: a single iteration's series of measurement
 * intervals (one per second, say) is cut into {@code b = floor(sqrt(k))} batches of
 * {@code m = floor(k / b)} consecutive intervals (the usual square-root rule: batches grow with the
 * series so that neighbouring batches are nearly independent even when neighbouring intervals are
 * not), and the spread of the batch values gives a Student-t interval with {@code b - 1} degrees of
 * freedom. When {@code k} is not a multiple of {@code m}, the earliest intervals (nearest the
 * warm-up) are left out.
 *
 * <p>The interval covers variation inside one run only; the run, not the interval, is the unit of
 * replication (Kalibera and Jones), so estimates made here are labelled
 * {@link Estimate.Basis#WITHIN_RUN} and comparisons never decide on them.
 *
 * <p>Stateless and thread-safe.
 */
public final class BatchMeans {

    private BatchMeans() {
    }

    /**
     * Weighted batch values of a series: per batch {@code sum(value * weight) / sum(weight)}, so a
     * rate series weighted by duration gives each batch's rate, and a share series weighted by its
     * denominator gives each batch's share.
     *
     * @param values one value per measurement interval, in time order (NaN values are skipped)
     * @param weights one non-negative weight per interval (same length)
     * @return the batch values, oldest first; fewer than two when the series is too short to batch
     *     (fewer than 4 usable intervals)
     * @throws IllegalArgumentException when the arrays differ in length
     */
    public static double[] batches(double[] values, double[] weights) {
        if (values.length != weights.length) {
            throw new IllegalArgumentException("weights must have one entry per value (" + values.length
                    + "), but had " + weights.length);
        }
        int usable = 0;
        double[] v = new double[values.length];
        double[] w = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            if (!Double.isNaN(values[i]) && weights[i] > 0) {
                v[usable] = values[i];
                w[usable] = weights[i];
                usable++;
            }
        }
        int b = (int) Math.floor(Math.sqrt(usable));
        if (b < 2) {
            return new double[0];
        }
        int m = usable / b;
        int skip = usable - b * m;
        double[] out = new double[b];
        for (int j = 0; j < b; j++) {
            double sum = 0;
            double weight = 0;
            for (int i = skip + j * m; i < skip + (j + 1) * m; i++) {
                sum += v[i] * w[i];
                weight += w[i];
            }
            out[j] = sum / weight;
        }
        return out;
    }

    /**
     * A within-run interval of a positive figure on the ratio scale, centred on {@code centre}:
     * {@code [centre e^-h, centre e^h]} with {@code h = t(b - 1) * sd / (mean * sqrt(b))} over the
     * batch values.
     *
     * @param centre the iteration's figure (for example the percentile of its histogram)
     * @param batches batch values from {@link #batches}
     * @param confidence two-sided confidence level in (0, 1)
     * @return the estimate, {@link Estimate.Basis#WITHIN_RUN}; without interval when there are fewer
     *     than two batches or their mean is not positive
     */
    public static Estimate ratio(double centre, double[] batches, double confidence) {
        int b = batches.length;
        double mean = Stats.mean(batches);
        if (b < 2 || Double.isNaN(centre) || !(mean > 0)) {
            return Estimate.point(centre, confidence, 1);
        }
        double h = Stats.tCritical(confidence, b - 1)
                * Math.sqrt(Stats.variance(batches) / b) / mean;
        return new Estimate(centre, centre * Math.exp(-h), centre * Math.exp(h), confidence, b,
                Estimate.Basis.WITHIN_RUN);
    }

    /**
     * A within-run interval of a share (error rate), clipped to [0, 1].
     *
     * @param centre the iteration's share
     * @param batches batch shares from {@link #batches}
     * @param confidence two-sided confidence level in (0, 1)
     * @return the estimate, {@link Estimate.Basis#WITHIN_RUN}; without interval with fewer than two batches
     */
    public static Estimate share(double centre, double[] batches, double confidence) {
        int b = batches.length;
        if (b < 2 || Double.isNaN(centre)) {
            return Estimate.point(centre, confidence, 1);
        }
        double half = Stats.tCritical(confidence, b - 1)
                * Math.sqrt(Stats.variance(batches) / b);
        return new Estimate(centre, Math.max(0, centre - half), Math.min(1, centre + half), confidence, b,
                Estimate.Basis.WITHIN_RUN);
    }
}
