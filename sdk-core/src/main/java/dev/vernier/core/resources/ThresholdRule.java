package dev.vernier.core.resources;

import dev.vernier.api.internal.Check;
import java.util.Objects;

/**
 * A bottleneck rule: when {@code statistic} of {@code metric} is above {@code threshold}, report a
 * bottleneck of {@code severity}.
 *
 * <p>Immutable and thread-safe. The threshold is in the metric's analysis unit
 * ({@link ResourceMetrics#analysisUnit(String)}): percent for CPU, bytes per second for counters of
 * bytes. A rule on a metric absent from the series never fires.
 *
 * @param metric the metric name
 * @param statistic which figure to compare
 * @param threshold the limit, in the metric's analysis unit; finite and not negative
 * @param severity the severity when it fires
 */
public record ThresholdRule(String metric, Statistic statistic, double threshold, Severity severity) {

    /** Validates the fields. */
    public ThresholdRule {
        Objects.requireNonNull(metric, "metric");
        if (metric.isBlank()) {
            throw new IllegalArgumentException("metric must not be blank, but was '" + metric + "'");
        }
        Objects.requireNonNull(statistic, "statistic");
        Check.nonNegative("threshold", threshold);
        Objects.requireNonNull(severity, "severity");
    }
}
