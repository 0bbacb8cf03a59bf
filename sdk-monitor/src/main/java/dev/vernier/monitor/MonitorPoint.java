package dev.vernier.monitor;

/**
 * One point of the monitor's live series: the figures of one interval of traffic (from a run's
 * interval snapshot or a window of a node's own {@link dev.vernier.core.recording.OperationRecorder})
 * and the process's CPU and heap at that time. A figure that is unknown is {@code null} (in JSON
 * too): an idle point, published while no traffic is reported, carries resources only.
 *
 * <p>Immutable and thread-safe.
 *
 * @param seq the point's number, from 1, in publication order (the {@code id} of its stream event)
 * @param epochMillis when it was published, wall clock, ms since the epoch
 * @param elapsedSeconds when it was published, seconds since the monitor started (monitor clock)
 * @param source {@code "run"} (an interval snapshot), {@code "recorder"} (a node's own traffic) or
 *     {@code "idle"} (no traffic reported: resources only)
 * @param suite the suite or recorder the traffic figures are about, or null
 * @param phase the run's phase for a run point, or null
 * @param warmup whether the run was warming up
 * @param intervalSeconds length of the traffic interval, seconds, or null
 * @param throughputOpsPerSecond committed transactions per second, ops/s, or null
 * @param targetOpsPerSecond the rate in force for an open-model run, ops/s, or null
 * @param committed transactions committed in the interval, or null
 * @param errors transactions that ended in the interval without committing, or null
 * @param errorRatePercent failed share of the transactions that ended, percent, or null when none ended
 * @param inFlight transactions in flight at the end of the interval (runs only), or null
 * @param p50Ms median latency, ms, or null when none committed
 * @param p95Ms 95th percentile latency, ms, or null
 * @param p99Ms 99th percentile latency, ms, or null
 * @param maxMs largest latency, ms, or null
 * @param cpuPercent process CPU, percent of all logical cores, or null
 * @param heapUsedBytes heap in use, bytes, or null
 * @param heapMaxBytes maximum heap, bytes, or null
 * @param memoryPercent heap in use over maximum heap, percent, or null
 */
public record MonitorPoint(long seq, long epochMillis, double elapsedSeconds, String source, String suite,
                           String phase, boolean warmup, Double intervalSeconds, Double throughputOpsPerSecond,
                           Double targetOpsPerSecond, Long committed, Long errors, Double errorRatePercent,
                           Long inFlight, Double p50Ms, Double p95Ms, Double p99Ms, Double maxMs, Double cpuPercent,
                           Double heapUsedBytes, Double heapMaxBytes, Double memoryPercent) {

    /** A point made from a run's interval snapshot. */
    public static final String RUN = "run";
    /** A point made from a window of a node's own traffic. */
    public static final String RECORDER = "recorder";
    /** A point with resources only, published while no traffic is reported. */
    public static final String IDLE = "idle";
}
