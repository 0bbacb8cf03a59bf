package dev.vernier.optimizer.internal;

import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Objective;
import dev.vernier.optimizer.Measurement;
import dev.vernier.optimizer.Observation;

import java.util.List;

/** Turns measurements into observations. Stateless. */
public final class Observations {

    private Observations() {
    }

    /**
     * @param config the measured configuration
     * @param m the measurement
     * @param objective what is optimised
     * @return the observation; the objective value falls back to the mean of the samples when the
     *     target metric is missing, and the samples to that single value when empty
     * @throws IllegalArgumentException when neither the target metric nor samples were measured
     */
    public static Observation of(Configuration config, Measurement m, Objective objective) {
        Double v = m.metrics().get(objective.target());
        List<Double> samples = m.samples();
        if (v == null) {
            if (samples.isEmpty()) {
                throw new IllegalArgumentException("measurement has neither " + objective.target() + " nor samples: " + m);
            }
            v = Welch.mean(samples);
        }
        if (samples.isEmpty()) {
            samples = List.of(v);
        }
        java.util.Map<dev.vernier.api.tuning.Metric, Double> metrics = new java.util.EnumMap<>(dev.vernier.api.tuning.Metric.class);
        metrics.putAll(m.metrics());
        metrics.putIfAbsent(objective.target(), v);
        boolean feasible = objective.violations(metrics).isEmpty();
        return new Observation(config.values(), metrics, v, feasible, samples, m.signals());
    }
}
