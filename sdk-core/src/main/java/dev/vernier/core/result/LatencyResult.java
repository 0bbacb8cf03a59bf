package dev.vernier.core.result;

import dev.vernier.api.LoadModel;
import java.util.List;
import java.util.Map;

/**
 * The latency phase. Open-model latency is measured from each transaction's intended start, so a
 * stall shows in the percentiles (no coordinated omission), and every transaction that was due has a
 * value: exact when it was answered, a lower bound when it was given up (timed out, refused, never
 * sent), so a stall at the window's edge cannot hide either. Immutable and thread-safe.
 *
 * @param load the load model the phase ran
 * @param overall distribution of every due transaction over all iterations (one merged histogram;
 *     its count is {@code scheduled})
 * @param byType distribution per transaction type (same meaning)
 * @param stages per stage of committed transactions, with each stage's share of the committed mean
 * @param histogram logarithmic histogram of the overall distribution
 * @param outliers outliers of the overall distribution
 * @param outcomes outcome counts of the whole phase
 * @param outcomesByType outcome counts per type
 * @param errorsByCause error counts by cause
 * @param iterations per-iteration figures
 * @param generator whether the generator held its schedule
 * @param encodedHistogram the overall HdrHistogram in nanoseconds, compressed and Base64-encoded
 *     ({@code Histogram.decodeFromCompressedByteBuffer}), so any figure can be recomputed
 * @param scheduled transactions the measured window asked for; equals {@code outcomes.total()}
 * @param committed distribution of committed transactions only (exact values)
 */
public record LatencyResult(LoadModel load, LatencySummary overall, Map<String, LatencySummary> byType,
                            List<StageSummary> stages, List<HistogramBucket> histogram, Outliers outliers,
                            Outcomes outcomes, Map<String, Outcomes> outcomesByType, Map<String, Long> errorsByCause,
                            List<IterationSummary> iterations, GeneratorHealth generator, String encodedHistogram,
                            long scheduled, LatencySummary committed) {

    /** Copies the collections. */
    public LatencyResult {
        byType = Maps.ordered(byType);
        stages = List.copyOf(stages);
        histogram = List.copyOf(histogram);
        outcomesByType = Maps.ordered(outcomesByType);
        errorsByCause = Maps.ordered(errorsByCause);
        iterations = List.copyOf(iterations);
    }

    /**
     * A result without the accounting fields (synthetic results, older documents): {@code scheduled}
     * is the outcomes' total and the committed distribution is the overall one.
     *
     * @param load the load model
     * @param overall overall distribution
     * @param byType per type
     * @param stages per stage
     * @param histogram bars
     * @param outliers outliers
     * @param outcomes outcome counts
     * @param outcomesByType per type
     * @param errorsByCause by cause
     * @param iterations per iteration
     * @param generator the load verdict
     * @param encodedHistogram the encoded histogram
     */
    public LatencyResult(LoadModel load, LatencySummary overall, Map<String, LatencySummary> byType,
                         List<StageSummary> stages, List<HistogramBucket> histogram, Outliers outliers,
                         Outcomes outcomes, Map<String, Outcomes> outcomesByType, Map<String, Long> errorsByCause,
                         List<IterationSummary> iterations, GeneratorHealth generator, String encodedHistogram) {
        this(load, overall, byType, stages, histogram, outliers, outcomes, outcomesByType, errorsByCause, iterations,
                generator, encodedHistogram, outcomes.total(), overall);
    }
}
