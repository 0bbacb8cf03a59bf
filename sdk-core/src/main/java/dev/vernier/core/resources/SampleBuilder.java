package dev.vernier.core.resources;

import java.util.HashMap;
import java.util.Map;

/**
 * Where a {@link MetricSource} puts the metrics it collects for one sample.
 *
 * <p>Not thread-safe: one builder per source per sample, used on the sampling thread. Values that
 * are not finite are dropped, so a metric that cannot be read stays absent.
 */
public final class SampleBuilder {

    private final Map<String, Double> values = new HashMap<>();
    private final Map<String, String> absent = new HashMap<>();

    /** An empty builder (the sampler makes one per source per sample; tests make their own). */
    public SampleBuilder() {
    }

    /**
     * Records a metric.
     *
     * @param metric the metric name
     * @param value the value in the metric's unit; ignored unless finite
     * @return this builder
     */
    public SampleBuilder put(String metric, double value) {
        if (Double.isFinite(value)) {
            values.put(metric, value);
        }
        return this;
    }

    /**
     * Records a metric the platform cannot give, so that the result can list it as absent.
     *
     * @param metric the metric name
     * @param reason why it is absent, for example "no load average on this platform"
     * @return this builder
     */
    public SampleBuilder absent(String metric, String reason) {
        absent.put(metric, reason);
        return this;
    }

    /** @return the metrics put so far (read by the sampler after {@link MetricSource#collect}) */
    public Map<String, Double> values() {
        return values;
    }

    /** @return the metrics declared absent, with their reasons */
    public Map<String, String> absentReasons() {
        return absent;
    }
}
