package dev.vernier.core.resources;

/**
 * Which figure of a {@link MetricStats} a {@link ThresholdRule} compares with its threshold.
 * Immutable and thread-safe.
 */
public enum Statistic {
    /** The mean over the phase. */
    AVERAGE,
    /** The highest value. */
    PEAK,
    /** The 95th percentile. */
    P95;

    /**
     * @param stats the statistics of a metric
     * @return this figure of them
     */
    public double of(MetricStats stats) {
        switch (this) {
            case AVERAGE:
                return stats.average();
            case PEAK:
                return stats.peak();
            default:
                return stats.p95();
        }
    }
}
