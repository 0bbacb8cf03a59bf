package dev.vernier.examples;

import dev.vernier.api.LoadModel;
import dev.vernier.api.NanoClock;
import dev.vernier.api.Phase;
import dev.vernier.api.Scenario;
import dev.vernier.api.SuiteContext;
import dev.vernier.api.TransactionMix;
import dev.vernier.core.Vernier;
import dev.vernier.core.report.MarkdownReport;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.examples.raft.RaftSuite;
import dev.vernier.optimizer.TuningReport;
import java.time.Duration;
import java.util.Locale;

/**
 * The README's main example: an embedded 3-node Raft cluster is benchmarked (capacity under 64
 * closed-loop clients with its resource cost, then latency at a fixed open rate of 500 ops/s), tuned
 * live by a tuning session, and benchmarked again with the same scenarios; the report shows both
 * runs and the tuning history.
 */
public final class QuickStart {

    /** Rate of the latency scenario, ops/s: below the untuned cluster's capacity (about 900 ops/s). */
    private static final double LATENCY_RATE = 500;

    private QuickStart() {
    }

    /** @param args unused */
    public static void main(String[] args) throws Exception {
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
        MarkdownReport md = new MarkdownReport();
        try (RaftSuite raft = RaftSuite.builder().nodes(3).seed(7).build();
             Vernier vernier = Vernier.builder().listener(new ConsoleProgress(System.out)).build()) {
            raft.setup(new SuiteContext(7, NanoClock.system(), "quickstart"));

            System.out.println("== 1. Benchmark at " + raft.currentConfiguration());
            ScenarioResult capacityBefore = vernier.measure(raft, capacity);
            ScenarioResult latencyBefore = vernier.measure(raft, latency);

            System.out.println("\n== 2. Tune live (batching knobs only; maximise throughput, p99 <= 300 ms, errors <= 1%)");
            TuningReport tuning = RaftTuning.session(raft, vernier, 12, Duration.ofMillis(1500), 7,
                    RaftTuning.printer(System.out)).run();

            System.out.println("\n== 3. Benchmark again at " + raft.currentConfiguration());
            ScenarioResult capacityAfter = vernier.measure(raft, capacity);
            ScenarioResult latencyAfter = vernier.measure(raft, latency);

            System.out.println("\n# Before tuning\n\n" + md.render(capacityBefore) + md.render(latencyBefore));
            System.out.println("# After tuning\n\n" + md.render(capacityAfter) + md.render(latencyAfter));
            System.out.println(tuning.toMarkdown());
            System.out.println(String.format(Locale.ROOT,
                    "Capacity (64 clients): %.0f -> %.0f ops/s; p50 at %.0f ops/s: %.2f -> %.2f ms; p99: %.2f -> %.2f ms",
                    capacityBefore.throughput().averageOpsPerSecond(), capacityAfter.throughput().averageOpsPerSecond(),
                    LATENCY_RATE, latencyBefore.latency().overall().percentile(50),
                    latencyAfter.latency().overall().percentile(50), latencyBefore.latency().overall().percentile(99),
                    latencyAfter.latency().overall().percentile(99)));
            System.out.println(RaftTuning.summary(tuning));
            raft.teardown();
        }
    }
}
