package dev.vernier.optimizer;

import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Metric;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One measured configuration. Immutable and thread-safe; serialisable by Jackson.
 *
 * @param configuration parameter values by name
 * @param metrics measured metric values, each in its metric's unit
 * @param objective the target metric's value for the window (its unit; not sign-adjusted)
 * @param feasible whether every constraint of the objective held
 * @param samples per-sub-interval samples of the target metric
 * @param signals extra figures for the advisors (see {@link Measurement#signals()})
 */
public record Observation(Map<String, Object> configuration, Map<Metric, Double> metrics, double objective,
                          boolean feasible, List<Double> samples, Map<String, Double> signals) {

    /** Copies the collections. */
    public Observation {
        configuration = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(configuration, "configuration")));
        metrics = Map.copyOf(metrics);
        samples = List.copyOf(samples);
        signals = signals == null ? Map.of() : Map.copyOf(signals);
    }

    /** @return the configuration as an API object */
    public Configuration asConfiguration() {
        return new Configuration(configuration);
    }

    /** @return the metric's value, or NaN when not measured */
    public double metric(Metric m) {
        Double v = metrics.get(m);
        return v == null ? Double.NaN : v;
    }
}
