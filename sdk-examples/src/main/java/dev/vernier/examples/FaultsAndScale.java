package dev.vernier.examples;

import dev.vernier.api.FaultPlan;
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
 * Example 5: how Raft scales from 1 to 7 nodes (with a Universal Scalability Law fit), and what a
 * leader crash costs: the throughput dip, the time to recover, the errors during the election, and
 * whether the replicas still agree afterwards.
 */
public final class FaultsAndScale {

    private FaultsAndScale() {
    }

    /** @param args unused */
    public static void main(String[] args) throws Exception {
        TransactionMix puts = TransactionMix.single("put", 128);
        Scenario scale = Scenario.builder("raft-scaling")
                .warmup(Duration.ofMillis(500)).duration(Duration.ofSeconds(3)).throughputInterval(Duration.ofMillis(500))
                .load(LoadModel.closed(32)).mix(puts).timeout(Duration.ofSeconds(2))
                .clusterSizes(1, 3, 5, 7)
                .phases(Phase.SCALABILITY)
                .build();
        Scenario crash = Scenario.builder("raft-leader-crash")
                .warmup(Duration.ofSeconds(1)).duration(Duration.ofSeconds(6)).throughputInterval(Duration.ofMillis(250))
                .load(LoadModel.constantRate(2_000)).mix(puts).timeout(Duration.ofSeconds(2))
                .faultPlan(FaultPlan.builder().crashLeaderAt(Duration.ofSeconds(2)).restartCrashedAt(Duration.ofSeconds(4))
                        .build())
                .phases(Phase.FAULT_TOLERANCE)
                .build();
        try (RaftSuite raft = RaftSuite.builder().nodes(3).seed(21).maxBatchSize(32).pipelining(true).build();
             Vernier vernier = Vernier.builder().register(raft).build()) {
            MarkdownReport md = new MarkdownReport();
            ScenarioResult scaling = vernier.run("raft", scale);
            System.out.println(md.render(scaling));
            ScenarioResult faults = vernier.run("raft", crash);
            System.out.println(md.render(faults));
        }
    }
}
