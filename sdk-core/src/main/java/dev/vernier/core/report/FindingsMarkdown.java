package dev.vernier.core.report;

import static dev.vernier.core.report.Reports.cell;
import static dev.vernier.core.report.Reports.f;
import static dev.vernier.core.report.Reports.number;

/**
 * Renders {@link Findings} and {@link Gain} as Markdown, in the shape of the source documents'
 * sample report: key findings, bottleneck analysis, recommendations. Numbers use
 * {@link java.util.Locale#ROOT}. Stateless and thread-safe.
 */
public final class FindingsMarkdown {

    private FindingsMarkdown() {
    }

    /**
     * @param findings the findings of one result
     * @return Markdown sections starting with a level-3 heading "Key findings"
     */
    public static String render(Findings findings) {
        StringBuilder sb = new StringBuilder();
        sb.append("### Key findings\n\n");
        sb.append("- **Overall grade**: ").append(findings.grade().label()).append(" (")
                .append(findings.gradeReason()).append("; rule in docs/reports.md)\n");
        sb.append("- **Success rate**: ").append(Double.isNaN(findings.successRate()) ? "n/a"
                : f("%.2f%% (%d of %d transactions committed)", 100 * findings.successRate(), findings.committed(),
                findings.transactions())).append("\n\n");
        sb.append("| target | observed | limit | status | from |\n|---|---:|---:|---|---|\n");
        for (Findings.TargetCheck c : findings.checks()) {
            sb.append("| ").append(c.target()).append(" | ").append(c.observedText()).append(" | ")
                    .append(c.limitText()).append(" | ").append(status(c.status())).append(" | ")
                    .append(cell(c.source())).append(" |\n");
        }
        sb.append("\n### Bottleneck analysis\n\n");
        if (findings.bottlenecks().isEmpty()) {
            sb.append("No rule fired.\n\n");
        } else {
            int i = 1;
            for (Findings.BottleneckFinding b : findings.bottlenecks()) {
                sb.append(i++).append(". **").append(b.severity()).append("** (").append(b.source()).append(") ")
                        .append(b.rule()).append(": ").append(b.evidence()).append('\n');
            }
            sb.append('\n');
        }
        sb.append("### Recommendations\n\n");
        if (findings.recommendations().isEmpty()) {
            sb.append("None: no bottleneck rule fired and no tuning history was given.\n\n");
        } else {
            int i = 1;
            for (Findings.Recommendation r : findings.recommendations()) {
                sb.append(i++).append(". ").append(r.action()).append(" _Because: ").append(r.because()).append("_\n");
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    /**
     * @param gain a before/after pair
     * @return a Markdown section with the throughput gain and latency reduction against their targets
     */
    public static String render(Gain gain) {
        StringBuilder sb = new StringBuilder();
        sb.append("### Before and after\n\n");
        sb.append("Before: ").append(gain.before()).append("; after: ").append(gain.after()).append("\n\n");
        if (gain.throughputFigure() != null) {
            sb.append(f("- **Throughput improvement**: %.2fx (target: %sx) — %s; %s throughput %.1f -> %.1f ops/s%n",
                    gain.throughputRatio(), number(gain.throughputTarget()), gain.throughputMet() ? "met" : "missed",
                    gain.throughputFigure(), gain.throughputBeforeOpsPerSecond(), gain.throughputAfterOpsPerSecond()));
        } else {
            sb.append("- **Throughput improvement**: not measured (no throughput phase on both sides)\n");
        }
        gain.headlineLatency().ifPresentOrElse(c -> sb.append(f(
                "- **Latency reduction** (p50): %.1f%% (target: %s%%) — %s%n", c.reductionPercent(),
                number(gain.latencyReductionTargetPercent()),
                c.reductionPercent() >= gain.latencyReductionTargetPercent() ? "met" : "missed")),
                () -> sb.append("- **Latency reduction**: not measured (no latency phase on both sides)\n"));
        if (!gain.latency().isEmpty()) {
            sb.append("\n| percentile | before (ms) | after (ms) | reduction | target met |\n|---|---:|---:|---:|---|\n");
            for (Gain.LatencyChange c : gain.latency()) {
                sb.append(f("| p%s | %.3f | %.3f | %.1f%% | %s |%n", number(c.percentile()), c.beforeMs(), c.afterMs(),
                        c.reductionPercent(), c.reductionPercent() >= gain.latencyReductionTargetPercent() ? "yes" : "no"));
            }
        }
        if (!gain.statistics().isEmpty()) {
            sb.append("\nSignificance (t-test of the log ratio over iterations, alpha 0.05 with a noise band; see docs/statistics.md): ");
            sb.append(String.join("; ", gain.statistics())).append('\n');
        }
        sb.append('\n');
        return sb.toString();
    }

    static String status(Findings.Status s) {
        return switch (s) {
            case MET -> "met";
            case MISSED -> "**missed**";
            case NOT_MEASURED -> "not measured";
        };
    }
}
