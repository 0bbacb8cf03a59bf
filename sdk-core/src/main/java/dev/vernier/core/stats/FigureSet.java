package dev.vernier.core.stats;

import dev.vernier.core.result.Environment;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The headline figures of one result, in a stable order (throughput, error rate, latency mean,
 * then percentiles ascending). Immutable and thread-safe.
 *
 * @param suite the suite's name
 * @param scenario the scenario's name
 * @param figures figures by name
 * @param steadyState intervals dropped as warm-up
 * @param environment where the result was measured, or null when it does not say
 */
public record FigureSet(String suite, String scenario, Map<String, Figure> figures, SteadyState steadyState,
                        Environment environment) {

    /** Copies the map, keeping its order. */
    public FigureSet {
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }

    /** @return the estimate of every figure, by name, in order */
    public Map<String, Estimate> estimates() {
        Map<String, Estimate> m = new LinkedHashMap<>();
        figures.forEach((k, v) -> m.put(k, v.estimate()));
        return Collections.unmodifiableMap(m);
    }

    /**
     * @param name a figure name such as {@code "latency.p99"}
     * @return its estimate
     * @throws IllegalArgumentException naming the figure when the result has no such figure
     */
    public Estimate estimate(String name) {
        return figure(name).estimate();
    }

    /** @throws IllegalArgumentException naming the figure when the result has no such figure */
    public Figure figure(String name) {
        Figure f = figures.get(name);
        if (f == null) {
            throw new IllegalArgumentException("figure must be one of " + figures.keySet() + ", but was " + name);
        }
        return f;
    }
}
