package dev.vernier.core.report;

import dev.vernier.core.result.ScenarioResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one HTML report shows: one result, or a set of them (a protocols x scenarios matrix, the runs
 * of a tuning session, before/after pairs), optionally with a tuning trajectory. Every result gets its
 * own section; suites measured under the same scenario are compared with confidence intervals; pairs
 * get their gain against the targets.
 *
 * <p>Immutable and thread-safe. Built with {@link #builder(String)}.
 */
public final class ReportSet {

    private final String title;
    private final List<ScenarioResult> results;
    private final List<Pair> pairs;
    private final TuningTrajectory tuning;

    private ReportSet(Builder b) {
        this.title = b.title;
        this.results = Collections.unmodifiableList(new ArrayList<>(b.results));
        this.pairs = List.copyOf(b.pairs);
        this.tuning = b.tuning;
    }

    /**
     * @param result one result
     * @return a set of that result, titled with its suite and scenario
     */
    public static ReportSet of(ScenarioResult result) {
        Objects.requireNonNull(result, "result");
        return builder(result.suite() + " / " + result.scenarioName()).result(result).build();
    }

    /**
     * @param title the report's title
     * @return a builder
     * @throws IllegalArgumentException when the title is blank
     */
    public static Builder builder(String title) {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("title must not be blank, but was '" + title + "'");
        }
        return new Builder(title);
    }

    /** @return the title */
    public String title() {
        return title;
    }

    /** @return the results, in the order added (pairs' results included) */
    public List<ScenarioResult> results() {
        return results;
    }

    /** @return the before/after pairs */
    public List<Pair> pairs() {
        return pairs;
    }

    /** @return the tuning trajectory, or null */
    public TuningTrajectory tuning() {
        return tuning;
    }

    /**
     * A before/after pair. Capacity results hold throughput phases, latency results latency phases;
     * a result with both phases can stand on both sides. Immutable.
     *
     * @param label what changed, e.g. "tuning" or "v1.2 -> v1.3"
     * @param capacityBefore throughput before, or null
     * @param capacityAfter throughput after, or null
     * @param latencyBefore latency before, or null
     * @param latencyAfter latency after, or null
     */
    public record Pair(String label, ScenarioResult capacityBefore, ScenarioResult capacityAfter,
                       ScenarioResult latencyBefore, ScenarioResult latencyAfter) {

        /** @throws IllegalArgumentException when neither side can be compared */
        public Pair {
            Objects.requireNonNull(label, "label");
            boolean capacity = capacityBefore != null && capacityAfter != null;
            boolean latency = latencyBefore != null && latencyAfter != null;
            if (!capacity && !latency) {
                throw new IllegalArgumentException("pair '" + label + "' must have results before and after, but"
                        + " has neither a capacity nor a latency pair");
            }
        }

        /** @param targets the gain targets @return the gain of this pair */
        public Gain gain(Targets targets) {
            return Gain.of(capacityBefore, capacityAfter, latencyBefore, latencyAfter, targets);
        }
    }

    /** Collects results; not thread-safe. */
    public static final class Builder {
        private final String title;
        private final List<ScenarioResult> results = new ArrayList<>();
        private final Map<ScenarioResult, Boolean> seen = new IdentityHashMap<>();
        private final List<Pair> pairs = new ArrayList<>();
        private TuningTrajectory tuning;

        private Builder(String title) {
            this.title = title;
        }

        /** @param result a result to show (added once however often it is given) */
        public Builder result(ScenarioResult result) {
            Objects.requireNonNull(result, "result");
            if (seen.put(result, Boolean.TRUE) == null) {
                results.add(result);
            }
            return this;
        }

        /** @param list results to show, in order */
        public Builder results(List<ScenarioResult> list) {
            list.forEach(this::result);
            return this;
        }

        /**
         * @param label what changed
         * @param before the result before (its throughput and latency phases are compared)
         * @param after the result after
         * @return this builder
         */
        public Builder beforeAfter(String label, ScenarioResult before, ScenarioResult after) {
            return beforeAfter(label, before, after, before, after);
        }

        /**
         * @param label what changed
         * @param capacityBefore throughput before, or null
         * @param capacityAfter throughput after, or null
         * @param latencyBefore latency before, or null
         * @param latencyAfter latency after, or null
         * @return this builder
         */
        public Builder beforeAfter(String label, ScenarioResult capacityBefore, ScenarioResult capacityAfter,
                                   ScenarioResult latencyBefore, ScenarioResult latencyAfter) {
            Pair p = new Pair(label, capacityBefore, capacityAfter, latencyBefore, latencyAfter);
            for (ScenarioResult r : new ScenarioResult[] {capacityBefore, latencyBefore, capacityAfter, latencyAfter}) {
                if (r != null) {
                    result(r);
                }
            }
            pairs.add(p);
            return this;
        }

        /** @param trajectory the tuning session to draw, or null */
        public Builder tuning(TuningTrajectory trajectory) {
            this.tuning = trajectory;
            return this;
        }

        /**
         * @return the set
         * @throws IllegalStateException when it holds neither a result nor a tuning trajectory
         */
        public ReportSet build() {
            if (results.isEmpty() && tuning == null) {
                throw new IllegalStateException("a report set needs a result or a tuning trajectory, but has neither");
            }
            return new ReportSet(this);
        }
    }
}
