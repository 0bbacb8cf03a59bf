package dev.vernier.core.result;

import dev.vernier.api.LoadModel;
import java.util.List;
import java.util.Map;

/**
 * The latency phase. Open-model latency is measured from each transaction's intended start, so a
 * stall shows in the percentiles (no coordinated omission). Immutable and thread-safe.
 *
 * @param load the load model the phase ran
 * @param overall distribution of committed transactions over all iterations
 * @param byType distribution per transaction type
 * @param stages per stage, with each stage's share of the mean
 * @param histogram logarithmic histogram of the overall distribution
 * @param outliers outliers of the overall distribution
 * @param outcomes outcome counts of the whole phase
 * @param outcomesByType outcome counts per type
 * @param errorsByCause error counts by cause
 * @param iterations per-iteration figures
 * @param generator whether the generator held its schedule
 * @param encodedHistogram the overall HdrHistogram in nanoseconds, compressed and Base64-encoded
 *     ({@code Histogram.decodeFromCompressedByteBuffer}), so any figure can be recomputed
 */
public record LatencyResult(LoadModel load, LatencySummary overall, Map<String, LatencySummary> byType,
                            List<StageSummary> stages, List<HistogramBucket> histogram, Outliers outliers,
                            Outcomes outcomes, Map<String, Outcomes> outcomesByType, Map<String, Long> errorsByCause,
                            List<IterationSummary> iterations, GeneratorHealth generator, String encodedHistogram) {

    /** Copies the collections. */
    public LatencyResult {
        byType = Maps.ordered(byType);
        stages = List.copyOf(stages);
        histogram = List.copyOf(histogram);
        outcomesByType = Maps.ordered(outcomesByType);
        errorsByCause = Maps.ordered(errorsByCause);
        iterations = List.copyOf(iterations);
    }
}
