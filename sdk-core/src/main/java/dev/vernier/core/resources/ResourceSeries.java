package dev.vernier.core.resources;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The samples of one sampling run (oldest first), with what was dropped, absent or failing, and the
 * sampler's own cost. The raw material of a {@link ResourceResult}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param samples the samples, oldest first
 * @param intervalNanos the sampling interval, nanoseconds
 * @param droppedSamples oldest samples dropped because the buffer was full
 * @param absentReasons metrics a source declared it cannot give, with why
 * @param sourceFailures for each source that threw, how many samples it missed
 * @param cost what sampling cost
 */
public record ResourceSeries(List<ResourceSample> samples, long intervalNanos, long droppedSamples,
        Map<String, String> absentReasons, Map<String, Long> sourceFailures, SamplerCost cost) {

    /** Copies the collections. */
    public ResourceSeries {
        samples = List.copyOf(Objects.requireNonNull(samples, "samples"));
        absentReasons = java.util.Collections.unmodifiableMap(new TreeMap<>(absentReasons));
        sourceFailures = java.util.Collections.unmodifiableMap(new TreeMap<>(sourceFailures));
        Objects.requireNonNull(cost, "cost");
    }

    /**
     * A series of samples only, for analysis of recorded or synthetic data.
     *
     * @param samples the samples, oldest first
     * @param intervalNanos the sampling interval, nanoseconds
     * @return the series, with nothing dropped, absent or failed and no cost
     */
    public static ResourceSeries of(List<ResourceSample> samples, long intervalNanos) {
        return new ResourceSeries(samples, intervalNanos, 0, Map.of(), Map.of(),
                SamplerCost.none(intervalNanos / 1_000_000));
    }
}
