package dev.vernier.examples;

import dev.vernier.api.LoadModel;
import dev.vernier.api.Phase;
import dev.vernier.api.Scenario;
import dev.vernier.api.TransactionMix;
import dev.vernier.core.Vernier;
import dev.vernier.core.report.MarkdownReport;
import dev.vernier.core.result.ScenarioResult;
import java.time.Duration;

/**
 * Example 1: the smallest complete use of Vernier. Registers an in-process store, runs a step-search
 * throughput phase and an open-model latency phase, and prints the Markdown report.
 */
public final class HashingStoreBenchmark {

    private HashingStoreBenchmark() {
    }

    /** @param args unused */
    public static void main(String[] args) {
        Scenario scenario = Scenario.builder("hashing-steps")
                .warmup(Duration.ofSeconds(1))
                .duration(Duration.ofSeconds(6))
                .throughputInterval(Duration.ofSeconds(1))
                .load(LoadModel.stepSearch(5_000, 5_000))
                .mix(TransactionMix.builder().add("put", 4, 256).add("put-large", 1, 4096).build())
                .phases(Phase.THROUGHPUT, Phase.LATENCY)
                .timeout(Duration.ofSeconds(2))
                .build();
        try (Vernier vernier = Vernier.builder()
                .register(new HashingStoreSuite())
                .listener(new ConsoleProgress(System.out))
                .build()) {
            ScenarioResult result = vernier.run("hashing-store", scenario);
            System.out.println();
            System.out.println(new MarkdownReport().render(result));
        }
    }
}
