package dev.vernier.examples;

import dev.vernier.api.LoadModel;
import dev.vernier.api.Phase;
import dev.vernier.api.Scenario;
import dev.vernier.api.TransactionMix;
import dev.vernier.core.Vernier;
import dev.vernier.core.report.MarkdownReport;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.examples.raft.RaftSuite;
import java.time.Duration;

/**
 * The README's main example: benchmark an embedded 3-node Raft cluster (throughput step search, then
 * latency at a fixed rate) and print the report.
 */
public final class QuickStart {

    private QuickStart() {
    }

    /** @param args unused */
    public static void main(String[] args) throws Exception {
        TransactionMix mix = TransactionMix.builder().add("put", 1, 128).build();
        Scenario scenario = Scenario.builder("raft-quickstart")
                .warmup(Duration.ofSeconds(1))
                .duration(Duration.ofSeconds(8))
                .throughputInterval(Duration.ofSeconds(1))
                .load(LoadModel.stepSearch(250, 250))
                .mix(mix)
                .timeout(Duration.ofSeconds(2))
                .phases(Phase.THROUGHPUT, Phase.LATENCY)
                .build();
        try (RaftSuite raft = RaftSuite.builder().nodes(3).seed(7).build();
             Vernier vernier = Vernier.builder().register(raft).listener(new ConsoleProgress(System.out)).build()) {
            ScenarioResult result = vernier.run("raft", scenario);
            System.out.println();
            System.out.println(new MarkdownReport().render(result));
        }
    }
}
