package dev.vernier.examples;

import dev.vernier.api.LoadModel;
import dev.vernier.api.NanoClock;
import dev.vernier.api.Phase;
import dev.vernier.api.Scenario;
import dev.vernier.api.SuiteContext;
import dev.vernier.api.TransactionMix;
import dev.vernier.core.Vernier;
import dev.vernier.core.hlog.IntervalLogListener;
import dev.vernier.core.report.HtmlReport;
import dev.vernier.core.report.JsonReport;
import dev.vernier.core.report.MarkdownReport;
import dev.vernier.core.report.ReportSet;
import dev.vernier.core.result.LatencySummary;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.examples.raft.RaftSuite;
import dev.vernier.api.tuning.Metric;
import dev.vernier.api.tuning.Objective;
import dev.vernier.optimizer.Comparison;
import dev.vernier.optimizer.Trajectories;
import dev.vernier.optimizer.TuningReport;
import dev.vernier.optimizer.Verification;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The README's main example: an embedded 3-node Raft cluster is benchmarked (capacity under 64
 * closed-loop clients with its resource cost, then latency at a fixed open rate of 500 ops/s), tuned
 * live by a tuning session (throughput up, but p50 at 500 ops/s at most 10% worse than at the start),
 * and benchmarked again with the same scenarios. The console shows progress and ends with a summary
 * to paste: capacity and latency at 500 ops/s before and after as the session verified them (start
 * and final measured again in interleaved pairs, with 95% intervals), the single benchmark runs
 * beside them, why the session stopped and what it kept. The full reports (Markdown, JSON, a
 * self-contained HTML page and the HdrHistogram interval log {@code latency.hlog}) go to
 * {@code vernier-results/quickstart/}. About 1.5 minutes on 2 cores.
 */
public final class QuickStart {

    /** Rate of the latency scenario, ops/s: below the untuned cluster's capacity (about 900 ops/s). */
    private static final double LATENCY_RATE = 500;
    private static final int TUNING_WINDOWS = 20;
    /**
     * Throughput up, p99 <= 300 ms and errors <= 1% in the tuning windows; p50 at 500 ops/s at most 10%
     * worse. The p99 at 500 ops/s is measured and reported, but not limited: in a 1 s window it is the
     * 5th-slowest request, and on a shared 2-core machine one scheduler hiccup moves it 3-10x, so no
     * useful limit on it can be shown to hold (the check takes the bound of the interval, not the
     * point) in the few pairs a session has; the median at that rate is steady to a few percent.
     */
    private static final Objective OBJECTIVE = RaftTuning.OBJECTIVE
            .notWorseAtOperatingPoint(Metric.P50_LATENCY_MS, 0.10);

    private QuickStart() {
    }

    /** @param args optional: the directory for the full reports (default {@code vernier-results/quickstart}) */
    public static void main(String[] args) throws Exception {
        Path reports = Path.of(args.length > 0 ? args[0] : "vernier-results/quickstart");
        PrintStream out = System.out;
        TransactionMix puts = TransactionMix.single("put", 128);
        Scenario capacity = Scenario.builder("raft-capacity")
                .warmup(Duration.ofSeconds(1)).duration(Duration.ofSeconds(5)).throughputInterval(Duration.ofSeconds(1))
                .load(LoadModel.closed(64)).mix(puts).timeout(Duration.ofSeconds(2))
                .phases(Phase.THROUGHPUT, Phase.RESOURCES)
                .build();
        Scenario latency = Scenario.builder("raft-latency-500")
                .warmup(Duration.ofSeconds(1)).duration(Duration.ofSeconds(5)).latencySamples(2_500)
                .load(LoadModel.constantRate(LATENCY_RATE)).mix(puts).timeout(Duration.ofSeconds(2))
                .phases(Phase.LATENCY)
                .build();
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        try (RaftSuite raft = RaftSuite.builder().nodes(3).seed(7).build();
             IntervalLogListener hlog = IntervalLogListener.builder(reports.resolve("latency.hlog"))
                     .description("QuickStart: 3-node Raft in one JVM").build();
             Vernier vernier = Vernier.builder().listener(new ConsoleProgress(out)).listener(hlog).build();
             Vernier windows = Vernier.builder().build()) { // the tuning windows: the session prints its steps
            raft.setup(new SuiteContext(7, NanoClock.system(), "quickstart"));
            Map<String, Object> start = raft.currentConfiguration().values();

            out.println("== 1. Benchmark a 3-node Raft cluster in this JVM, untuned: " + start);
            ScenarioResult capacityBefore = vernier.measure(raft, capacity);
            ScenarioResult latencyBefore = vernier.measure(raft, latency);

            out.println(String.format(Locale.ROOT, "%n== 2. Tune it live (batching knobs only): maximise throughput of 64"
                    + " closed-loop clients, p99 <= 300 ms, errors <= 1%%,%n      p50 at %.0f ops/s at most 10%% worse"
                    + " than now; %d windows of 1 s, each change compared with the incumbent in alternation", LATENCY_RATE,
                    TUNING_WINDOWS));
            TuningReport tuning = RaftTuning.session(raft, windows, TUNING_WINDOWS, Duration.ofSeconds(1), 7,
                    LATENCY_RATE, OBJECTIVE, RaftTuning.printer(out)).run();
            out.println("  session ended: " + RaftTuning.ending(tuning, TUNING_WINDOWS));
            out.println("  " + tuning.throughputGainLine());

            out.println("\n== 3. Benchmark again, tuned: " + raft.currentConfiguration());
            ScenarioResult capacityAfter = vernier.measure(raft, capacity);
            ScenarioResult latencyAfter = vernier.measure(raft, latency);
            Map<String, Object> tuned = raft.currentConfiguration().values();
            raft.teardown();

            writeReports(reports, tuning, capacityBefore, latencyBefore, capacityAfter, latencyAfter);
            out.println();
            out.println(summary(loadAtStart, capacityBefore, capacityAfter, latencyBefore, latencyAfter, start, tuned,
                    tuning));
            out.println("Full reports: " + reports.toAbsolutePath());
        }
    }

