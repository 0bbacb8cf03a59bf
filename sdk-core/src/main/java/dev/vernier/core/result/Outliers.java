package dev.vernier.core.result;

/**
 * Latency outliers by Tukey's far-out fence (above Q3 + 3 x IQR). Immutable and thread-safe.
 *
 * @param thresholdMs the fence, ms
 * @param count values above it
 * @param maxMs the largest value, ms
 */
public record Outliers(double thresholdMs, long count, double maxMs) {
}
