package dev.vernier.core.resources;

import java.util.List;
import java.util.Map;

/**
 * The result of the resource phase: statistics per metric, memory growth, GC impact, bottlenecks,
 * absent metrics and the sampler's own cost. Serialisable by Jackson as is (records, nullable
 * numbers, no NaN).
 *
 * <p>Immutable and thread-safe. Units: milliseconds for durations; see {@link MetricStats#unit()}
 * for each metric.
 *
 * @param schemaVersion version of this JSON shape
 * @param sampleCount samples analysed
 * @param droppedSamples samples dropped by the sampler's bounded buffer
 * @param durationMs from the first to the last sample, milliseconds
 * @param intervalMs the sampling interval, milliseconds
 * @param metrics statistics per metric name, sorted by name
 * @param memoryGrowth the heap-after-GC regression
 * @param gcTimeShare the share of wall time spent in GC (0..1), or {@code null} without GC figures
 * @param bottlenecks the bottlenecks found, highest severity first
 * @param absentMetrics metrics the platform did not give, sorted
 * @param absentReasons why, for the metrics a source explained
 * @param sourceFailures for each source that threw, how many samples it missed
 * @param samplerCost the sampler's own cost
 */
public record ResourceResult(int schemaVersion, long sampleCount, long droppedSamples, double durationMs,
        double intervalMs, Map<String, MetricStats> metrics, MemoryGrowth memoryGrowth, Double gcTimeShare,
        List<Bottleneck> bottlenecks, List<String> absentMetrics, Map<String, String> absentReasons,
        Map<String, Long> sourceFailures, SamplerCost samplerCost) {

    /** The current {@link #schemaVersion()}. */
    public static final int SCHEMA_VERSION = 1;

    /** @return a short Markdown section, see {@link ResourceMarkdown#render(ResourceResult)} */
    public String toMarkdown() {
        return ResourceMarkdown.render(this);
    }
}
