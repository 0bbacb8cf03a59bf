package dev.vernier.core.result;

import dev.vernier.api.LoadModel;
import java.util.List;
import java.util.Map;

/**
 * The throughput phase: an interval series and what it says. Immutable and thread-safe.
 *
 * @param load the load model the phase ran
 * @param intervals every measured interval, in order
 * @param averageOpsPerSecond mean achieved throughput over intervals, ops/s
 * @param maxOpsPerSecond highest interval, ops/s
 * @param optimalOpsPerSecond highest interval whose success rate was at least 95%, ops/s (0 if none)
 * @param sustainableOpsPerSecond throughput reached or exceeded in 80% of intervals, ops/s
 * @param variability coefficient of variation of interval throughput (stddev / mean)
 * @param averageSuccessRate mean success rate over intervals, [0, 1]
 * @param outcomes outcome counts of the whole phase (the accounting: they add up to {@code scheduled})
 * @param outcomesByType outcome counts per transaction type
 * @param errorsByCause error counts by cause (exception class or rejection reason)
 * @param iterations per-iteration figures
 * @param generator who limited the load, if anybody
 * @param scheduled transactions the measured window asked for; equals {@code outcomes.total()}
 * @param latency the merged latency of every transaction of the measured window (one histogram:
 *     its p99 is the window's p99, never a mean or median of interval figures)
 * @param encodedHistogram that histogram in nanoseconds, compressed and Base64-encoded
 *     ({@code Histogram.decodeFromCompressedByteBuffer}), or an empty string
 */
public record ThroughputResult(LoadModel load, List<ThroughputInterval> intervals, double averageOpsPerSecond,
                               double maxOpsPerSecond, double optimalOpsPerSecond, double sustainableOpsPerSecond,
                               double variability, double averageSuccessRate, Outcomes outcomes,
                               Map<String, Outcomes> outcomesByType, Map<String, Long> errorsByCause,
                               List<IterationSummary> iterations, GeneratorHealth generator, long scheduled,
                               LatencySummary latency, String encodedHistogram) {

    /** Copies the collections. */
    public ThroughputResult {
        intervals = List.copyOf(intervals);
        outcomesByType = Maps.ordered(outcomesByType);
        errorsByCause = Maps.ordered(errorsByCause);
        iterations = List.copyOf(iterations);
    }

    /**
     * A result without its own merged latency (synthetic results, older documents): {@code scheduled}
     * is the outcomes' total and the latency is empty.
     *
     * @param load the load model
     * @param intervals the intervals
     * @param averageOpsPerSecond mean achieved throughput
     * @param maxOpsPerSecond highest interval
     * @param optimalOpsPerSecond optimal
     * @param sustainableOpsPerSecond sustainable
     * @param variability coefficient of variation
     * @param averageSuccessRate mean success rate
     * @param outcomes outcome counts
     * @param outcomesByType per type
     * @param errorsByCause by cause
     * @param iterations per iteration
     * @param generator the load verdict
     */
    public ThroughputResult(LoadModel load, List<ThroughputInterval> intervals, double averageOpsPerSecond,
                            double maxOpsPerSecond, double optimalOpsPerSecond, double sustainableOpsPerSecond,
                            double variability, double averageSuccessRate, Outcomes outcomes,
                            Map<String, Outcomes> outcomesByType, Map<String, Long> errorsByCause,
                            List<IterationSummary> iterations, GeneratorHealth generator) {
        this(load, intervals, averageOpsPerSecond, maxOpsPerSecond, optimalOpsPerSecond, sustainableOpsPerSecond,
                variability, averageSuccessRate, outcomes, outcomesByType, errorsByCause, iterations, generator,
                outcomes.total(), new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, List.of()), "");
    }
}
