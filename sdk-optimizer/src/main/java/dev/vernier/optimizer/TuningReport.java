package dev.vernier.optimizer;

import dev.vernier.api.tuning.Metric;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a tuning session or offline search. Immutable and thread-safe; serialisable by
 * Jackson.
 *
 * @param outcome how the session ended
 * @param failure the failure or cancellation message, or null
 * @param startConfiguration the configuration in force before the session
 * @param finalConfiguration the configuration in force after it (the best kept, or the last good one restored)
 * @param baseline the starting configuration's observation; null when it could not be measured
 * @param best the observation of the final configuration (offline: the best feasible trial); may be null
 * @param steps every step, baseline first
 * @param windows number of measurement windows used
 * @param throughputGain final throughput / starting throughput (x); null when not measured
 * @param p50ReductionPercent reduction of p50 latency against the start, in percent (positive = faster); null when not measured
 */
public record TuningReport(Outcome outcome, String failure, Map<String, Object> startConfiguration,
                           Map<String, Object> finalConfiguration, Observation baseline, Observation best,
                           List<TuningStep> steps, int windows, Double throughputGain, Double p50ReductionPercent) {

    /** How a session ended. */
    public enum Outcome {
        /** Ran until the window budget or until nothing was left to propose. */
        COMPLETED,
        /** Applying or measuring failed; the last good configuration was restored. */
        FAILED,
        /** Cancelled (cancel() or interrupt); the last good configuration was restored. */
        CANCELLED
    }

    /** Copies the lists. */
    public TuningReport {
        steps = List.copyOf(steps);
        startConfiguration = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(startConfiguration));
        finalConfiguration = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(finalConfiguration));
    }

    /** @return the steps with that decision, in order */
    public List<TuningStep> steps(Decision decision) {
        return steps.stream().filter(s -> s.decision() == decision).toList();
    }

    /** @return the number of kept changes */
    public int keeps() {
        return steps(Decision.KEEP).size();
    }

    /** @return a Markdown summary with the history table */
    public String toMarkdown() {
        StringBuilder b = new StringBuilder();
        b.append("# Tuning report\n\n");
        b.append("- Outcome: ").append(outcome).append(failure == null ? "" : " (" + failure + ")").append('\n');
        b.append("- Windows: ").append(windows).append(", kept changes: ").append(keeps()).append('\n');
        b.append("- Start: `").append(startConfiguration).append("`\n");
        b.append("- Final: `").append(finalConfiguration).append("`\n");
        b.append("- Throughput gain: ").append(throughputGain == null ? "n/a" : fmt("%.2fx", throughputGain)).append('\n');
        b.append("- p50 latency reduction: ")
                .append(p50ReductionPercent == null ? "n/a" : fmt("%.1f%%", p50ReductionPercent)).append("\n\n");
        b.append("| # | source | configuration | confidence | predicted (± sd) | measured | gain (lower bound) | decision | why |\n");
        b.append("|---|---|---|---|---|---|---|---|---|\n");
        for (TuningStep s : steps) {
            Proposal p = s.proposal();
            Observation o = s.observation();
            b.append("| ").append(s.index()).append(" | ").append(p.source()).append(" | `").append(p.configuration())
                    .append("` | ").append(num("%.2f", p.confidence())).append(" | ")
                    .append(Double.isNaN(p.predictedMean()) ? "-" : fmt("%.4g ± %.2g", p.predictedMean(), p.predictedStdDev()))
                    .append(" | ").append(o == null ? "-" : fmt("%.4g", o.objective()) + (o.feasible() ? "" : " (infeasible)"))
                    .append(" | ").append(Double.isNaN(s.relativeGain()) ? "-"
                            : fmt("%+.1f%% (%+.1f%%)", 100 * s.relativeGain(), 100 * s.gainLowerBound()))
                    .append(" | ").append(s.decision()).append(" | ").append(s.reason().replace("|", "/")).append(" |\n");
        }
        return b.toString();
    }

    static Double ratio(Observation start, Observation end, Metric m) {
        if (start == null || end == null || !(start.metric(m) > 0) || Double.isNaN(end.metric(m))) {
            return null;
        }
        return end.metric(m) / start.metric(m);
    }

    private static String num(String f, double v) {
        return Double.isNaN(v) ? "-" : fmt(f, v);
    }

    private static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
