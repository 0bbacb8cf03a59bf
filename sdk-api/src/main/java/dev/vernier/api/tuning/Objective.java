package dev.vernier.api.tuning;

import dev.vernier.api.internal.Check;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a tuning session optimises: one metric to maximise or minimise, subject to constraints,
 * e.g. {@code Objective.maximize(THROUGHPUT).atMost(P99_LATENCY_MS, 50).atMost(ERROR_RATE, 0.01)}.
 *
 * <p>Constraints ({@link #atMost}, {@link #atLeast}) bound what the tuning windows measure.
 * Operating-point limits ({@link #notWorseAtOperatingPoint}) bound what a second measurement at a
 * fixed offered rate shows, relative to the starting configuration: "throughput up, but p99 at
 * 500 ops/s not more than 10% worse than before". A session given such a limit needs an
 * operating-point measurer.
 *
 * <p>Immutable and thread-safe; each {@code atMost}/{@code atLeast}/{@code notWorseAtOperatingPoint}
 * returns a new objective.
 *
 * @param target the metric to optimise
 * @param maximize true to maximise, false to minimise
 * @param constraints limits every kept configuration must respect in the tuning windows
 * @param operatingLimits limits, relative to the start, on what the operating-point measurement shows
 */
public record Objective(Metric target, boolean maximize, List<Constraint> constraints,
                        List<OperatingLimit> operatingLimits) {

    /** @throws IllegalArgumentException when target or a list is null */
    public Objective {
        Check.notNull("target", target);
        constraints = List.copyOf(Check.notNull("constraints", constraints));
        operatingLimits = List.copyOf(Check.notNull("operatingLimits", operatingLimits));
    }

    /**
     * An objective without operating-point limits.
     *
     * @throws IllegalArgumentException when target or constraints are null
     */
    public Objective(Metric target, boolean maximize, List<Constraint> constraints) {
        this(target, maximize, constraints, List.of());
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

    /**
     * A limit on the operating point: measured at the fixed rate of the session's operating-point
     * measurer, {@code metric} of a kept configuration may be worse than the starting
     * configuration's by at most {@code maxWorsening} (0.10 = 10%): for a latency, at most
     * {@code start * (1 + maxWorsening)}.
     *
     * @param metric the metric measured at the operating point, e.g. {@link Metric#P99_LATENCY_MS}
     * @param maxWorsening largest relative worsening allowed, in [0, 10]
     * @return a copy with the limit
     * @throws IllegalArgumentException when metric is null or maxWorsening is outside [0, 10]
     */
    public Objective notWorseAtOperatingPoint(Metric metric, double maxWorsening) {
        List<OperatingLimit> list = new ArrayList<>(operatingLimits);
        list.add(new OperatingLimit(metric, maxWorsening));
        return new Objective(target, maximize, constraints, list);
    }

    private Objective with(Constraint c) {
        List<Constraint> list = new ArrayList<>(constraints);
        list.add(c);
        return new Objective(target, maximize, list, operatingLimits);
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
     * A limit, relative to the starting configuration, on a metric measured at the operating point.
     *
     * @param metric the metric, e.g. {@link Metric#P99_LATENCY_MS}
     * @param maxWorsening largest relative worsening allowed against the start, in [0, 10] (0.1 = 10%)
     */
    public record OperatingLimit(Metric metric, double maxWorsening) {
        /** @throws IllegalArgumentException naming the field and value when invalid */
        public OperatingLimit {
            Check.notNull("operatingLimit.metric", metric);
            if (!(maxWorsening >= 0 && maxWorsening <= 10)) {
                throw new IllegalArgumentException("operatingLimit.maxWorsening must be in [0, 10], but was " + maxWorsening);
            }
        }

        /**
         * @param start the starting configuration's value
         * @return the worst value a candidate may show: {@code start * (1 + maxWorsening)} for a
         *     metric where lower is better, {@code start * (1 - maxWorsening)} otherwise
         */
        public double bound(double start) {
            return metric.higherIsBetter() ? start * (1 - maxWorsening) : start * (1 + maxWorsening);
        }

        /** @return whether {@code value} respects the limit against {@code start} */
        public boolean isSatisfiedBy(double start, double value) {
            return metric.higherIsBetter() ? value >= bound(start) : value <= bound(start);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "%s at the operating point at most %.0f%% worse than at the start",
                    metric, 100 * maxWorsening);
        }
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
