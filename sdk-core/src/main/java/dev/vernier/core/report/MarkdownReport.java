package dev.vernier.core.report;

import dev.vernier.core.result.Environment;
import dev.vernier.core.result.FaultEvent;
import dev.vernier.core.result.FaultToleranceResult;
import dev.vernier.core.result.GeneratorHealth;
import dev.vernier.core.result.Warning;
import dev.vernier.core.result.LatencyResult;
import dev.vernier.core.result.LatencySummary;
import dev.vernier.core.result.Outcomes;
import dev.vernier.core.result.ScalabilityResult;
import dev.vernier.core.result.ScalePoint;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.result.StageSummary;
import dev.vernier.core.result.ThroughputInterval;
import dev.vernier.core.result.ThroughputResult;
import dev.vernier.core.result.UslFit;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a short Markdown summary of a {@link ScenarioResult}. Numbers use {@link Locale#ROOT}.
 *
 * <p>Stateless and thread-safe.
 */
public final class MarkdownReport {

    /** A renderer; it keeps no state. */
    public MarkdownReport() {
    }

    /** @return the summary */
    public String render(ScenarioResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append("## ").append(r.suite()).append(" / ").append(r.scenarioName()).append("\n\n");
        if (r.environment() != null) {
            Environment e = r.environment();
            sb.append(f("Measured with Vernier %s on %s %s, %s (%d logical cores, %.1f GiB), %s, JVM %s; load average"
                            + " %.2f at start%s%n%n", e.vernierVersion(), e.jdkVendor(), e.jdkVersion(), e.cpuModel(),
                    e.logicalCores(), e.memoryBytes() / (double) (1L << 30), e.os(),
                    e.tuningArguments().isEmpty() ? "defaults" : String.join(" ", e.tuningArguments()),
                    e.loadAverageAtStart(), e.label() == null ? "" : "; label " + e.label()));
        }
        ThroughputResult t = r.throughput();
        if (t != null) {
            sb.append("### Throughput (").append(t.load()).append(")\n\n");
            sb.append(f("| average | max | optimal (>=95%% ok) | sustainable (80%% of intervals) | variability (CV) | success |%n"));
            sb.append("|---:|---:|---:|---:|---:|---:|\n");
            sb.append(f("| %.1f ops/s | %.1f ops/s | %.1f ops/s | %.1f ops/s | %.3f | %.2f%% |%n%n",
                    t.averageOpsPerSecond(), t.maxOpsPerSecond(), t.optimalOpsPerSecond(),
                    t.sustainableOpsPerSecond(), t.variability(), 100 * t.averageSuccessRate()));
            sb.append("| iteration | start (s) | target (ops/s) | achieved (ops/s) | success | mean (ms) | p95 (ms) | p99 (ms) |\n");
            sb.append("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            for (ThroughputInterval i : t.intervals()) {
                sb.append(f("| %d | %.1f | %s | %.1f | %.2f%% | %.3f | %.3f | %.3f |%n", i.iteration(),
                        i.startSeconds(), i.targetOpsPerSecond() == null ? "closed" : f("%.0f", i.targetOpsPerSecond()),
                        i.achievedOpsPerSecond(), 100 * i.successRate(), i.meanMs(), i.p95Ms(), i.p99Ms()));
            }
            sb.append('\n');
            if (t.latency() != null && t.latency().count() > 0) {
                sb.append("Window latency (merged histogram of every due transaction):");
                t.latency().percentiles().forEach(p -> sb.append(f(" %s %.3f ms;", p.label(), p.valueMs())));
                sb.append(f(" max %.3f ms%s%n%n", t.latency().maxMs(), lowerBounds(t.latency())));
            }
            outcomes(sb, t.scheduled(), t.outcomes(), t.errorsByCause());
            generator(sb, t.generator());
        }
        LatencyResult l = r.latency();
        if (l != null) {
            sb.append("### Latency (").append(l.load()).append(")\n\n");
            LatencySummary o = l.overall();
            sb.append("| samples | mean | stddev |");
            o.percentiles().forEach(p -> sb.append(' ').append(p.label()).append(" |"));
            sb.append(" max |\n|---:|---:|---:|");
            o.percentiles().forEach(p -> sb.append("---:|"));
            sb.append("---:|\n");
            sb.append(f("| %d | %.3f ms | %.3f ms |", o.count(), o.meanMs(), o.stdDevMs()));
            o.percentiles().forEach(p -> sb.append(f(" %.3f ms |", p.valueMs())));
            sb.append(f(" %.3f ms |%n%n", o.maxMs()));
            String bounds = lowerBounds(o);
            if (!bounds.isEmpty()) {
                sb.append("Every due transaction is in the distribution").append(bounds).append(f(
                        "; committed only: p99 %.3f ms (%d)%n%n", l.committed().percentile(99), l.committed().count()));
            }
            sb.append("| stage | mean (ms) | p99 (ms) | share of mean |\n|---|---:|---:|---:|\n");
            for (StageSummary s : l.stages()) {
                if (s.latency().count() > 0) {
                    sb.append(f("| %s | %.3f | %.3f | %.1f%% |%n", s.stage(), s.latency().meanMs(),
                            s.latency().percentile(99), s.sharePercent()));
                }
            }
            sb.append(f("%nOutliers (above %.3f ms, Q3 + 3 IQR): %d%n%n", l.outliers().thresholdMs(),
                    l.outliers().count()));
            outcomes(sb, l.scheduled(), l.outcomes(), l.errorsByCause());
            generator(sb, l.generator());
        }
        ScalabilityResult sc = r.scalability();
        if (sc != null) {
            sb.append("### Scalability (").append(sc.load()).append(")\n\n");
            sb.append("| nodes | throughput (ops/s) | efficiency | p50 (ms) | p99 (ms) | error rate |\n");
            sb.append("|---:|---:|---:|---:|---:|---:|\n");
            for (ScalePoint p : sc.points()) {
                sb.append(f("| %d | %.1f | %.2f | %.3f | %.3f | %.3f%% |%n", p.nodes(), p.throughputOpsPerSecond(),
                        p.efficiency(), p.p50Ms(), p.p99Ms(), 100 * p.errorRate()));
            }
            sb.append('\n');
            if (sc.fit() != null) {
                UslFit u = sc.fit();
                sb.append(f("Universal Scalability Law: lambda %.1f ops/s%s, sigma %.4f%s, kappa %.5f%s, R² %.3f: %s%n%n",
                        u.lambda(), range(u.lambdaInterval(), "%.1f"), u.sigma(), range(u.sigmaInterval(), "%.4f"),
                        u.kappa(), range(u.kappaInterval(), "%.5f"), u.rSquared(), u.interpretation()));
                if (!u.trusted() && u.note() != null && !u.note().isEmpty()) {
                    sb.append("> **Fit not to be trusted:** ").append(u.note()).append("\n\n");
                }
            } else {
                sb.append(sc.note()).append("\n\n");
            }
        }
        FaultToleranceResult ft = r.faultTolerance();
        if (ft != null) {
            sb.append("### Fault tolerance (").append(ft.load()).append(")\n\n");
            sb.append("| at (s) | fault | nodes | result |\n|---:|---|---|---|\n");
            for (FaultEvent e : ft.events()) {
                sb.append(f("| %.2f | %s | %s | %s |%n", e.atSeconds(), e.action(), String.join(", ", e.nodes()),
                        e.error() == null ? "done" : "failed: " + e.error().replace("|", "/")));
            }
            sb.append(f("%nPre-fault %.1f ops/s; lowest %.1f ops/s (dip %.1f%%); recovered to %.0f%% of the pre-fault"
                            + " rate in %s; during the fault: %d committed, %d errors%n%n",
                    ft.preFaultOpsPerSecond(), ft.minOpsPerSecond(), ft.dipPercent(), 100 * 0.9,
                    ft.recoverySeconds() == null ? "never (within the run)" : f("%.2f s", ft.recoverySeconds()),
                    ft.duringFault().committed(), ft.duringFault().errors()));
            if (ft.consistency() != null) {
                sb.append("Consistency: ").append(ft.consistency().consistent() ? "replicas agree" : "REPLICAS DISAGREE")
                        .append(f(" (committed prefix %d): %s%n%n", ft.consistency().committedPrefix(),
                                ft.consistency().detail()));
            }
        }
        if (r.resources() != null) {
            sb.append(r.resources().toMarkdown()).append('\n');
        }
        for (Warning w : r.warnings()) {
            sb.append("> **Warning:** ").append(w).append("\n\n");
        }
        return sb.toString();
    }

    /**
     * The summary with the findings against {@code targets} (key findings, bottleneck analysis,
     * recommendations; see {@link Findings}) after the heading.
     *
     * @param r the result
     * @param targets the targets, e.g. {@link Targets#defaults()}
     * @return the summary with findings
     */
    public String render(ScenarioResult r, Targets targets) {
        String body = render(r);
        int split = body.indexOf("\n\n") + 2;
        return body.substring(0, split) + FindingsMarkdown.render(Findings.of(r, targets)) + body.substring(split);
    }

    /** " [lo, hi]" of a fit's interval, or nothing when it has none. */
    private static String range(UslFit.Interval i, String format) {
        if (i == null || !i.defined()) {
            return "";
        }
        return " [" + f(format, i.lower()) + ", " + (Double.isInfinite(i.upper()) ? "∞" : f(format, i.upper())) + "]";
    }

    private static String lowerBounds(LatencySummary s) {
        return s.lowerBounds() == 0 ? "" : f(" (%d of %d values are lower bounds: transactions never answered,"
                + " counted from their intended start until given up)", s.lowerBounds(), s.count());
    }

    private static void outcomes(StringBuilder sb, long scheduled, Outcomes o, Map<String, Long> causes) {
        sb.append(f("Outcomes of %d scheduled: %d committed, %d rejected, %d failed, %d timed out, %d submit errors,"
                        + " %d refused, %d not sent (error rate %.3f%%)%n%n", scheduled, o.committed(), o.rejected(),
                o.failed(), o.timedOut(), o.submitErrors(), o.refused(), o.notSent(), 100 * o.errorRate()));
        if (!causes.isEmpty()) {
            sb.append("Errors by cause: ");
            causes.forEach((k, v) -> sb.append(k).append(" = ").append(v).append("; "));
            sb.append("\n\n");
        }
    }

    private static void generator(StringBuilder sb, GeneratorHealth g) {
        sb.append("Load: ").append(g.verdict()).append("\n\n");
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