    /** The lines a person can paste in a chat: verified figures first, the single benchmark runs beside them. */
    static String summary(double loadAtStart, ScenarioResult capacityBefore, ScenarioResult capacityAfter,
                          ScenarioResult latencyBefore, ScenarioResult latencyAfter, Map<String, Object> start,
                          Map<String, Object> tuned, TuningReport tuning) {
        String nl = System.lineSeparator();
        StringBuilder b = new StringBuilder();
        b.append(fmt("== Summary (3-node Raft in one JVM, %d cores, load average %.2f at start, %.2f at end)",
                Runtime.getRuntime().availableProcessors(), loadAtStart,
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage())).append(nl);
        Verification v = tuning.verification();
        Comparison cap = v == null ? null : v.throughput();
        Comparison p50 = v == null ? null : v.operatingPoint().get(Metric.P50_LATENCY_MS);
        Comparison p99 = v == null ? null : v.operatingPoint().get(Metric.P99_LATENCY_MS);
        if (cap == null) {
            b.append("  capacity, 64 closed-loop clients:   ").append(tuning.throughputGainLine()).append(nl);
        } else {
            b.append(fmt("  capacity, 64 closed-loop clients:   %,.0f -> %,.0f ops/s: %.2fx (95%% CI %.2fx-%.2fx)",
                    cap.referenceMean(), cap.candidateMean(), cap.ratio(), cap.ratioLow(), cap.ratioHigh())).append(nl);
        }
        if (p50 != null && p99 != null) {
            b.append(fmt("  latency at a fixed %.0f ops/s:       p50 %.2f -> %.2f ms (x%.2f, CI x%.2f-x%.2f), p99 %.2f ->"
                    + " %.2f ms (x%.2f, CI x%.2f-x%.2f)", LATENCY_RATE, p50.referenceMean(), p50.candidateMean(),
                    p50.ratio(), p50.ratioLow(), p50.ratioHigh(), p99.referenceMean(), p99.candidateMean(), p99.ratio(),
                    p99.ratioLow(), p99.ratioHigh())).append(nl);
        }
        if (v != null) {
            b.append(fmt("    (start and final measured again by the session in %d interleaved pairs of 1 s windows)",
                    v.rounds())).append(nl);
        }
        double before = capacityBefore.throughput().averageOpsPerSecond();
        double after = capacityAfter.throughput().averageOpsPerSecond();
        LatencySummary lb = latencyBefore.latency().overall();
        LatencySummary la = latencyAfter.latency().overall();
        b.append(fmt("  benchmark runs, before / after:     capacity %,.0f / %,.0f ops/s (%.2fx); at %.0f ops/s p50 %.2f /"
                        + " %.2f ms, p99 %.2f / %.2f ms, errors %.1f%% / %.1f%%", before, after, after / before,
                LATENCY_RATE, lb.percentile(50), la.percentile(50), lb.percentile(99), la.percentile(99),
                100 * latencyBefore.latency().outcomes().errorRate(), 100 * latencyAfter.latency().outcomes().errorRate()))
                .append(nl);
        b.append("    (one 5 s run each, minutes apart: not interleaved, so load drift on a shared machine shows in them)")
                .append(nl);
        b.append("  session:                            ").append(RaftTuning.ending(tuning, TUNING_WINDOWS)).append(nl);
        b.append("  kept:                               ").append(changes(start, tuned));
        return b.toString();
    }

    private static String fmt(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** {@code maxBatchSize 1 -> 64, pipelining false -> true}, or "unchanged". */
    static String changes(Map<String, Object> start, Map<String, Object> tuned) {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, Object> e : tuned.entrySet()) {
            Object was = start.get(e.getKey());
            if (!Objects.equals(was, e.getValue())) {
                b.append(b.length() == 0 ? "" : ", ").append(e.getKey()).append(' ').append(was).append(" -> ")
                        .append(e.getValue());
            }
        }
        return b.length() == 0 ? "unchanged" : b.toString();
    }

    /** @return {@code maxBatchSize=1, pipelining=false}: a configuration without braces */
    static String flat(Map<String, Object> configuration) {
        String s = configuration.toString();
        return s.substring(1, s.length() - 1);
    }

    private static void writeReports(Path dir, TuningReport tuning, ScenarioResult... results) throws IOException {
        Files.createDirectories(dir);
        MarkdownReport md = new MarkdownReport();
        JsonReport json = new JsonReport();
        StringBuilder all = new StringBuilder("# QuickStart\n\n");
        String[] names = {"capacity-before", "latency-before", "capacity-after", "latency-after"};
        for (int i = 0; i < results.length; i++) {
            all.append("## ").append(names[i]).append("\n\n").append(md.render(results[i]));
            Files.writeString(dir.resolve(names[i] + ".json"), json.write(results[i]));
        }
        all.append(tuning.toMarkdown());
        Files.writeString(dir.resolve("report.md"), all.toString());
        new HtmlReport().write(ReportSet.builder("QuickStart: a 3-node Raft cluster before and after live tuning")
                .beforeAfter("live tuning", results[0], results[2], results[1], results[3])
                .tuning(Trajectories.of(tuning, OBJECTIVE)).build(),
                dir.resolve("report.html"));
    }
}
