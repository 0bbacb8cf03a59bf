package dev.vernier.core.alert;

import dev.vernier.api.internal.Check;
import dev.vernier.core.event.IntervalSnapshot;
import dev.vernier.core.recording.Recording;

/**
 * The figures of one interval that alert rules look at. Immutable and thread-safe. A figure the
 * interval has no data for (no transaction committed, no resource sample) is NaN, and NaN never
 * breaches a threshold.
 *
 * @param source what the figures are about: a suite's name, or a recorder's
 * @param intervalSeconds length of the interval the figures cover, seconds (0 for an instantaneous
 *     reading); a breach is taken to have started at the start of its first breaching interval
 * @param throughputOpsPerSecond committed transactions per second, ops/s
 * @param errorRatePercent failed share of the transactions that ended, percent (0-100)
 * @param p50Ms median latency, ms
 * @param p95Ms 95th percentile latency, ms
 * @param p99Ms 99th percentile latency, ms
 * @param maxMs largest latency, ms
 * @param cpuPercent process CPU, percent of all logical cores
 * @param memoryPercent heap used over maximum heap, percent
 */
public record AlertSample(String source, double intervalSeconds, double throughputOpsPerSecond, double errorRatePercent, double p50Ms,
                          double p95Ms, double p99Ms, double maxMs, double cpuPercent, double memoryPercent) {

    /** Validates the source and the interval. */
    public AlertSample {
        Check.notBlank("source", source);
        Check.nonNegative("intervalSeconds", intervalSeconds);
    }

    /**
     * The figures of a run's interval snapshot. CPU and heap come from the snapshot when the
     * RESOURCES phase samples them, otherwise they are NaN (see {@link #withResources}).
     *
     * @param s an interval snapshot
     * @param heapMaxBytes the JVM's maximum heap, bytes (for {@link AlertMetric#MEMORY}); NaN or not
     *     positive when unknown
     * @return the sample, its source the snapshot's suite
     */
    public static AlertSample of(IntervalSnapshot s, double heapMaxBytes) {
        Check.notNull("snapshot", s);
        double errorRate = errorRatePercent(s);
        double cpu = s.processCpuPercent() == null ? Double.NaN : s.processCpuPercent();
        double memory = s.heapUsedBytes() == null ? Double.NaN : memoryPercent(s.heapUsedBytes(), heapMaxBytes);
        return new AlertSample(s.suite(), Math.max(0, s.intervalSeconds()), s.throughputOpsPerSecond(), errorRate, s.p50Ms(), s.p95Ms(), s.p99Ms(),
                s.maxMs(), cpu, memory);
    }

    /**
     * The failed share of the transactions that ended in a snapshot's interval: errors over committed
     * plus errors. (The snapshot's success rate is over the transactions sent, so it also counts those
     * still in flight, which have not failed.)
     *
     * @param s an interval snapshot
     * @return percent (0-100), or NaN when none ended
     */
    public static double errorRatePercent(IntervalSnapshot s) {
        long ended = committed(s) + s.errors();
        return ended == 0 ? Double.NaN : 100.0 * s.errors() / ended;
    }

    /**
     * @param s an interval snapshot
     * @return the transactions committed in its interval (throughput times length, rounded)
     */
    public static long committed(IntervalSnapshot s) {
        return Math.round(s.throughputOpsPerSecond() * s.intervalSeconds());
    }

    /**
     * The figures of a window of a node's own traffic, all operation types together: throughput is
     * committed operations over the window's length, percentiles are those of the window's merged
     * histogram. CPU and heap are NaN (see {@link #withResources}).
     *
     * @param source the name to report alerts under, e.g. the node's name
     * @param window a window, {@code later.since(earlier)} of one recorder
     * @return the sample
     */
    public static AlertSample of(String source, Recording window) {
        Check.notNull("window", window);
        Recording.TypeRecording all = window.all();
        double seconds = window.seconds();
        double throughput = seconds > 0 ? all.committed() / seconds : Double.NaN;
        long ended = all.committed() + all.failed();
        double errorRate = ended == 0 ? Double.NaN : 100.0 * all.failed() / ended;
        return new AlertSample(source, Math.max(0, seconds), throughput, errorRate, all.percentileMs(50), all.percentileMs(95),
                all.percentileMs(99), all.percentileMs(100), Double.NaN, Double.NaN);
    }

    /**
     * @param cpu process CPU, percent of all cores (NaN when unknown)
     * @param memory heap used over maximum heap, percent (NaN when unknown)
     * @return a copy with these resource figures
     */
    public AlertSample withResources(double cpu, double memory) {
        return new AlertSample(source, intervalSeconds, throughputOpsPerSecond, errorRatePercent, p50Ms, p95Ms, p99Ms, maxMs, cpu,
                memory);
    }

    /**
     * @param usedBytes heap in use, bytes
     * @param maxBytes maximum heap, bytes
     * @return {@code 100 * used / max}, or NaN when the maximum is unknown (NaN or not positive)
     */
    public static double memoryPercent(double usedBytes, double maxBytes) {
        return maxBytes > 0 && Double.isFinite(maxBytes) ? 100.0 * usedBytes / maxBytes : Double.NaN;
    }
}
