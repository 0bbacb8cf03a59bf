package dev.vernier.core.report;

import static dev.vernier.core.report.Reports.f;
import static dev.vernier.core.report.Reports.html;
import static dev.vernier.core.report.Reports.ms;
import static dev.vernier.core.report.Reports.number;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vernier.api.LoadModel;
import dev.vernier.core.hlog.HistogramMerge;
import dev.vernier.core.resources.MetricStats;
import dev.vernier.core.resources.ResourceMarkdown;
import dev.vernier.core.resources.ResourceMetrics;
import dev.vernier.core.resources.ResourceResult;
import dev.vernier.core.result.FaultEvent;
import dev.vernier.core.result.FaultToleranceResult;
import dev.vernier.core.result.LatencyResult;
import dev.vernier.core.result.LatencySummary;
import dev.vernier.core.result.Outcomes;
import dev.vernier.core.result.Percentile;
import dev.vernier.core.result.ScalabilityResult;
import dev.vernier.core.result.ScalePoint;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.result.StageSummary;
import dev.vernier.core.result.ThroughputInterval;
import dev.vernier.core.result.ThroughputResult;
import dev.vernier.core.result.UslFit;
import dev.vernier.core.result.Warning;
import dev.vernier.core.stats.Estimate;
import dev.vernier.core.stats.FigureSet;
import dev.vernier.core.stats.ResultStatistics;
import dev.vernier.core.stats.StatisticsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * Renders finished results as one self-contained HTML file that opens offline: the chart library
 * (uPlot {@value #UPLOT_VERSION}, MIT licence, from the {@code org.webjars.npm:uplot} WebJar on the
 * classpath) and the report's own script and style are inlined, and the data sits in the page as
 * JSON. No CDN, no request leaves the page.
 *
 * <p>Charts, each with a table of its numbers beside it (so the report reads without JavaScript):
 * throughput over time with the warm-up shaded and iterations marked; latency percentiles over time;
 * the latency distribution as an HdrHistogram percentile plot (log scale to p99.999) from the
 * result's encoded histogram; per-stage shares; CPU, memory and GC when the resources phase ran;
 * scalability with the fitted Universal Scalability Law curve; throughput through a fault plan with
 * the faults marked; for a set: the tuning trajectory (objective per window, kept and reverted, the
 * constraint line), a protocol comparison with confidence intervals, and before/after pairs against
 * the gain targets. Each result starts with its {@link Findings}.
 *
 * <pre>{@code
 * String page = new HtmlReport().render(result);
 * HtmlReport.builder().targets(myTargets).build()
 *         .write(ReportSet.builder("Raft, before and after tuning").beforeAfter("tuning", before, after)
 *                 .tuning(trajectory).build(), Path.of("report.html"));
 * }</pre>
 *
 * <p>The output is a pure function of the inputs (no clock, no locale: numbers use
 * {@link java.util.Locale#ROOT}), so the same results give the same bytes. The page carries
 * {@code <meta name="vernier-report-format" content="1">} ({@link #FORMAT_VERSION}).
 *
 * <p>Thread-safe: immutable after construction.
 */
public final class HtmlReport {

    /** Version of the page's structure and of its embedded data. */
    public static final int FORMAT_VERSION = 1;
    /** The uPlot version inlined (the WebJar sdk-core depends on). */
    public static final String UPLOT_VERSION = "1.6.30";

    private static final String WEBJAR = "META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/";
    private static final double[] TABLE_PERCENTILES = {50, 75, 90, 95, 99, 99.9, 99.99, 99.999};
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN).build();

    private final Targets targets;
    private final StatisticsConfig statistics;

    /** A report against {@link Targets#defaults()} with {@link StatisticsConfig#defaults()}. */
    public HtmlReport() {
        this(builder());
    }

    private HtmlReport(Builder b) {
        this.targets = b.targets;
        this.statistics = b.statistics;
    }

    /** @return a builder with the default targets and statistics settings */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param result one result
     * @return the page
     * @throws IllegalStateException when the uPlot WebJar is missing from the classpath
     */
    public String render(ScenarioResult result) {
        return render(ReportSet.of(result));
    }

    /**
     * Writes the page to a file (UTF-8), creating its directory.
     *
     * @param set what to show
     * @param file the target file
     * @return {@code file}
     * @throws UncheckedIOException when the file cannot be written
     */
    public Path write(ReportSet set, Path file) {
        String page = render(set);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, page, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the HTML report " + file, e);
        }
        return file;
    }

    /**
     * @param set what to show
     * @return the page
     * @throws IllegalStateException when the uPlot WebJar is missing from the classpath
     */
    public String render(ReportSet set) {
        Objects.requireNonNull(set, "set");
        Page p = new Page();
        p.out.append("<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<meta name=\"generator\" content=\"Vernier HtmlReport\">\n")
                .append("<meta name=\"vernier-report-format\" content=\"").append(FORMAT_VERSION).append("\">\n")
                .append("<title>").append(html(set.title())).append("</title>\n<style>\n")
                .append(resource(WEBJAR + "dist/uPlot.min.css")).append('\n')
                .append(resource("dev/vernier/core/report/report.css")).append("</style>\n</head>\n<body>\n");
        p.out.append("<header><h1>").append(html(set.title())).append("</h1>\n<p class=\"meta\">")
                .append(set.results().size()).append(set.results().size() == 1 ? " result" : " results")
                .append(" &middot; Vernier HTML report format ").append(FORMAT_VERSION)
                .append(" &middot; targets: ").append(html(describe(targets))).append("</p></header>\n");
        p.out.append("<noscript><p>Charts need JavaScript; every figure is also in the tables.</p></noscript>\n");
        nav(p, set);
        if (!set.results().isEmpty()) {
            summary(p, set);
        }
        for (int i = 0; i < set.pairs().size(); i++) {
            pair(p, set.pairs().get(i), i);
        }
        if (set.tuning() != null) {
            tuning(p, set.tuning());
        }
        comparison(p, set.results());
        for (int i = 0; i < set.results().size(); i++) {
            result(p, set.results().get(i), i);
        }
        p.out.append("<footer>Vernier HTML report format ").append(FORMAT_VERSION).append(". Charts drawn by uPlot ")
                .append(UPLOT_VERSION).append(" (MIT licence, &copy; Leon Sorokin), inlined. Latency percentiles are"
                        + " read from merged HdrHistograms, never averaged; grade rule in docs/reports.md.</footer>\n");
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.put("format", FORMAT_VERSION);
        ArrayNode charts = data.putArray("charts");
        p.charts.forEach(c -> charts.add(c.json()));
        String json;
        try {
            json = JSON.writeValueAsString(data);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        p.out.append("<script id=\"vernier-data\" type=\"application/json\">").append(scriptSafe(json))
                .append("</script>\n<script>/*! uPlot ").append(UPLOT_VERSION).append(" (c) Leon Sorokin, MIT */\n")
                .append(scriptSafe(resource(WEBJAR + "dist/uPlot.iife.min.js"))).append("\n</script>\n<script>\n")
                .append(scriptSafe(resource("dev/vernier/core/report/report.js"))).append("</script>\n</body>\n</html>\n");
        return p.out.toString();
    }

    /** The page being written and its charts, numbered in order. */
    private static final class Page {
        final StringBuilder out = new StringBuilder(256 * 1024);
        final List<ChartSpec> charts = new ArrayList<>();

        ChartSpec chart(String kind, String xLabel, String yLabel) {
            ChartSpec c = new ChartSpec("chart-" + (charts.size() + 1), kind, xLabel, yLabel);
            charts.add(c);
            return c;
        }

        /** Opens a chart-and-table pair: the chart's figure; the caller appends the table, then {@link #close()}. */
        void figure(ChartSpec c, String caption) {
            String id = c.json().get("id").asText();
            out.append("<div class=\"pair\"><figure class=\"chart\"><figcaption>").append(html(caption))
                    .append("</figcaption><div class=\"plot\" id=\"").append(id).append("\" role=\"img\" aria-label=\"")
                    .append(html(caption)).append("\"></div></figure>\n<div class=\"numbers\">");
        }

        void close() {
            out.append("</div></div>\n");
        }

        void table(List<String> headers, List<List<String>> rows, Set<Integer> numeric) {
            out.append("<table><thead><tr>");
            headers.forEach(h -> out.append("<th>").append(html(h)).append("</th>"));
            out.append("</tr></thead><tbody>\n");
            for (List<String> row : rows) {
                out.append("<tr>");
                for (int i = 0; i < row.size(); i++) {
                    out.append(numeric.contains(i) ? "<td class=\"n\">" : "<td>").append(row.get(i)).append("</td>");
                }
                out.append("</tr>\n");
            }
            out.append("</tbody></table>\n");
        }
    }

    private void nav(Page p, ReportSet set) {
        p.out.append("<nav><ul>");
        if (!set.results().isEmpty()) {
            p.out.append("<li><a href=\"#summary\">Summary</a></li>");
        }
        for (int i = 0; i < set.pairs().size(); i++) {
            p.out.append("<li><a href=\"#pair-").append(i + 1).append("\">Before and after: ")
                    .append(html(set.pairs().get(i).label())).append("</a></li>");
        }
        if (set.tuning() != null) {
            p.out.append("<li><a href=\"#tuning\">Tuning session</a></li>");
        }
        if (suites(set.results()).size() > 1) {
            p.out.append("<li><a href=\"#comparison\">Protocol comparison</a></li>");
        }
        for (int i = 0; i < set.results().size(); i++) {
            ScenarioResult r = set.results().get(i);
            p.out.append("<li><a href=\"#result-").append(i + 1).append("\">").append(html(r.suite() + " / "
                    + r.scenarioName())).append("</a></li>");
        }
        p.out.append("</ul></nav>\n");
    }

    private void summary(Page p, ReportSet set) {
        p.out.append("<section id=\"summary\"><h2>Summary</h2>\n");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < set.results().size(); i++) {
            ScenarioResult r = set.results().get(i);
            Findings fi = Findings.of(r, targets);
            rows.add(List.of("<a href=\"#result-" + (i + 1) + "\">" + html(r.suite() + " / " + r.scenarioName()) + "</a>",
                    Instant.ofEpochMilli(r.startedAtEpochMillis()).toString(), grade(fi.grade()), Double.isNaN(fi.successRate()) ? "n/a" : f("%.2f%%", 100 * fi.successRate()),
                    fi.met() + " of " + fi.measured(), throughputText(r), latencyText(r, 99)));
        }
        p.table(List.of("result", "started", "grade", "success rate", "targets met", "throughput (ops/s)", "p99 (ms)"),
                rows, Set.of(3, 4, 5, 6));
        p.out.append("</section>\n");
    }

    private void pair(Page p, ReportSet.Pair pair, int index) {
        Gain g = pair.gain(targets);
        p.out.append("<section id=\"pair-").append(index + 1).append("\"><h2>Before and after: ")
                .append(html(pair.label())).append("</h2>\n<p class=\"meta\">Before: ").append(html(g.before()))
                .append("; after: ").append(html(g.after())).append("</p>\n<ul>");
        if (g.throughputFigure() != null) {
            p.out.append("<li><b>Throughput improvement</b>: ").append(f("%.2fx", g.throughputRatio()))
                    .append(" (target: ").append(number(g.throughputTarget())).append("x) ")
                    .append(metText(g.throughputMet())).append(f("; %s throughput %.1f &rarr; %.1f ops/s",
                            g.throughputFigure(), g.throughputBeforeOpsPerSecond(), g.throughputAfterOpsPerSecond()))
                    .append("</li>");
        }
        g.headlineLatency().ifPresent(c -> p.out.append("<li><b>Latency reduction</b> (p50): ")
                .append(f("%.1f%%", c.reductionPercent())).append(" (target: ")
                .append(number(g.latencyReductionTargetPercent())).append("%) ")
                .append(metText(c.reductionPercent() >= g.latencyReductionTargetPercent())).append("</li>"));
        for (String s : g.statistics()) {
            p.out.append("<li class=\"note\">").append(html(s)).append("</li>");
        }
        p.out.append("</ul>\n");
        if (!g.latency().isEmpty()) {
            List<String> labels = List.of("before", "after");
            List<Histogram> hs = List.of(histogram(pair.latencyBefore()), histogram(pair.latencyAfter()));
            distributionChart(p, "Latency distribution before and after (" + html(pair.label()) + ")", labels, hs);
            List<List<String>> rows = new ArrayList<>();
            for (Gain.LatencyChange c : g.latency()) {
                rows.add(List.of("p" + number(c.percentile()), ms(c.beforeMs()), ms(c.afterMs()),
                        f("%.1f%%", c.reductionPercent()),
                        metText(c.reductionPercent() >= g.latencyReductionTargetPercent())));
            }
            p.table(List.of("percentile", "before (ms)", "after (ms)", "reduction", "target " + number(
                    g.latencyReductionTargetPercent()) + "%"), rows, Set.of(1, 2, 3));
            percentileTable(p, labels, hs);
            p.close();
        }
        p.out.append("</section>\n");
    }

    private void tuning(Page p, TuningTrajectory t) {
        p.out.append("<section id=\"tuning\"><h2>Tuning session</h2>\n<p class=\"meta\">")
                .append(t.maximise() ? "Maximise " : "Minimise ").append(html(t.objective())).append(" (")
                .append(html(t.unit())).append(")");
        for (TuningTrajectory.Constraint c : t.constraints()) {
            p.out.append(" subject to ").append(html(c.describe()));
        }
        p.out.append("; ").append(t.windows().size()).append(" windows; outcome ").append(html(t.outcome()))
                .append(". Start <code>").append(html(String.valueOf(t.startConfiguration()))).append("</code>, final <code>")
                .append(html(String.valueOf(t.finalConfiguration()))).append("</code>");
        if (t.gainPercent() != null) {
            p.out.append(f("; measured gain %+.1f%%", t.gainPercent()));
            if (t.gainLowPercent() != null && t.gainHighPercent() != null) {
                p.out.append(f(" (interval %+.1f%% to %+.1f%%)", t.gainLowPercent(), t.gainHighPercent()));
            }
        }
        p.out.append(".</p>\n");
        int n = t.windows().size();
        double[] x = new double[n];
        double[] baseline = nan(n);
        double[] kept = nan(n);
        double[] reverted = nan(n);
        double[] broke = nan(n);
        double[] best = nan(n);
        double incumbent = Double.NaN;
        TuningTrajectory.Constraint constraint = t.constraints().isEmpty() ? null : t.constraints().get(0);
        double[] constrained = nan(n);
        for (int i = 0; i < n; i++) {
            TuningTrajectory.Window w = t.windows().get(i);
            x[i] = w.index();
            switch (w.decision()) {
                case BASELINE -> baseline[i] = w.objective();
                case KEPT -> kept[i] = w.objective();
                case REVERTED_CONSTRAINT -> broke[i] = w.objective();
                default -> reverted[i] = w.objective();
            }
            if (w.decision() == TuningTrajectory.Decision.BASELINE || w.decision() == TuningTrajectory.Decision.KEPT) {
                incumbent = w.objective();
            }
            best[i] = incumbent;
            if (constraint != null && w.figures().containsKey(constraint.figure())) {
                constrained[i] = w.figures().get(constraint.figure());
            }
        }
        ChartSpec c = p.chart("tuning", "window", t.objective() + " (" + t.unit() + ")").x(x)
                .series("best so far", best, "step", "y", "#777777")
                .series("baseline", baseline, "points", "y", ChartSpec.PALETTE.get(0))
                .series("kept", kept, "points", "y", ChartSpec.PALETTE.get(2))
                .series("reverted", reverted, "points", "y", ChartSpec.PALETTE.get(4))
                .series("reverted: constraint broken", broke, "points", "y", "#b00020");
        if (constraint != null) {
            c.y2(constraint.figure() + " (" + constraint.unit() + ")")
                    .series(constraint.figure(), constrained, "dash", "y2", ChartSpec.PALETTE.get(3))
                    .hline(constraint.limit(), "y2", constraint.describe());
        }
        p.figure(c, "Tuning trajectory: " + t.objective() + " per window, kept and reverted"
                + (constraint == null ? "" : ", with the constraint " + constraint.describe()));
        List<List<String>> rows = new ArrayList<>();
        for (TuningTrajectory.Window w : t.windows()) {
            List<String> row = new ArrayList<>(List.of(String.valueOf(w.index()), "<code>" + html(w.configuration())
                    + "</code>", number(w.objective())));
            for (TuningTrajectory.Constraint k : t.constraints()) {
                Double v = w.figures().get(k.figure());
                row.add(v == null ? "n/a" : (k.holds(v) ? "" : "<span class=\"missed\">") + number(v)
                        + (k.holds(v) ? "" : "</span>"));
            }
            row.add(decision(w.decision()));
            row.add(html(w.reason()));
            rows.add(row);
        }
        List<String> headers = new ArrayList<>(List.of("#", "configuration", t.objective() + " (" + t.unit() + ")"));
        t.constraints().forEach(k -> headers.add(k.figure() + " (" + k.unit() + ")"));
        headers.add("decision");
        headers.add("why");
        Set<Integer> numeric = new LinkedHashSet<>(List.of(0, 2));
        for (int i = 0; i < t.constraints().size(); i++) {
            numeric.add(3 + i);
        }
        p.table(headers, rows, numeric);
        p.close();
        p.out.append("<h3>Recommendations from the tuning history</h3>\n<ol>");
        for (Findings.Recommendation rec : Findings.recommendations(t)) {
            p.out.append("<li>").append(html(rec.action())).append(" <span class=\"note\">Because: ")
                    .append(html(rec.because())).append("</span></li>");
        }
        p.out.append("</ol>\n</section>\n");
    }

    private void comparison(Page p, List<ScenarioResult> results) {
        if (suites(results).size() < 2) {
            return;
        }
        p.out.append("<section id=\"comparison\"><h2>Protocol comparison</h2>\n<p class=\"meta\">Means across"
                + " iterations with ").append(number(100 * statistics.displayConfidence()))
                .append("% confidence intervals (whiskers). A latency percentile is the one of the merged histogram,"
                        + " with the spread across iterations as its interval.</p>\n");
        Map<String, List<ScenarioResult>> byScenario = new LinkedHashMap<>();
        for (ScenarioResult r : results) {
            byScenario.computeIfAbsent(r.scenarioName(), k -> new ArrayList<>()).add(r);
        }
        Map<String, Map<String, String>> matrix = new LinkedHashMap<>();
        for (Map.Entry<String, List<ScenarioResult>> e : byScenario.entrySet()) {
            List<ScenarioResult> group = e.getValue();
            if (suites(group).size() < 2) {
                continue;
            }
            List<FigureSet> sets = new ArrayList<>();
            for (ScenarioResult r : group) {
                try {
                    sets.add(ResultStatistics.of(r, statistics));
                } catch (IllegalArgumentException ex) {
                    // a result with neither a throughput nor a latency phase has no figures to compare
                }
            }
            for (String figure : List.of("throughput", "latency.p99")) {
                List<FigureSet> with = sets.stream().filter(s -> s.figures().containsKey(figure)).toList();
                if (with.size() < 2) {
                    continue;
                }
                int n = with.size();
                double[] x = new double[n];
                double[] mean = new double[n];
                double[] low = new double[n];
                double[] high = new double[n];
                List<String> names = new ArrayList<>();
                List<List<String>> rows = new ArrayList<>();
                String unit = with.get(0).figure(figure).unit();
                for (int i = 0; i < n; i++) {
                    Estimate est = with.get(i).estimate(figure);
                    x[i] = i;
                    mean[i] = est.mean();
                    low[i] = est.lower();
                    high[i] = est.upper();
                    names.add(with.get(i).suite());
                    rows.add(List.of(html(with.get(i).suite()), number(est.mean()), number(est.lower()),
                            number(est.upper()), String.valueOf(est.n())));
                    matrix.computeIfAbsent(with.get(i).suite(), k -> new LinkedHashMap<>())
                            .put(e.getKey() + " " + figure, number(est.mean()) + " &plusmn; " + number(est.halfWidth()));
                }
                ChartSpec c = p.chart("comparison", "suite", figure + " (" + unit + ")").x(x).categories(names)
                        .series(figure, mean, "points", "y").errorBars(0, low, high);
                p.figure(c, figure + " by protocol, scenario " + e.getKey());
                p.table(List.of("suite", "mean (" + unit + ")", "CI low", "CI high", "iterations"), rows,
                        Set.of(1, 2, 3, 4));
                p.close();
            }
        }
        if (byScenario.size() > 1 && !matrix.isEmpty()) {
            Set<String> columns = new LinkedHashSet<>();
            matrix.values().forEach(m -> columns.addAll(m.keySet()));
            List<String> headers = new ArrayList<>(List.of("suite"));
            columns.forEach(headers::add);
            List<List<String>> rows = new ArrayList<>();
            matrix.forEach((suite, cells) -> {
                List<String> row = new ArrayList<>(List.of(html(suite)));
                columns.forEach(col -> row.add(cells.getOrDefault(col, "&ndash;")));
                rows.add(row);
            });
            p.out.append("<h3>Protocols x scenarios (mean &plusmn; half-width)</h3>\n");
            Set<Integer> numeric = new LinkedHashSet<>();
            for (int i = 1; i < headers.size(); i++) {
                numeric.add(i);
            }
            p.table(headers, rows, numeric);
        }
        p.out.append("</section>\n");
    }

    private void result(Page p, ScenarioResult r, int index) {
        p.out.append("<section id=\"result-").append(index + 1).append("\"><h2>").append(html(r.suite() + " / "
                + r.scenarioName())).append("</h2>\n<p class=\"meta\">Started ")
                .append(Instant.ofEpochMilli(r.startedAtEpochMillis())).append(f(", %.1f s; ", r.elapsedSeconds()))
                .append(html(f("warm-up %s, %d iteration(s) of %s, timeout %s; phases %s", seconds(r.scenario().warmup()),
                        r.scenario().iterations(), seconds(r.scenario().duration()), seconds(r.scenario().timeout()),
                        r.scenario().phases()))).append("</p>\n");
        findings(p, Findings.of(r, targets));
        if (r.throughput() != null) {
            throughput(p, r);
        }
        if (r.latency() != null) {
            latency(p, r.latency());
        }
        if (r.resources() != null) {
            resources(p, r.resources());
        }
        if (r.scalability() != null) {
            scalability(p, r.scalability());
        }
        if (r.faultTolerance() != null) {
            faults(p, r.faultTolerance());
        }
        if (!r.warnings().isEmpty()) {
            p.out.append("<h3>Warnings</h3>\n<ul>");
            for (Warning w : r.warnings()) {
                p.out.append("<li>").append(html(w.toString())).append("</li>");
            }
            p.out.append("</ul>\n");
        }
        p.out.append("</section>\n");
    }

    private static void findings(Page p, Findings fi) {
        p.out.append("<h3>Key findings</h3>\n<ul><li><b>Overall grade</b>: ").append(grade(fi.grade())).append(" (")
                .append(html(fi.gradeReason())).append(")</li><li><b>Success rate</b>: ")
                .append(Double.isNaN(fi.successRate()) ? "n/a" : f("%.2f%% (%d of %d transactions committed)",
                        100 * fi.successRate(), fi.committed(), fi.transactions())).append("</li></ul>\n");
        List<List<String>> rows = new ArrayList<>();
        for (Findings.TargetCheck c : fi.checks()) {
            rows.add(List.of(html(c.target()), html(c.observedText()), html(c.limitText()), status(c.status()),
                    html(c.source())));
        }
        p.table(List.of("target", "observed", "limit", "status", "from"), rows, Set.of(1, 2));
        p.out.append("<h3>Bottleneck analysis</h3>\n");
        if (fi.bottlenecks().isEmpty()) {
            p.out.append("<p>No rule fired.</p>\n");
        } else {
            p.out.append("<ol>");
            for (Findings.BottleneckFinding b : fi.bottlenecks()) {
                p.out.append("<li><span class=\"sev-").append(b.severity()).append("\">").append(b.severity())
                        .append("</span> (").append(html(b.source())).append(") ").append(html(b.rule())).append(": ")
                        .append(html(b.evidence())).append("</li>");
            }
            p.out.append("</ol>\n");
        }
        p.out.append("<h3>Recommendations</h3>\n");
        if (fi.recommendations().isEmpty()) {
            p.out.append("<p>None: no bottleneck rule fired.</p>\n");
        } else {
            p.out.append("<ol>");
            for (Findings.Recommendation rec : fi.recommendations()) {
                p.out.append("<li>").append(html(rec.action())).append(" <span class=\"note\">Because: ")
                        .append(html(rec.because())).append("</span></li>");
            }
            p.out.append("</ol>\n");
        }
    }

    private void throughput(Page p, ScenarioResult r) {
        ThroughputResult t = r.throughput();
        double warmup = r.scenario().warmup().toNanos() / 1e9;
        p.out.append("<h3>Throughput (").append(html(Findings.load(t.load()))).append(")</h3>\n<p>")
                .append(f("average %.1f ops/s, maximum %.1f, optimal (&ge; 95%% success) %.1f, sustainable (80%% of"
                                + " intervals) %.1f; variability (CV) %.3f; success %.2f%%. ", t.averageOpsPerSecond(),
                        t.maxOpsPerSecond(), t.optimalOpsPerSecond(), t.sustainableOpsPerSecond(), t.variability(),
                        100 * t.averageSuccessRate()))
                .append(html(outcomes(t.outcomes()))).append(" Generator: ").append(html(t.generator().verdict()))
                .append("</p>\n");
        if (t.intervals().isEmpty()) {
            return;
        }
        List<ThroughputInterval> in = t.intervals();
        double[] x = timeline(in, warmup);
        int n = in.size();
        double[] achieved = new double[n];
        double[] target = new double[n];
        double[] mean = new double[n];
        double[] p50 = new double[n];
        double[] p95 = new double[n];
        double[] p99 = new double[n];
        boolean open = false;
        for (int i = 0; i < n; i++) {
            ThroughputInterval v = in.get(i);
            achieved[i] = v.achievedOpsPerSecond();
            target[i] = v.targetOpsPerSecond() == null ? Double.NaN : v.targetOpsPerSecond();
            open |= v.targetOpsPerSecond() != null;
            mean[i] = v.meanMs();
            p50[i] = v.p50Ms();
            p95[i] = v.p95Ms();
            p99[i] = v.p99Ms();
        }
        ChartSpec c = p.chart("throughput", "seconds", "ops/s").x(x).series("achieved", achieved, "line", "y");
        if (open) {
            c.series("target", target, "dash", "y");
        }
        if (warmup > 0) {
            c.band(0, warmup, "warm-up (not measured)");
        }
        int last = in.get(0).iteration();
        for (int i = 1; i < n; i++) {
            if (in.get(i).iteration() != last) {
                last = in.get(i).iteration();
                c.marker(x[i], "iteration " + (last + 1));
            }
        }
        p.figure(c, "Throughput over time (interval starts; warm-up shaded, iterations marked)");
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ThroughputInterval v = in.get(i);
            rows.add(List.of(String.valueOf(v.iteration() + 1), number(x[i]), v.targetOpsPerSecond() == null ? "closed"
                            : number(v.targetOpsPerSecond()), f("%.1f", v.achievedOpsPerSecond()),
                    f("%.2f%%", 100 * v.successRate()), ms(v.p50Ms()), ms(v.p95Ms()), ms(v.p99Ms())));
        }
        p.table(List.of("iteration", "t (s)", "target (ops/s)", "achieved (ops/s)", "success", "p50 (ms)", "p95 (ms)",
                "p99 (ms)"), rows, Set.of(0, 1, 2, 3, 4, 5, 6, 7));
        p.close();
        ChartSpec l = p.chart("latency-over-time", "seconds", "ms").x(x).series("p50", p50, "line", "y")
                .series("p95", p95, "line", "y").series("p99", p99, "line", "y").series("mean", mean, "dash", "y");
        if (warmup > 0) {
            l.band(0, warmup, "warm-up (not measured)");
        }
        p.figure(l, "Latency percentiles over time (each interval's own histogram)");
        p.out.append("<p class=\"note\">Per-interval p50, p95 and p99 are in the table above. Each comes from its"
                + " interval's histogram; the run's percentiles are read from the merged histogram (latency"
                + " section), never from these.</p>");
        p.close();
    }

    private static double[] timeline(List<ThroughputInterval> in, double start) {
        double[] x = new double[in.size()];
        Map<Integer, Double> ends = new TreeMap<>();
        for (ThroughputInterval v : in) {
            ends.merge(v.iteration(), v.startSeconds() + v.durationSeconds(), Math::max);
        }
        Map<Integer, Double> offsets = new TreeMap<>();
        double offset = start;
        for (Map.Entry<Integer, Double> e : ends.entrySet()) {
            offsets.put(e.getKey(), offset);
            offset += e.getValue();
        }
        for (int i = 0; i < in.size(); i++) {
            x[i] = offsets.get(in.get(i).iteration()) + in.get(i).startSeconds();
        }
        return x;
    }

    private void latency(Page p, LatencyResult l) {
        LatencySummary o = l.overall();
        p.out.append("<h3>Latency (").append(html(Findings.load(l.load()))).append(")</h3>\n<p>")
                .append(f("%d committed transactions; mean %s ms, standard deviation %s ms, max %s ms; %d outliers above"
                                + " %s ms (Q3 + 3 IQR). ", o.count(), ms(o.meanMs()), ms(o.stdDevMs()), ms(o.maxMs()),
                        l.outliers().count(), ms(l.outliers().thresholdMs())))
                .append(html(outcomes(l.outcomes()))).append(" Generator: ").append(html(l.generator().verdict()))
                .append("</p>\n");
        Histogram h = l.encodedHistogram() == null || l.encodedHistogram().isEmpty() ? null
                : HistogramMerge.decode(l.encodedHistogram(), "latency");
        if (h != null && h.getTotalCount() > 0) {
            distributionChart(p, "Latency distribution (HdrHistogram percentile plot, merged histogram)",
                    List.of("latency"), List.of(h));
            percentileTable(p, List.of("latency"), List.of(h));
            p.close();
        } else {
            List<List<String>> rows = new ArrayList<>();
            for (Percentile pc : o.percentiles()) {
                rows.add(List.of(pc.label(), ms(pc.valueMs())));
            }
            p.table(List.of("percentile", "ms"), rows, Set.of(1));
        }
        List<StageSummary> stages = l.stages().stream().filter(s -> s.latency().count() > 0).toList();
        if (!stages.isEmpty()) {
            int n = stages.size();
            double[] x = new double[n];
            double[] share = new double[n];
            List<String> names = new ArrayList<>();
            List<List<String>> rows = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                StageSummary s = stages.get(i);
                x[i] = i;
                share[i] = s.sharePercent();
                names.add(s.stage());
                rows.add(List.of(html(s.stage()), ms(s.latency().meanMs()), ms(s.latency().percentile(50)),
                        ms(s.latency().percentile(99)), f("%.1f%%", s.sharePercent())));
            }
            ChartSpec c = p.chart("stages", "stage", "share of mean latency (%)").x(x).categories(names)
                    .barWidth(0.6).series("share", share, "bars", "y");
            p.figure(c, "Per-stage share of the mean latency");
            p.table(List.of("stage", "mean (ms)", "p50 (ms)", "p99 (ms)", "share"), rows, Set.of(1, 2, 3, 4));
            p.close();
        }
    }

    /** The HdrHistogram percentile plot of one or more distributions on a shared percentile grid. */
    private static void distributionChart(Page p, String caption, List<String> labels, List<Histogram> hs) {
        int points = 67;
        double[] x = new double[points];
        for (int k = 0; k < points; k++) {
            x[k] = Math.pow(2, k / 4.0);
        }
        ChartSpec c = p.chart("distribution", "percentile", "latency (ms)").x(x).percentileX();
        for (int i = 0; i < hs.size(); i++) {
            double[] y = new double[points];
            for (int k = 0; k < points; k++) {
                double percentile = 100 * (1 - 1 / x[k]);
                y[k] = hs.get(i).getValueAtPercentile(percentile) / 1e6;
            }
            c.series(labels.get(i), y, "line", "y");
        }
        p.figure(c, caption);
    }

    private static void percentileTable(Page p, List<String> labels, List<Histogram> hs) {
        List<String> headers = new ArrayList<>(List.of("percentile"));
        labels.forEach(l -> headers.add(l + " (ms)"));
        List<List<String>> rows = new ArrayList<>();
        for (double q : TABLE_PERCENTILES) {
            List<String> row = new ArrayList<>(List.of(Percentile.label(q)));
            hs.forEach(h -> row.add(ms(h.getValueAtPercentile(q) / 1e6)));
            rows.add(row);
        }
        List<String> max = new ArrayList<>(List.of("max"));
        hs.forEach(h -> max.add(ms(h.getMaxValue() / 1e6)));
        rows.add(max);
        List<String> count = new ArrayList<>(List.of("count"));
        hs.forEach(h -> count.add(String.valueOf(h.getTotalCount())));
        rows.add(count);
        Set<Integer> numeric = new LinkedHashSet<>();
        for (int i = 1; i <= hs.size(); i++) {
            numeric.add(i);
        }
        p.table(headers, rows, numeric);
    }

    private static void resources(Page p, ResourceResult res) {
        p.out.append("<h3>Resources</h3>\n<p>").append(f("%d samples over %.1f s", res.sampleCount(),
                res.durationMs() / 1000)).append(res.gcTimeShare() == null ? "" : f("; GC time %.2f%% of wall time",
                100 * res.gcTimeShare())).append(res.memoryGrowth().slopeBytesPerSecond() == null ? ""
                : "; heap after GC " + html(ResourceMarkdown.format(res.memoryGrowth().slopeBytesPerSecond(), "bytes/s"))
                + (res.memoryGrowth().leakSuspected() ? " (leak suspected)" : " (no leak suspected)")).append(".</p>\n");
        groupedStats(p, res, "CPU", "%", 1, List.of(ResourceMetrics.PROCESS_CPU, ResourceMetrics.SYSTEM_CPU),
                List.of("process", "system"));
        groupedStats(p, res, "Memory", "MiB", 1024.0 * 1024.0, List.of(ResourceMetrics.PROCESS_RSS,
                ResourceMetrics.HEAP_USED, ResourceMetrics.HEAP_COMMITTED), List.of("RSS", "heap used", "heap committed"));
        groupedStats(p, res, "GC", "per second", 1, List.of(ResourceMetrics.GC_COUNT, ResourceMetrics.GC_PAUSE_MS),
                List.of("collections/s", "pause ms/s"));
        List<List<String>> rows = new ArrayList<>();
        for (String name : ResourceMarkdown.TABLE_METRICS) {
            MetricStats s = res.metrics().get(name);
            if (s != null) {
                String u = s.unit();
                rows.add(List.of(html(name), html(ResourceMarkdown.format(s.average(), u)),
                        html(ResourceMarkdown.format(s.p95(), u)), html(ResourceMarkdown.format(s.peak(), u))));
            }
        }
        if (!rows.isEmpty()) {
            p.out.append("<details><summary>Every metric</summary>");
            p.table(List.of("metric", "average", "p95", "peak"), rows, Set.of(1, 2, 3));
            p.out.append("</details>\n");
        }
    }

    /** Grouped bars: average, p95 and peak of each metric present. */
    private static void groupedStats(Page p, ResourceResult res, String title, String unit, double divisor,
                                     List<String> metrics, List<String> names) {
        List<String> present = new ArrayList<>();
        List<MetricStats> stats = new ArrayList<>();
        for (int i = 0; i < metrics.size(); i++) {
            MetricStats s = res.metrics().get(metrics.get(i));
            if (s != null) {
                present.add(names.get(i));
                stats.add(s);
            }
        }
        if (stats.isEmpty()) {
            return;
        }
        int groups = stats.size();
        String[] kinds = {"average", "p95", "peak"};
        double w = 0.8 / kinds.length;
        double[] x = new double[groups * kinds.length];
        double[][] values = new double[kinds.length][x.length];
        for (double[] v : values) {
            java.util.Arrays.fill(v, Double.NaN);
        }
        List<List<String>> rows = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            MetricStats s = stats.get(g);
            double[] fig = {s.average() / divisor, s.p95() / divisor, s.peak() / divisor};
            for (int k = 0; k < kinds.length; k++) {
                int i = g * kinds.length + k;
                x[i] = g + (k - (kinds.length - 1) / 2.0) * w;
                values[k][i] = fig[k];
            }
            rows.add(List.of(html(present.get(g)), f("%.1f", fig[0]), f("%.1f", fig[1]), f("%.1f", fig[2])));
        }
        ChartSpec c = p.chart("resources", "", title + " (" + unit + ")").x(x).categories(present).barWidth(0.9);
        for (int k = 0; k < kinds.length; k++) {
            c.series(kinds[k], values[k], "bars", "y");
        }
        p.figure(c, title + ": average, p95 and peak");
        p.table(List.of(title.toLowerCase(java.util.Locale.ROOT), "average (" + unit + ")", "p95", "peak"), rows,
                Set.of(1, 2, 3));
        p.close();
    }

    private static void scalability(Page p, ScalabilityResult sc) {
        p.out.append("<h3>Scalability (").append(html(Findings.load(sc.load()))).append(")</h3>\n");
        UslFit fit = sc.fit();
        if (fit != null) {
            p.out.append("<p>").append(html(f("Universal Scalability Law: lambda %.1f ops/s, sigma %.4f, kappa %.5f,"
                            + " R² %.3f%s: %s", fit.lambda(), fit.sigma(), fit.kappa(), fit.rSquared(),
                    fit.peakNodes() == null ? "" : f(", peak at %.1f nodes", fit.peakNodes()), fit.interpretation())))
                    .append("</p>\n");
        } else {
            p.out.append("<p>").append(html(sc.note())).append("</p>\n");
        }
        if (sc.points().isEmpty()) {
            return;
        }
        int maxNodes = sc.points().get(sc.points().size() - 1).nodes();
        double end = maxNodes * 1.5;
        if (fit != null && fit.peakNodes() != null) {
            end = Math.min(Math.max(end, fit.peakNodes() * 1.25), maxNodes * 4.0);
        }
        Set<Double> grid = new java.util.TreeSet<>();
        for (double n = 1; n <= end + 1e-9; n += 0.25) {
            grid.add(n);
        }
        sc.points().forEach(pt -> grid.add((double) pt.nodes()));
        double[] x = grid.stream().mapToDouble(Double::doubleValue).toArray();
        double[] measured = nan(x.length);
        double[] curve = nan(x.length);
        for (int i = 0; i < x.length; i++) {
            for (ScalePoint pt : sc.points()) {
                if (pt.nodes() == x[i]) {
                    measured[i] = pt.throughputOpsPerSecond();
                }
            }
            if (fit != null) {
                double n = x[i];
                curve[i] = fit.lambda() * n / (1 + fit.sigma() * (n - 1) + fit.kappa() * n * (n - 1));
            }
        }
        ChartSpec c = p.chart("scalability", "nodes", "ops/s").x(x).series("measured", measured, "points", "y");
        if (fit != null) {
            c.series("USL fit", curve, "line", "y");
            if (fit.peakNodes() != null && fit.peakNodes() <= end) {
                c.marker(fit.peakNodes(), f("peak %.1f nodes", fit.peakNodes()));
            }
        }
        p.figure(c, "Throughput by cluster size with the fitted Universal Scalability Law");
        List<List<String>> rows = new ArrayList<>();
        for (ScalePoint pt : sc.points()) {
            double predicted = fit == null ? Double.NaN : fit.lambda() * pt.nodes()
                    / (1 + fit.sigma() * (pt.nodes() - 1) + fit.kappa() * pt.nodes() * (pt.nodes() - 1));
            rows.add(List.of(String.valueOf(pt.nodes()), f("%.1f", pt.throughputOpsPerSecond()),
                    fit == null ? "n/a" : f("%.1f", predicted), f("%.2f", pt.efficiency()), ms(pt.p50Ms()), ms(pt.p99Ms()),
                    f("%.3f%%", 100 * pt.errorRate())));
        }
        p.table(List.of("nodes", "ops/s", "USL (ops/s)", "efficiency", "p50 (ms)", "p99 (ms)", "errors"), rows,
                Set.of(0, 1, 2, 3, 4, 5, 6));
        p.close();
    }

    private static void faults(Page p, FaultToleranceResult ft) {
        p.out.append("<h3>Fault tolerance (").append(html(Findings.load(ft.load()))).append(")</h3>\n<p>")
                .append(html(f("Pre-fault %.1f ops/s; lowest %.1f ops/s (dip %.1f%%); recovered to 90%% in %s; during"
                                + " the fault %d committed, %d errors.", ft.preFaultOpsPerSecond(), ft.minOpsPerSecond(),
                        ft.dipPercent(), ft.recoverySeconds() == null ? "never (within the run)"
                                : f("%.2f s", ft.recoverySeconds()), ft.duringFault().committed(),
                        ft.duringFault().errors())));
        if (ft.consistency() != null) {
            p.out.append(" Consistency: ").append(ft.consistency().consistent() ? "replicas agree"
                    : "<span class=\"missed\">REPLICAS DISAGREE</span>").append(" (").append(html(ft.consistency().detail()))
                    .append(").");
        }
        p.out.append("</p>\n");
        if (ft.intervals().isEmpty()) {
            return;
        }
        double[] x = timeline(ft.intervals(), 0);
        double[] ops = ft.intervals().stream().mapToDouble(ThroughputInterval::achievedOpsPerSecond).toArray();
        ChartSpec c = p.chart("faults", "seconds", "ops/s").x(x).series("achieved", ops, "line", "y")
                .hline(0.9 * ft.preFaultOpsPerSecond(), "y", "90% of pre-fault");
        for (FaultEvent e : ft.events()) {
            c.marker(e.atSeconds(), e.action() + (e.error() == null ? "" : " (failed)"));
        }
        if (!ft.events().isEmpty() && ft.recoverySeconds() != null && ft.recoverySeconds() > 0) {
            double first = ft.events().get(0).atSeconds();
            c.band(first, first + ft.recoverySeconds(), f("recovery %.2f s", ft.recoverySeconds()));
        }
        p.figure(c, "Throughput through the fault plan (faults marked)");
        List<List<String>> rows = new ArrayList<>();
        for (FaultEvent e : ft.events()) {
            rows.add(List.of(f("%.2f", e.atSeconds()), html(e.action()), html(String.join(", ", e.nodes())),
                    e.error() == null ? "done" : "<span class=\"missed\">failed: " + html(e.error()) + "</span>"));
        }
        p.table(List.of("at (s)", "fault", "nodes", "result"), rows, Set.of(0));
        List<List<String>> ivs = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            ivs.add(List.of(number(x[i]), f("%.1f", ops[i]), f("%.2f%%", 100 * ft.intervals().get(i).successRate())));
        }
        p.table(List.of("t (s)", "achieved (ops/s)", "success"), ivs, Set.of(0, 1, 2));
        p.close();
    }

    private static Histogram histogram(ScenarioResult r) {
        return HistogramMerge.decode(r.latency().encodedHistogram(), r.suite() + "/" + r.scenarioName());
    }

    private static Set<String> suites(List<ScenarioResult> results) {
        Set<String> s = new LinkedHashSet<>();
        results.forEach(r -> s.add(r.suite()));
        return s;
    }

    private static String throughputText(ScenarioResult r) {
        if (r.throughput() == null) {
            return "&ndash;";
        }
        ThroughputResult t = r.throughput();
        return f("%.1f", t.load() instanceof LoadModel.StepSearch ? t.optimalOpsPerSecond() : t.averageOpsPerSecond());
    }

    private static String latencyText(ScenarioResult r, double percentile) {
        return r.latency() == null || r.latency().overall().count() == 0 ? "&ndash;"
                : ms(r.latency().overall().percentile(percentile));
    }

    private static String outcomes(Outcomes o) {
        return f("Outcomes: %d committed, %d rejected, %d failed, %d timed out, %d submit errors, %d refused (error"
                        + " rate %.3f%%).", o.committed(), o.rejected(), o.failed(), o.timedOut(), o.submitErrors(),
                o.refused(), 100 * o.errorRate());
    }

    private static String grade(Findings.Grade g) {
        return "<span class=\"grade grade-" + g.name() + "\">" + g.label() + "</span>";
    }

    private static String status(Findings.Status s) {
        return switch (s) {
            case MET -> "<span class=\"met\">met</span>";
            case MISSED -> "<span class=\"missed\">missed</span>";
            case NOT_MEASURED -> "<span class=\"na\">not measured</span>";
        };
    }

    private static String metText(boolean met) {
        return met ? "<span class=\"met\">met</span>" : "<span class=\"missed\">missed</span>";
    }

    private static String decision(TuningTrajectory.Decision d) {
        return switch (d) {
            case KEPT -> "<span class=\"met\">kept</span>";
            case REVERTED_CONSTRAINT -> "<span class=\"missed\">reverted: constraint</span>";
            case BASELINE -> "baseline";
            default -> d.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }

    private static String seconds(java.time.Duration d) {
        return number(d.toNanos() / 1e9) + " s";
    }

    private static String describe(Targets t) {
        return "p50 <= " + number(t.p50Ms()) + " ms, p95 <= " + number(t.p95Ms()) + " ms, p99 <= " + number(t.p99Ms())
                + " ms, errors <= " + number(100 * t.errorRate()) + "%, CPU <= " + number(t.cpuPercent())
                + "%, memory <= " + number(t.memoryPerNodeMb()) + " MiB per node"
                + (t.throughputFloorOpsPerSecond() == null ? "" : ", throughput >= "
                + number(t.throughputFloorOpsPerSecond()) + " ops/s") + "; pairs: " + number(t.throughputGain())
                + "x throughput, " + number(t.latencyReductionPercent()) + "% lower latency";
    }

    private static double[] nan(int n) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, Double.NaN);
        return a;
    }

    /** Text that cannot end the script element it is inlined in. */
    private static String scriptSafe(String s) {
        return s.replace("</", "<\\/").replace("<!--", "<\\!--");
    }

    /**
     * Reads a resource: the report's own through its class (so it stays readable when sdk-core is a
     * named module), the WebJar's through the class loader ({@code META-INF} is no package, so no
     * module encapsulates it).
     */
    private static String resource(String name) {
        try (InputStream in = name.startsWith("META-INF/") ? HtmlReport.class.getClassLoader().getResourceAsStream(name)
                : HtmlReport.class.getResourceAsStream("/" + name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is not on the classpath: the HTML report inlines uPlot from"
                        + " the org.webjars.npm:uplot:" + UPLOT_VERSION + " WebJar (a dependency of sdk-core)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }

    /** Settings of the report; not thread-safe. */
    public static final class Builder {
        private Targets targets = Targets.defaults();
        private StatisticsConfig statistics = StatisticsConfig.defaults();

        private Builder() {
        }

        /** @param targets what the findings compare against (default {@link Targets#defaults()}) */
        public Builder targets(Targets targets) {
            this.targets = Objects.requireNonNull(targets, "targets");
            return this;
        }

        /** @param statistics confidence level of the comparison's intervals (default {@link StatisticsConfig#defaults()}) */
        public Builder statistics(StatisticsConfig statistics) {
            this.statistics = Objects.requireNonNull(statistics, "statistics");
            return this;
        }

        /** @return the report writer */
        public HtmlReport build() {
            return new HtmlReport(this);
        }
    }
}
