package dev.vernier.examples;

import dev.vernier.api.LoadModel;
import dev.vernier.api.Phase;
import dev.vernier.api.Scenario;
import dev.vernier.api.TransactionMix;
import dev.vernier.core.Vernier;
import dev.vernier.core.report.MarkdownReport;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.examples.raft.RaftSuite;
import dev.vernier.optimizer.TuningReport;
import java.time.Duration;
import java.util.Locale;

/**
 * The README's main example: an embedded 3-node Raft cluster is benchmarked (throughput step search,
 * latency, resources), tuned live by a tuning session, and benchmarked again with the same scenario;
 * the report shows both runs and the tuning history.
 */
public final class QuickStart {

    private QuickStart() {
    }

    /** @param args unused */
    public static void main(String[] args) throws Exception {
        Scenario benchmark = Scenario.builder("raft-quickstart")
                .warmup(Duration.ofSeconds(1))
                .duration(Duration.ofSeconds(6))
                .throughputInterval(Duration.ofSeconds(1))
                .load(LoadModel.stepSearch(400, 400))
                .mix(TransactionMix.single("put", 128))
                .latencySamples(2_000)
                .timeout(Duration.ofSeconds(2))
                .phases(Phase.THROUGHPUT, Phase.LATENCY, Phase.RESOURCES)
                .build();
        try (RaftSuite raft = RaftSuite.builder().nodes(3).seed(7).build();
             Vernier vernier = Vernier.builder().register(raft).listener(new ConsoleProgress(System.out)).build()) {
            raft.setup(new dev.vernier.api.SuiteContext(7, dev.vernier.api.NanoClock.system(), benchmark.name()));

            System.out.println("== 1. Benchmark at " + raft.currentConfiguration());
            ScenarioResult before = vernier.measure(raft, benchmark);

            System.out.println("\n== 2. Tune live (batching knobs; " + RaftTuning.OBJECTIVE + ")");
            TuningReport tuning = RaftTuning.session(raft, vernier, 12, Duration.ofMillis(1500), 7,
                    RaftTuning.printer(System.out)).run();

            System.out.println("\n== 3. Benchmark again at " + raft.currentConfiguration());
            ScenarioResult after = vernier.measure(raft, benchmark);

            MarkdownReport md = new MarkdownReport();
            System.out.println("\n# Before tuning\n\n" + md.render(before));
            System.out.println("# After tuning\n\n" + md.render(after));
            System.out.println(tuning.toMarkdown());
            System.out.println(String.format(Locale.ROOT,
                    "Optimal throughput: %.0f -> %.0f ops/s; p50 at %.0f ops/s: %.2f -> %.2f ms",
                    before.throughput().optimalOpsPerSecond(), after.throughput().optimalOpsPerSecond(),
                    400.0, before.latency().overall().percentile(50), after.latency().overall().percentile(50)));
            System.out.println(String.format(Locale.ROOT, "Throughput gain: %.1fx", tuning.throughputGain()));
            System.out.println(String.format(Locale.ROOT, "Latency reduction (p50): %.0f%%", tuning.p50ReductionPercent()));
            raft.teardown();
        }
    }
}
