package dev.vernier.core.resources;

/**
 * Statistics of one metric over a phase. For a counter the figures are of its rate per second
 * between consecutive samples.
 *
 * <p>Immutable and thread-safe. All figures are in {@code unit}.
 *
 * @param unit the unit, such as {@code %}, {@code bytes} or {@code bytes/s}
 * @param samples the number of values (for a counter, of rates)
 * @param average the mean
 * @param peak the highest value
 * @param p95 the 95th percentile
 * @param stddev the sample standard deviation (0 for one value)
 * @param trendPerSecond the least-squares slope over time, unit per second, or {@code null} with
 *     fewer than two values
 */
public record MetricStats(String unit, long samples, double average, double peak, double p95, double stddev,
        Double trendPerSecond) {
}
