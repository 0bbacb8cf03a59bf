package dev.vernier.core.stats;

/** Which way a figure improves. */
public enum Direction {
    /** More is better (throughput). */
    HIGHER_IS_BETTER,
    /** Less is better (latency, error rate). */
    LOWER_IS_BETTER
}
