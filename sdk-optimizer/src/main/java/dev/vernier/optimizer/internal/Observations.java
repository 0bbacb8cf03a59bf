package dev.vernier.optimizer.internal;

import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Metric;
import dev.vernier.api.tuning.Objective;
import dev.vernier.optimizer.Measurement;
import dev.vernier.optimizer.Observation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Turns measurements into observations. Stateless. */
public final class Observations {

    private Observations() {
    }

    /**
     * @param objective what is optimised
     * @param m one window
     * @return the window with the target metric filled in from the mean of its samples when missing;
     *     unchanged when it has neither (a window in which nothing committed has no latency: the session
     *     takes a candidate's such window for a collapse)
     */
    public static Measurement withTarget(Objective objective, Measurement m) {
        if (m.metrics().containsKey(objective.target()) || m.samples().isEmpty()) {
            return m;
        }
        double s = 0;
        for (double v : m.samples()) {
            s += v;
        }
        Map<Metric, Double> metrics = new EnumMap<>(Metric.class);
        metrics.putAll(m.metrics());
        metrics.put(objective.target(), s / m.samples().size());
        return new Measurement(metrics, m.samples(), m.signals(), m.loadLimit());
    }

    /**
     * @param config the measured configuration
     * @param m the measurement
     * @param objective what is optimised
     * @return the observation of one window (its samples are the window's sub-interval values); its
     *     objective is NaN when the window measured neither the target metric nor samples
     */
    public static Observation of(Configuration config, Measurement m, Objective objective) {
        Measurement w = withTarget(objective, m);
        double v = w.metrics().getOrDefault(objective.target(), Double.NaN);
        List<Double> samples = w.samples().isEmpty() ? (Double.isNaN(v) ? List.of() : List.of(v)) : w.samples();
        return new Observation(config.values(), w.metrics(), v, objective.violations(w.metrics()).isEmpty(), samples,
                w.signals());
    }

    /**
     * @param config the measured configuration
     * @param blocks its blocks (each with the target metric, see {@link #withTarget}), at least one
     * @param objective what is optimised
     * @return the observation over the blocks: each metric measured by every block is the mean over
     *     blocks, the samples are the blocks' target values (the block is the unit of replication),
     *     signals are averaged, feasible says whether the means respect the constraints
     */
    public static Observation of(Configuration config, List<Measurement> blocks, Objective objective) {
        Set<Metric> common = EnumSet.allOf(Metric.class);
        for (Measurement b : blocks) {
            common.retainAll(b.metrics().keySet());
        }
        Map<Metric, Double> metrics = new EnumMap<>(Metric.class);
        for (Metric m : common) {
            double s = 0;
            for (Measurement b : blocks) {
                s += b.metrics().get(m);
            }
            metrics.put(m, s / blocks.size());
        }
        List<Double> samples = new ArrayList<>();
        Map<String, double[]> signals = new HashMap<>();
        for (Measurement b : blocks) {
            Double target = b.metrics().get(objective.target());
            if (target != null) {
                samples.add(target);
            }
            b.signals().forEach((k, v) -> {
                double[] acc = signals.computeIfAbsent(k, x -> new double[2]);
                acc[0] += v;
                acc[1]++;
            });
        }
        Map<String, Double> meanSignals = new HashMap<>();
        signals.forEach((k, acc) -> meanSignals.put(k, acc[0] / acc[1]));
        double target = metrics.getOrDefault(objective.target(), Double.NaN);
        return new Observation(config.values(), metrics, target, objective.violations(metrics).isEmpty(), samples,
                meanSignals);
    }
}
