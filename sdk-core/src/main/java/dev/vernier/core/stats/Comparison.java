package dev.vernier.core.stats;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Every figure of a candidate compared with a baseline; see {@link FigureChange} for the rule.
 * Immutable and thread-safe.
 *
 * @param baseline label of the baseline (suite/scenario or a baseline name)
 * @param candidate label of the candidate
 * @param confidence confidence level used, in (0, 1)
 * @param practicalThreshold practical threshold used, fraction
 * @param changes one change per figure both results have
 */
public record Comparison(String baseline, String candidate, double confidence, double practicalThreshold,
                         List<FigureChange> changes) {

    /** Copies the list. */
    public Comparison {
        changes = List.copyOf(changes);
    }

    /** @return true when any figure REGRESSED */
    public boolean regressed() {
        return changes.stream().anyMatch(c -> c.verdict() == Verdict.REGRESSED);
    }

    /** @return the changes whose verdict is REGRESSED */
    public List<FigureChange> regressions() {
        return changes.stream().filter(c -> c.verdict() == Verdict.REGRESSED).toList();
    }

    /** @return the change of one figure, if both results have it */
    public Optional<FigureChange> change(String figure) {
        return changes.stream().filter(c -> c.figure().equals(figure)).findFirst();
    }

    /** @return a Markdown table: figure, baseline, candidate, change with interval, p-value, verdict */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Baseline `%s` vs candidate `%s` (%s%% confidence, %s%% threshold)%n%n",
                baseline, candidate, Estimate.stripZeros(confidence * 100),
                Estimate.stripZeros(practicalThreshold * 100)));
        sb.append("| Figure | Baseline | Candidate | Change | p-value | Verdict |\n");
        sb.append("|---|---|---|---|---|---|\n");
        for (FigureChange c : changes) {
            sb.append(String.format(Locale.ROOT, "| %s (%s) | %.4g ± %.3g | %.4g ± %.3g | %+.2f%% [%+.2f%%, %+.2f%%] | %.3g | %s |%n",
                    c.figure(), c.unit(), c.baseline().mean(), c.baseline().halfWidth(), c.candidate().mean(),
                    c.candidate().halfWidth(), c.relativeChange().mean() * 100, c.relativeChange().lower() * 100,
                    c.relativeChange().upper() * 100, c.pValue(), c.verdict()));
        }
        return sb.toString();
    }
}
