package dev.vernier.core.result;

/**
 * One bar of a latency histogram. Immutable and thread-safe.
 *
 * @param upToMs upper bound of the bar, ms (inclusive)
 * @param count values in the bar
 */
public record HistogramBucket(double upToMs, long count) {
}
