package dev.vernier.core.result;

/**
 * One measured iteration of a phase. Immutable and thread-safe.
 *
 * @param iteration index, from 0
 * @param durationSeconds measured length, seconds
 * @param throughputOpsPerSecond committed transactions per second within the iteration
 * @param outcomes outcome counts of the transactions that ended during the iteration (the last one
 *     includes the drain)
 * @param latency latency of those transactions (lower bounds for the unanswered ones)
 */
public record IterationSummary(int iteration, double durationSeconds, double throughputOpsPerSecond,
                               Outcomes outcomes, LatencySummary latency) {
}
