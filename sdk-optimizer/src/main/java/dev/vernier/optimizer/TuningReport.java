package dev.vernier.optimizer;

import dev.vernier.api.tuning.Metric;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The outcome of a tuning session or offline search. Immutable and thread-safe; serialisable by
 * Jackson.
 *
 * <p>The headline figures ({@link #throughputGain()}, {@link #p50ReductionPercent()}) come from the
 * {@link Verification}: the start and the final configuration measured again, interleaved, at the
 * end of the session; never from the best window of the search.
 *
 * @param outcome why the session ended
 * @param reason the same, in words (which budget, which threshold)
 * @param failure the failure or cancellation message, or null
 * @param startConfiguration the configuration in force before the session
 * @param finalConfiguration the configuration in force after it (the last kept, or the last good one restored)
 * @param baseline the starting configuration's observation; null when it could not be measured
 * @param best the final configuration's latest observation during the search (offline: the best
 *     feasible trial); may be null
 * @param steps every step, baseline first
 * @param windows measurement windows used by the search, baseline included (warm-up and
 *     verification windows not included)
 * @param verification the interleaved re-measurement of start and final; null when the session
 *     failed, was cancelled, or kept nothing (then there is nothing to verify)
 * @param throughputGain final throughput / starting throughput (x) from the verification; exactly 1
 *     when nothing was kept; null when not measured
 * @param p50ReductionPercent reduction of p50 latency at the operating point from the verification,
 *     in percent (positive = faster); null without an operating-point measurer
 */
public record TuningReport(Outcome outcome, String reason, String failure, Map<String, Object> startConfiguration,
                           Map<String, Object> finalConfiguration, Observation baseline, Observation best,
                           List<TuningStep> steps, int windows, Verification verification, Double throughputGain,
                           Double p50ReductionPercent) {

    /** Why a session ended. */
    public enum Outcome {
        /** The window budget was used. */
        BUDGET_USED,
        /** Nothing new was left to try: every candidate within the trust region was measured, or it shrank to its minimum. */
        CONVERGED,
        /** The proposal chosen was below the confidence threshold and the session was asked to stop then. */
        NO_CONFIDENT_PROPOSAL,
        /** Applying or measuring failed; the last good configuration was restored. */
        FAILED,
        /** Cancelled (cancel(), an interrupt or JVM shutdown); the last good configuration was restored. */
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

    /**
     * @return {@code Throughput gain: 2.31x (95% CI 2.10x-2.52x, 4 interleaved pairs)}, or with
     *     "n/a" and the reason when there is no verified figure
     */
    public String throughputGainLine() {
        if (throughputGain == null) {
            return "Throughput gain: n/a (" + (verification == null ? outcome.toString().toLowerCase(Locale.ROOT)
                    : "throughput not measured") + ")";
        }
        Comparison c = verification == null ? null : verification.throughput();
        if (c == null) {
            return fmt("Throughput gain: %.2fx (no change kept)", throughputGain);
        }
        return fmt("Throughput gain: %.2fx (%.0f%% CI %.2fx-%.2fx, %d interleaved pairs)", throughputGain,
                100 * c.level(), c.ratioLow(), c.ratioHigh(), c.pairs());
    }

    /** @return a Markdown summary with the verification and the history table */
    public String toMarkdown() {
        StringBuilder b = new StringBuilder();
        b.append("# Tuning report\n\n");
        b.append("- Outcome: ").append(outcome).append(" (").append(reason).append(')')
                .append(failure == null ? "" : ": " + failure).append('\n');
        b.append("- Windows: ").append(windows).append(", kept changes: ").append(keeps()).append('\n');
        b.append("- Start: `").append(startConfiguration).append("`\n");
        b.append("- Final: `").append(finalConfiguration).append("`\n");
        b.append("- ").append(throughputGainLine()).append('\n');
        b.append("- p50 latency reduction at the operating point: ")
                .append(p50ReductionPercent == null ? "n/a" : fmt("%.1f%%", p50ReductionPercent)).append('\n');
        if (verification != null) {
            b.append("\n## Verification\n\n").append(verification.note()).append("\n\n");
            b.append("| measured by | metric | start | final | ratio | interval | pairs |\n|---|---|---|---|---|---|---|\n");
            row(b, "tuning windows", verification.windows());
            row(b, "operating point", verification.operatingPoint());
        }
        b.append("\n## Steps\n\n");
        b.append("| # | source | configuration | confidence | predicted gain | measured gain (bound) | windows | decision | why |\n");
        b.append("|---|---|---|---|---|---|---|---|---|\n");
        for (TuningStep s : steps) {
            Proposal p = s.proposal();
            b.append("| ").append(s.index()).append(" | ").append(p.source()).append(" | `").append(p.configuration())
                    .append("` | ").append(num("%.2f", p.confidence())).append(" | ")
                    .append(num("%+.1f%%", 100 * p.expectedGain())).append(" | ")
                    .append(Double.isNaN(s.relativeGain()) ? "-"
                            : fmt("%+.1f%% (%+.1f%%)", 100 * s.relativeGain(), 100 * s.gainLowerBound()))
                    .append(" | ").append(s.windows()).append(" | ").append(s.decision()).append(" | ")
                    .append(s.reason().replace("|", "/")).append(" |\n");
        }
        return b.toString();
    }

    private static void row(StringBuilder b, String source, Map<Metric, Comparison> m) {
        for (Comparison c : m.values()) {
            b.append("| ").append(source).append(" | ").append(c.metric()).append(" | ")
                    .append(fmt("%.4g", c.referenceMean())).append(" | ").append(fmt("%.4g", c.candidateMean()))
                    .append(" | ").append(fmt("%.3f", c.ratio())).append(" | ")
                    .append(fmt("%.3f-%.3f (%.0f%%)", c.ratioLow(), c.ratioHigh(), 100 * c.level())).append(" | ")
                    .append(c.pairs()).append(" |\n");
        }
    }

    private static String num(String f, double v) {
        return Double.isNaN(v) ? "-" : fmt(f, v);
    }

    private static String fmt(String f, Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
