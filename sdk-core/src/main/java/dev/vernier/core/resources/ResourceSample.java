package dev.vernier.core.resources;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One sample of resource metrics, taken at {@code timestampNanos} of the sampler's
 * {@link dev.vernier.api.NanoClock}.
 *
 * <p>Immutable and thread-safe. {@code values} maps a metric name (see {@link ResourceMetrics})
 * to its value in the metric's unit; a metric the platform cannot give, or whose source failed
 * for this sample, is simply missing. Counters are cumulative totals: use
 * {@link #ratePerSecond(String, ResourceSample)} for a rate.
 *
 * @param timestampNanos when the sample was taken, nanoseconds of the sampler's clock
 * @param values metric name to value; absent metrics are missing, never zero
 */
public record ResourceSample(long timestampNanos, Map<String, Double> values) {

    /** Copies {@code values} into an unmodifiable sorted map. */
    public ResourceSample {
        Objects.requireNonNull(values, "values");
        values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
    }

    /**
     * @param metric a metric name
     * @return the value, or {@code null} when the metric is absent from this sample
     */
    public Double get(String metric) {
        return values.get(metric);
    }

    /**
     * @param metric a metric name
     * @return whether this sample holds the metric
     */
    public boolean has(String metric) {
        return values.containsKey(metric);
    }

    /**
     * The rate per second of a counter between an earlier sample and this one.
     *
     * @param counter a counter name, such as {@link ResourceMetrics#NET_BYTES_OUT}
     * @param earlier an earlier sample, may be {@code null}
     * @return units per second, or {@code null} when either sample lacks the counter, the samples
     *     are not in time order, or the counter went backwards (reset)
     */
    public Double ratePerSecond(String counter, ResourceSample earlier) {
        if (earlier == null) {
            return null;
        }
        Double now = values.get(counter);
        Double before = earlier.values.get(counter);
        long dt = timestampNanos - earlier.timestampNanos;
        if (now == null || before == null || dt <= 0 || now < before) {
            return null;
        }
        return (now - before) * 1e9 / dt;
    }
}
