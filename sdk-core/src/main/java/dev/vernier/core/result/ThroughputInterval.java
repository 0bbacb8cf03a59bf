package dev.vernier.core.result;

/**
 * One throughput measurement interval. Immutable and thread-safe.
 *
 * @param iteration measured iteration, from 0
 * @param startSeconds start, seconds from the iteration's start
 * @param durationSeconds length, seconds
 * @param targetOpsPerSecond rate the load model asked for (open models), or null for closed models
 * @param achievedOpsPerSecond committed transactions per second
 * @param successRate committed share of the transactions offered in the interval, [0, 1] (open models:
 *     of the sends, so a system falling behind shows before its transactions time out)
 * @param outcomes outcome counts
 * @param meanMs mean latency of committed transactions, ms
 * @param p50Ms median latency, ms
 * @param p95Ms 95th percentile, ms
 * @param p99Ms 99th percentile, ms
 */
public record ThroughputInterval(int iteration, double startSeconds, double durationSeconds, Double targetOpsPerSecond,
                                 double achievedOpsPerSecond, double successRate, Outcomes outcomes, double meanMs,
                                 double p50Ms, double p95Ms, double p99Ms) {
}
