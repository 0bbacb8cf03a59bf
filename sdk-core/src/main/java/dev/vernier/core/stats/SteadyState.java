package dev.vernier.core.stats;

/**
 * How many throughput intervals were dropped as warm-up by the steady-state rule. Immutable and
 * thread-safe.
 *
 * <p>Rule (applied to each iteration's interval series separately): the series is steady from the
 * first index {@code i} at which the window {@code [i, i + window)} of achieved throughput has a
 * coefficient of variation (sample stddev / mean) at most {@code maxCv}; intervals before {@code i}
 * are warm-up. A series shorter than the window, or one that never settles, keeps every interval
 * and is counted in {@link #unsettledIterations()}.
 *
 * @param totalIntervals intervals in the throughput phase
 * @param warmupIntervals intervals dropped as warm-up
 * @param unsettledIterations iterations whose series never met the rule (kept whole)
 */
public record SteadyState(int totalIntervals, int warmupIntervals, int unsettledIterations) {

    /** No intervals at all. */
    public static final SteadyState NONE = new SteadyState(0, 0, 0);

    /**
     * @param series achieved throughput per interval, ops/s, in order
     * @param window consecutive intervals that must be stable, at least 2
     * @param maxCv largest coefficient of variation of a stable window
     * @return index of the first steady interval, or -1 when the series never settles or is
     *     shorter than the window
     */
    public static int steadyStart(double[] series, int window, double maxCv) {
        if (window < 2) {
            throw new IllegalArgumentException("window must be at least 2, but was " + window);
        }
        for (int i = 0; i + window <= series.length; i++) {
            double[] w = java.util.Arrays.copyOfRange(series, i, i + window);
            double mean = Stats.mean(w);
            if (mean > 0 && Math.sqrt(Stats.variance(w)) / mean <= maxCv) {
                return i;
            }
        }
        return -1;
    }
}
