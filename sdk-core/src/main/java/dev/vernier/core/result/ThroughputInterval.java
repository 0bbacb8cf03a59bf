package dev.vernier.core.result;

/**
 * One throughput measurement interval. Immutable and thread-safe.
 *
 * @param iteration measured iteration, from 0
 * @param startSeconds start, seconds from the iteration's start
 * @param durationSeconds length, seconds
 * @param targetOpsPerSecond rate the load model asked for (open models), or null for closed models
 * @param achievedOpsPerSecond committed transactions per second
 * @param successRate committed share of the transactions that ended in the interval, [0, 1] (0 when none
 *     ended); transactions still in flight are not counted as not ok
 * @param outcomes outcome counts of what ended in the interval
 * @param meanMs mean latency of what ended in the interval (lower bounds for unanswered ones), ms
 * @param p50Ms median latency, ms
 * @param p95Ms 95th percentile, ms
 * @param p99Ms 99th percentile, ms
 */
public record ThroughputInterval(int iteration, double startSeconds, double durationSeconds, Double targetOpsPerSecond,
                                 double achievedOpsPerSecond, double successRate, Outcomes outcomes, double meanMs,
                                 double p50Ms, double p95Ms, double p99Ms) {
}
