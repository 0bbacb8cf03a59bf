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
 * @param outcomes outcome counts of the whole phase
 * @param outcomesByType outcome counts per transaction type
 * @param errorsByCause error counts by cause (exception class or rejection reason)
 * @param iterations per-iteration figures
 * @param generator whether the generator held its schedule
 */
public record ThroughputResult(LoadModel load, List<ThroughputInterval> intervals, double averageOpsPerSecond,
                               double maxOpsPerSecond, double optimalOpsPerSecond, double sustainableOpsPerSecond,
                               double variability, double averageSuccessRate, Outcomes outcomes,
                               Map<String, Outcomes> outcomesByType, Map<String, Long> errorsByCause,
                               List<IterationSummary> iterations, GeneratorHealth generator) {

    /** Copies the collections. */
    public ThroughputResult {
        intervals = List.copyOf(intervals);
        outcomesByType = Maps.ordered(outcomesByType);
        errorsByCause = Maps.ordered(errorsByCause);
        iterations = List.copyOf(iterations);
    }
}
