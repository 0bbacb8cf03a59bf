package dev.vernier.core;

/**
 * What happened during one snapshot interval (default every second), delivered to
 * {@link RunListener}s while load runs. Immutable and thread-safe.
 *
 * @param suite suite name
 * @param phase phase name, e.g. "THROUGHPUT"
 * @param warmup true while warming up (figures are discarded from results)
 * @param iteration measured iteration, from 0 (-1 during warm-up)
 * @param elapsedSeconds time since the phase's load started, seconds
 * @param intervalSeconds length of this snapshot, seconds
 * @param targetOpsPerSecond rate in force (open models) or NaN
 * @param throughputOpsPerSecond committed transactions per second in the interval
 * @param successRate committed share of the transactions offered in the interval, [0, 1] (NaN when none)
 * @param errors non-committed outcomes in the interval
 * @param inFlight transactions in flight at the end of the interval
 * @param p50Ms median latency in the interval, ms
 * @param p99Ms 99th percentile latency in the interval, ms
 * @param lagP99Micros scheduling lag 99th percentile in the interval, µs
 * @param processCpuPercent process CPU in percent of all cores at the latest resource sample, or null
 *     when the RESOURCES phase is not running or the platform cannot tell
 * @param heapUsedBytes heap used at the latest resource sample, bytes, or null
 */
public record IntervalSnapshot(String suite, String phase, boolean warmup, int iteration, double elapsedSeconds,
                               double intervalSeconds, double targetOpsPerSecond, double throughputOpsPerSecond,
                               double successRate, long errors, long inFlight, double p50Ms, double p99Ms,
                               double lagP99Micros, Double processCpuPercent, Double heapUsedBytes) {
}
