package dev.vernier.core.result;

/**
 * One measured iteration of a phase. Immutable and thread-safe.
 *
 * @param iteration index, from 0
 * @param durationSeconds measured length, seconds
 * @param throughputOpsPerSecond committed transactions per second within the iteration
 * @param outcomes outcome counts (transactions still in flight at the end are included)
 * @param latency latency of committed transactions
 */
public record IterationSummary(int iteration, double durationSeconds, double throughputOpsPerSecond,
                               Outcomes outcomes, LatencySummary latency) {
}
