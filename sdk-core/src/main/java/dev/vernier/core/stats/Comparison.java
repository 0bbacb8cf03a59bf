package dev.vernier.core.stats;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;

/**
 * Every figure of a candidate compared with a baseline; see {@link FigureChange} for the rule.
 * Immutable and thread-safe.
 *
 * @param baseline label of the baseline (suite/scenario or a baseline name)
 * @param candidate label of the candidate
 * @param alpha significance level of the verdicts; change intervals are at {@code 1 - alpha}
 * @param practicalThreshold noise band of relative changes, fraction
 * @param errorRateThreshold noise band of error-rate changes, share
 * @param changes one change per figure both results have
 * @param environmentDifferences what differs between where the two results were measured (JDK,
 *     JVM arguments, OS, CPU, memory, Vernier version, a busy machine, a result that does not say);
 *     empty when they match
 */
public record Comparison(String baseline, String candidate, double alpha, double practicalThreshold,
                         double errorRateThreshold, List<FigureChange> changes, List<String> environmentDifferences) {

    /** Copies the lists. */
    public Comparison {
        changes = List.copyOf(changes);
        environmentDifferences = List.copyOf(environmentDifferences);
    }

    /** @return a copy with other labels (for example a baseline's name) */
    public Comparison relabel(String newBaseline, String newCandidate) {
        return new Comparison(newBaseline, newCandidate, alpha, practicalThreshold, errorRateThreshold, changes,
                environmentDifferences);
    }

    /** @return true when any figure REGRESSED */
    public boolean regressed() {
        return changes.stream().anyMatch(c -> c.verdict() == Verdict.REGRESSED);
    }

    /** @return the changes whose verdict is REGRESSED */
    public List<FigureChange> regressions() {
        return changes.stream().filter(c -> c.verdict() == Verdict.REGRESSED).toList();
    }

    /** @return the changes whose verdict is INCONCLUSIVE */
    public List<FigureChange> inconclusive() {
        return changes.stream().filter(c -> c.verdict() == Verdict.INCONCLUSIVE).toList();
    }

    /** @return true when the two results were measured in environments that differ (or do not say) */
    public boolean environmentsDiffer() {
        return !environmentDifferences.isEmpty();
    }

    /** @return the change of one figure, if both results have it */
    public Optional<FigureChange> change(String figure) {
        return changes.stream().filter(c -> c.figure().equals(figure)).findFirst();
    }

    /**
     * @return a Markdown table (figure, baseline, candidate, change with its interval, p-value,
     *     verdict), the environment differences, and the reason of every verdict that is not
     *     IMPROVED or REGRESSED
     */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        String level = Estimate.stripZeros((1 - alpha) * 100) + "%";
        sb.append(String.format(Locale.ROOT, "Baseline `%s` vs candidate `%s`: verdicts at %s confidence, noise band"
                        + " ±%s%% (error rate ±%s pp)%n%n", baseline, candidate, level,
                Estimate.stripZeros(practicalThreshold * 100), Estimate.stripZeros(errorRateThreshold * 100)));
        if (!environmentDifferences.isEmpty()) {
            sb.append("> **Different environments**: ").append(String.join("; ", environmentDifferences))
                    .append(".\n\n");
        }
        sb.append("| Figure | Baseline | Candidate | Change (").append(level).append(" CI) | p-value | Verdict |\n");
        sb.append("|---|---|---|---|---|---|\n");
        for (FigureChange c : changes) {
            sb.append(String.format(Locale.ROOT, "| %s (%s) | %s | %s | %s | %s | %s |%n", c.figure(),
                    c.unit().equals("fraction") ? "%" : c.unit(), cell(c.baseline(), c.unit()),
                    cell(c.candidate(), c.unit()), c.formatChangeCell(),
                    FigureChange.formatP(c.pValue()), c.verdict()));
        }
        List<FigureChange> explained = changes.stream().filter(c -> !c.changed()).toList();
        if (!explained.isEmpty()) {
            // one line per distinct verdict and reason (correlated figures often share them)
            Map<String, List<String>> byReason = new LinkedHashMap<>();
            for (FigureChange c : explained) {
                byReason.computeIfAbsent(c.verdict() + ", " + c.reason(), k -> new ArrayList<>()).add(c.figure());
            }
            sb.append('\n');
            byReason.forEach((reason, figures) -> sb.append("- ").append(String.join(", ", figures)).append(": ")
                    .append(reason).append('\n'));
        }
        return sb.toString();
    }

    /** A figure's value with its interval: a percentage for shares, the unit's number otherwise. */
    static String cell(Estimate e, String unit) {
        if (Double.isNaN(e.mean())) {
            return "n/a";
        }
        boolean share = unit.equals("fraction");
        java.util.function.DoubleFunction<String> f = share ? v -> String.format(Locale.ROOT, "%.3f%%", 100 * v)
                : Estimate::formatNumber;
        if (!e.hasInterval()) {
            return f.apply(e.mean()) + " (no interval)";
        }
        return f.apply(e.mean()) + " [" + f.apply(e.lower()) + ", " + f.apply(e.upper()) + "]"
                + (e.basis() == Estimate.Basis.WITHIN_RUN ? " (within-run)" : "");
    }
}
