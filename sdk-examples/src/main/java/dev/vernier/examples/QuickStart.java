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
import dev.vernier.optimizer.TuningReport;
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
 * live by a tuning session, and benchmarked again with the same scenarios. The console shows progress
 * and ends with a short summary; the full reports (Markdown, JSON, a self-contained HTML page and the
 * HdrHistogram interval log {@code latency.hlog}) go to {@code vernier-results/quickstart/}.
 */
public final class QuickStart {

    /** Rate of the latency scenario, ops/s: below the untuned cluster's capacity (about 900 ops/s). */
    private static final double LATENCY_RATE = 500;
    private static final int TUNING_WINDOWS = 12;

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
                .warmup(Duration.ofSeconds(1)).duration(Duration.ofSeconds(10)).latencySamples(2_500)
                .load(LoadModel.constantRate(LATENCY_RATE)).mix(puts).timeout(Duration.ofSeconds(2))
                .phases(Phase.LATENCY)
                .build();
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        try (RaftSuite raft = RaftSuite.builder().nodes(3).seed(7).build();
             IntervalLogListener hlog = IntervalLogListener.builder(reports.resolve("latency.hlog"))
                     .description("QuickStart: 3-node Raft in one JVM").build();
             Vernier vernier = Vernier.builder().listener(new ConsoleProgress(out)).listener(hlog).build()) {
            raft.setup(new SuiteContext(7, NanoClock.system(), "quickstart"));
            Map<String, Object> start = raft.currentConfiguration().values();

            out.println("== 1. Benchmark a 3-node Raft cluster in this JVM, untuned: " + start);
            ScenarioResult capacityBefore = vernier.measure(raft, capacity);
            ScenarioResult latencyBefore = vernier.measure(raft, latency);

            out.println("\n== 2. Tune it live (batching knobs only; maximise throughput, p99 <= 300 ms, errors <= 1%)");
            TuningReport tuning = RaftTuning.session(raft, vernier, TUNING_WINDOWS, Duration.ofMillis(1500), 7,
                    RaftTuning.printer(out)).run();
            out.println("  session ended: " + RaftTuning.ending(tuning, TUNING_WINDOWS));

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

    /** The lines a person can paste in a chat. */
    static String summary(double loadAtStart, ScenarioResult capacityBefore, ScenarioResult capacityAfter,
                          ScenarioResult latencyBefore, ScenarioResult latencyAfter, Map<String, Object> start,
                          Map<String, Object> tuned, TuningReport tuning) {
        double before = capacityBefore.throughput().averageOpsPerSecond();
        double after = capacityAfter.throughput().averageOpsPerSecond();
        LatencySummary lb = latencyBefore.latency().overall();
        LatencySummary la = latencyAfter.latency().overall();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "== Summary (3-node Raft in one JVM, %d cores, load average %.2f at start)%n",
                Runtime.getRuntime().availableProcessors(), loadAtStart));
        b.append(String.format(Locale.ROOT, "  capacity, 64 closed-loop clients:  %,.0f -> %,.0f ops/s (%.1fx)%n",
                before, after, after / before));
        b.append(String.format(Locale.ROOT, "  latency at a fixed %.0f ops/s:     p50 %.2f -> %.2f ms, p99 %.2f -> %.2f ms%n",
                LATENCY_RATE, lb.percentile(50), la.percentile(50), lb.percentile(99), la.percentile(99)));
        b.append("  tuned values:                      ").append(changes(start, tuned)).append(System.lineSeparator());
        b.append("  tuning session:                    ").append(RaftTuning.summary(tuning).replace(System.lineSeparator(), "; "));
        return b.toString();
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
                .beforeAfter("live tuning", results[0], results[2], results[1], results[3]).build(),
                dir.resolve("report.html"));
    }
}
