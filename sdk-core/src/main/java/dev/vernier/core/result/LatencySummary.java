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
 */
public record LatencySummary(long count, double meanMs, double stdDevMs, double minMs, double maxMs,
                             List<Percentile> percentiles) {

    /** @throws NullPointerException when percentiles is null */
    public LatencySummary {
        percentiles = percentiles.stream()
                .sorted(java.util.Comparator.comparingDouble(Percentile::percentile)).toList();
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
