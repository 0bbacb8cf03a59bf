package dev.vernier.optimizer;

import dev.vernier.api.tuning.Metric;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one measurement window produced. Immutable and thread-safe.
 *
 * @param metrics the window's figure for each measured metric, in the metric's unit (ops/s, ms, share)
 * @param samples per-sub-interval values of the objective's target metric (same unit); informational:
 *     a tuning session replicates blocks, not sub-window slices (slices of one window are not
 *     independent), and uses the samples' mean only when the target metric is missing
 * @param signals optional extra figures used by the rule-based advisors, e.g.
 *     {@link #MAX_THROUGHPUT}, {@link #OPTIMAL_THROUGHPUT} (ops/s) or {@link #RESOURCE_PRESSURE} (share in [0, 1])
 * @param loadLimit why the load, not the configuration, may have set this window's figures (a harness
 *     that could not keep its schedule, clients that competed for the machine's CPU, an open rate
 *     carried in full, clients that saturated the system into timeouts), in words; empty (never
 *     null) when nothing says so. A session reports it in the step's reason and as a
 *     {@link LoadLimited} event.
 */
public record Measurement(Map<Metric, Double> metrics, List<Double> samples, Map<String, Double> signals,
                          String loadLimit) {

    /** Signal: highest interval throughput of the window, ops/s. */
    public static final String MAX_THROUGHPUT = "throughput.max";
    /** Signal: highest interval throughput with at least 95% success, ops/s. */
    public static final String OPTIMAL_THROUGHPUT = "throughput.optimal";
    /** Signal: resource pressure (e.g. CPU share of the busiest node), in [0, 1]. */
    public static final String RESOURCE_PRESSURE = "resource.pressure";

    /** @throws IllegalArgumentException when a field is null or a value is NaN */
    public Measurement {
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(samples, "samples");
        metrics = Map.copyOf(metrics);
        samples = List.copyOf(samples);
        signals = signals == null ? Map.of() : Map.copyOf(signals);
        loadLimit = loadLimit == null ? "" : loadLimit;
        for (Map.Entry<Metric, Double> e : metrics.entrySet()) {
            if (e.getValue() == null || e.getValue().isNaN()) {
                throw new IllegalArgumentException("metrics." + e.getKey() + " must be a number, but was " + e.getValue());
            }
        }
    }

    /**
     * A window whose load did not limit it.
     *
     * @param metrics the window's figure for each measured metric
     * @param samples per-sub-interval values of the target metric
     * @param signals extra figures for the advisors, or null
     */
    public Measurement(Map<Metric, Double> metrics, List<Double> samples, Map<String, Double> signals) {
        this(metrics, samples, signals, "");
    }

    /** @return a measurement with metrics and samples and no signals */
    public static Measurement of(Map<Metric, Double> metrics, List<Double> samples) {
        return new Measurement(metrics, samples, Map.of());
    }

    /** @return true when the window's load may have set its figures ({@link #loadLimit()} says why) */
    public boolean loadLimited() {
        return !loadLimit.isEmpty();
    }
}
