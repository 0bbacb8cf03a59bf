package dev.vernier.core.event;

import dev.vernier.api.Phase;

/**
 * What happened during one snapshot interval (default every second) while load runs. Immutable and
 * thread-safe. Latency percentiles are those of the interval's own histogram (open models: from each
 * transaction's intended start).
 *
 * @param suite suite name
 * @param scenario scenario name
 * @param phase the phase whose load this is
 * @param warmup true while warming up (figures are discarded from results)
 * @param iteration measured iteration, from 0 (-1 during warm-up)
 * @param elapsedSeconds time since the phase's load started, seconds
 * @param intervalSeconds length of this snapshot, seconds
 * @param targetOpsPerSecond rate in force (open models) or NaN
 * @param throughputOpsPerSecond committed transactions per second in the interval
 * @param successRate committed share of the transactions that ended in the interval, [0, 1] (NaN when none)
 * @param errors transactions that ended in the interval without committing
 * @param inFlight transactions in flight at the end of the interval
 * @param p50Ms median latency in the interval, ms (NaN when none committed)
 * @param p95Ms 95th percentile latency in the interval, ms (NaN when none committed)
 * @param p99Ms 99th percentile latency in the interval, ms (NaN when none committed)
 * @param maxMs largest latency in the interval, ms (NaN when none committed)
 * @param lagP99Micros scheduling lag 99th percentile in the interval, µs (0 for closed models)
 * @param processCpuPercent process CPU in percent of all cores at the latest resource sample, or null
 *     when the RESOURCES phase is not running or the platform cannot tell
 * @param heapUsedBytes heap used at the latest resource sample, bytes, or null
 * @param histograms the interval's latency histograms (all, per type, per stage), for interval logs
 *     and exact merges; null when the producer does not provide them
 */
public record IntervalSnapshot(String suite, String scenario, Phase phase, boolean warmup, int iteration,
                               double elapsedSeconds, double intervalSeconds, double targetOpsPerSecond,
                               double throughputOpsPerSecond, double successRate, long errors, long inFlight,
                               double p50Ms, double p95Ms, double p99Ms, double maxMs, double lagP99Micros,
                               Double processCpuPercent, Double heapUsedBytes, IntervalHistograms histograms)
        implements VernierEvent {

    /** A snapshot without histograms (the form before they were added; {@code histograms} is null). */
    public IntervalSnapshot(String suite, String scenario, Phase phase, boolean warmup, int iteration,
                            double elapsedSeconds, double intervalSeconds, double targetOpsPerSecond,
                            double throughputOpsPerSecond, double successRate, long errors, long inFlight,
                            double p50Ms, double p95Ms, double p99Ms, double maxMs, double lagP99Micros,
                            Double processCpuPercent, Double heapUsedBytes) {
        this(suite, scenario, phase, warmup, iteration, elapsedSeconds, intervalSeconds, targetOpsPerSecond,
                throughputOpsPerSecond, successRate, errors, inFlight, p50Ms, p95Ms, p99Ms, maxMs, lagP99Micros,
                processCpuPercent, heapUsedBytes, null);
    }
}
