package dev.vernier.core.report;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a tuning session did, window by window, in a form reports can draw without depending on the
 * optimizer: the objective measured in each window, whether the change was kept or reverted and why,
 * the constrained figures beside their limits, and the headline gain. The optimizer converts its own
 * report into this type.
 *
 * <p>Immutable and thread-safe.
 *
 * @param objective the figure tuned, e.g. {@code "throughput"}
 * @param unit its unit, e.g. {@code "ops/s"}
 * @param maximise true when more is better
 * @param constraints the limits the session respected, e.g. p99 &lt;= 300 ms
 * @param windows every step, baseline first
 * @param startConfiguration the configuration before the session
 * @param finalConfiguration the configuration after it
 * @param gainPercent the headline gain of the final over the start configuration, percent (positive =
 *     better), or null when not measured
 * @param gainLowPercent lower bound of its confidence interval, percent, or null
 * @param gainHighPercent upper bound of its confidence interval, percent, or null
 * @param outcome how the session ended, e.g. {@code "COMPLETED"}
 */
public record TuningTrajectory(String objective, String unit, boolean maximise, List<Constraint> constraints,
                               List<Window> windows, Map<String, Object> startConfiguration,
                               Map<String, Object> finalConfiguration, Double gainPercent, Double gainLowPercent,
                               Double gainHighPercent, String outcome) {

    /** Copies the collections. @throws NullPointerException when a required field is null */
    public TuningTrajectory {
        Objects.requireNonNull(objective, "objective");
        Objects.requireNonNull(unit, "unit");
        constraints = List.copyOf(constraints);
        windows = List.copyOf(windows);
        startConfiguration = Collections.unmodifiableMap(new LinkedHashMap<>(startConfiguration));
        finalConfiguration = Collections.unmodifiableMap(new LinkedHashMap<>(finalConfiguration));
        Objects.requireNonNull(outcome, "outcome");
    }

    /**
     * A limit on a figure other than the objective. Immutable.
     *
     * @param figure the figure's name as used in {@link Window#figures()}, e.g. {@code "p99"}
     * @param unit its unit, e.g. {@code "ms"}
     * @param limit the limit, in {@code unit}
     * @param upper true for "figure &lt;= limit", false for "figure &gt;= limit"
     */
    public record Constraint(String figure, String unit, double limit, boolean upper) {
        /** @throws NullPointerException when a name is null */
        public Constraint {
            Objects.requireNonNull(figure, "figure");
            Objects.requireNonNull(unit, "unit");
        }

        /** @return e.g. {@code "p99 <= 300 ms"} */
        public String describe() {
            return figure + (upper ? " <= " : " >= ") + Reports.number(limit) + " " + unit;
        }

        /** @return true when {@code value} respects the limit (NaN never does) */
        public boolean holds(double value) {
            return upper ? value <= limit : value >= limit;
        }
    }

    /** What the session did with a window's configuration. */
    public enum Decision {
        /** The starting configuration, measured first. */
        BASELINE,
        /** Paid and broke no constraint: kept as the new best. */
        KEPT,
        /** Did not pay enough: reverted. */
        REVERTED,
        /** Broke a constraint: reverted. */
        REVERTED_CONSTRAINT,
        /** Measured without a keep-or-revert decision (offline search). */
        TRIAL,
        /** Applying or measuring failed; the last good configuration was restored. */
        FAILED,
        /** The session was cancelled; the last good configuration was restored. */
        CANCELLED
    }

    /**
     * One measured step. Immutable.
     *
     * @param index 0 for the baseline, then 1, 2, ...
     * @param configuration the configuration measured, as text (e.g. {@code "maxBatchSize=64"})
     * @param objective the objective measured, in the trajectory's unit (NaN when not measured)
     * @param figures the constrained figures measured, by name (e.g. {@code "p99" -> 212.0})
     * @param decision what was done
     * @param reason why, in words
     */
    public record Window(int index, String configuration, double objective, Map<String, Double> figures,
                         Decision decision, String reason) {
        /** Copies the map. */
        public Window {
            Objects.requireNonNull(configuration, "configuration");
            figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
            Objects.requireNonNull(decision, "decision");
            reason = reason == null ? "" : reason;
        }
    }
}
