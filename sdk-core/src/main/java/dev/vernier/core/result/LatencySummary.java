package dev.vernier.core.result;

import java.util.List;

/**
 * A latency distribution summarised in milliseconds. Every figure is taken from one histogram of all
 * the transactions the summary covers (HdrHistogram, 3 significant digits), never averaged from
 * other summaries. Immutable and thread-safe.
 *
 * @param count number of recorded values
 * @param meanMs mean, ms
 * @param stdDevMs standard deviation, ms
 * @param minMs minimum, ms
 * @param maxMs maximum, ms
 * @param percentiles the value at each reported percentile, in increasing order of percentile
 * @param lowerBounds how many of the {@code count} values are lower bounds (transactions never
 *     answered: timed out, refused, not sent, each counted from its intended start until it was
 *     given up); a percentile that falls among them is itself a lower bound
 */
public record LatencySummary(long count, double meanMs, double stdDevMs, double minMs, double maxMs,
                             List<Percentile> percentiles, long lowerBounds) {

    /** @throws NullPointerException when percentiles is null */
    public LatencySummary {
        percentiles = percentiles.stream()
                .sorted(java.util.Comparator.comparingDouble(Percentile::percentile)).toList();
    }

    /**
     * A summary of exact values only.
     *
     * @param count number of recorded values
     * @param meanMs mean, ms
     * @param stdDevMs standard deviation, ms
     * @param minMs minimum, ms
     * @param maxMs maximum, ms
     * @param percentiles the value at each reported percentile
     */
    public LatencySummary(long count, double meanMs, double stdDevMs, double minMs, double maxMs,
                          List<Percentile> percentiles) {
        this(count, meanMs, stdDevMs, minMs, maxMs, percentiles, 0);
    }

    /**
     * @param percentile e.g. 99.9
     * @return the value at that percentile in ms, or NaN when not reported
     */
    public double percentile(double percentile) {
        for (Percentile p : percentiles) {
            if (p.percentile() == percentile) {
                return p.valueMs();
            }
        }
        return Double.NaN;
    }
}
