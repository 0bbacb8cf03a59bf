package dev.vernier.api.tuning;

import dev.vernier.api.internal.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a tuning session optimises: one metric to maximise or minimise, subject to constraints,
 * e.g. {@code Objective.maximize(THROUGHPUT).atMost(P99_LATENCY_MS, 50).atMost(ERROR_RATE, 0.01)}.
 *
 * <p>Immutable and thread-safe; each {@code atMost}/{@code atLeast} returns a new objective.
 *
 * @param target the metric to optimise
 * @param maximize true to maximise, false to minimise
 * @param constraints limits every kept configuration must respect
 */
public record Objective(Metric target, boolean maximize, List<Constraint> constraints) {

    /** @throws IllegalArgumentException when target or constraints are null */
    public Objective {
        Check.notNull("target", target);
        constraints = List.copyOf(Check.notNull("constraints", constraints));
    }

    /** @return an objective that maximises {@code metric} */
    public static Objective maximize(Metric metric) {
        return new Objective(metric, true, List.of());
    }

    /** @return an objective that minimises {@code metric} */
    public static Objective minimize(Metric metric) {
        return new Objective(metric, false, List.of());
    }

    /** @return a copy with the constraint {@code metric <= limit} */
    public Objective atMost(Metric metric, double limit) {
        return with(new Constraint(metric, Constraint.Kind.AT_MOST, limit));
    }

    /** @return a copy with the constraint {@code metric >= limit} */
    public Objective atLeast(Metric metric, double limit) {
        return with(new Constraint(metric, Constraint.Kind.AT_LEAST, limit));
    }

    private Objective with(Constraint c) {
        List<Constraint> list = new ArrayList<>(constraints);
        list.add(c);
        return new Objective(target, maximize, list);
    }

    /**
     * @param measured metric values
     * @return the constraints the values break (a missing metric breaks its constraint)
     */
    public List<Constraint> violations(Map<Metric, Double> measured) {
        List<Constraint> broken = new ArrayList<>();
        for (Constraint c : constraints) {
            Double v = measured.get(c.metric());
            if (v == null || !c.isSatisfiedBy(v)) {
                broken.add(c);
            }
        }
        return broken;
    }

    /**
     * One limit on a metric.
     *
     * @param metric the constrained metric
     * @param kind at most or at least
     * @param limit the bound, in the metric's unit
     */
    public record Constraint(Metric metric, Kind kind, double limit) {
        /** Direction of a constraint. */
        public enum Kind { AT_MOST, AT_LEAST }

        /** @throws IllegalArgumentException naming the field when invalid */
        public Constraint {
            Check.notNull("constraint.metric", metric);
            Check.notNull("constraint.kind", kind);
            if (Double.isNaN(limit)) {
                throw new IllegalArgumentException("constraint.limit must be a number, but was NaN");
            }
        }

        /** @return whether {@code value} respects this constraint */
        public boolean isSatisfiedBy(double value) {
            return kind == Kind.AT_MOST ? value <= limit : value >= limit;
        }

        @Override
        public String toString() {
            return metric + (kind == Kind.AT_MOST ? " <= " : " >= ") + limit + metric.unit();
        }
    }
}
