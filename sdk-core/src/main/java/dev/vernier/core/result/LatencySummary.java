package dev.vernier.core.result;

import java.util.Map;

/**
 * A latency distribution summarised in milliseconds. Immutable and thread-safe.
 *
 * @param count number of recorded values
 * @param meanMs mean, ms
 * @param stdDevMs standard deviation, ms
 * @param minMs minimum, ms
 * @param maxMs maximum, ms
 * @param percentilesMs value at each percentile, keyed like {@code "p50"}, {@code "p99.9"}, ms
 */
public record LatencySummary(long count, double meanMs, double stdDevMs, double minMs, double maxMs,
                             Map<String, Double> percentilesMs) {

    /** @throws NullPointerException when percentilesMs is null */
    public LatencySummary {
        percentilesMs = Maps.ordered(percentilesMs);
    }

    /**
     * @param percentile e.g. 99.9
     * @return the value at that percentile in ms, or NaN when not reported
     */
    public double percentile(double percentile) {
        Double v = percentilesMs.get(key(percentile));
        return v == null ? Double.NaN : v;
    }

    /** @return the map key for a percentile: 50 -> "p50", 99.9 -> "p99.9" */
    public static String key(double percentile) {
        return percentile == Math.rint(percentile) ? "p" + (long) percentile : "p" + percentile;
    }
}
