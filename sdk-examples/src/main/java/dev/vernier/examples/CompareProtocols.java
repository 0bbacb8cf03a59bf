package dev.vernier.examples;

import dev.vernier.api.LoadModel;
import dev.vernier.api.Phase;
import dev.vernier.api.Scenario;
import dev.vernier.api.TransactionMix;
import dev.vernier.core.RunMatrix;
import dev.vernier.core.Vernier;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.stats.Estimate;
import dev.vernier.core.stats.Figure;
import dev.vernier.core.stats.FigureSet;
import dev.vernier.core.stats.Ranking;
import dev.vernier.core.stats.ResultStatistics;
import dev.vernier.core.stats.StatisticsConfig;
import dev.vernier.examples.gossip.GossipSuite;
import dev.vernier.examples.pbft.PbftSuite;
import dev.vernier.examples.raft.RaftSuite;
import java.time.Duration;
import java.util.Locale;

/**
 * Example 3: Raft vs PBFT vs Gossip under the same scenario (the source documents' comprehensive
 * run), printed side by side, then ranked per figure with the significance of each difference.
 */
public final class CompareProtocols {

    private CompareProtocols() {
    }

    /** @param args optional: iterations (default 3) */
    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Scenario scenario = Scenario.builder("same-load-400")
                .warmup(Duration.ofSeconds(1))
                .duration(Duration.ofSeconds(3))
                .iterations(iterations)
                .throughputInterval(Duration.ofSeconds(1))
                .load(LoadModel.constantRate(400))
                .mix(TransactionMix.single("put", 128))
                .timeout(Duration.ofSeconds(2))
                .phases(Phase.THROUGHPUT, Phase.LATENCY)
                .build();
        try (RaftSuite raft = RaftSuite.builder().nodes(3).seed(1).maxBatchSize(16).pipelining(true).build();
             PbftSuite pbft = PbftSuite.builder().nodes(4).seed(1).build();
             GossipSuite gossip = GossipSuite.builder().nodes(5).seed(1).build();
             Vernier vernier = Vernier.builder().register(raft).register(pbft).register(gossip)
                     .listener(new ConsoleProgress(System.out)).build()) {
            RunMatrix matrix = vernier.runAll(java.util.List.of(scenario));
            StatisticsConfig stats = StatisticsConfig.defaults();
            System.out.println();
            System.out.println(iterations > 1 ? "Each figure with its 95% interval across the " + iterations + " iterations:"
                    : "One iteration: intervals are within-run (they omit run-to-run variation), where there are any:");
            System.out.println();
            System.out.println("| protocol | throughput (ops/s) | p50 (ms) | p99 (ms) | p99.9 (ms) | error rate | generator |");
            System.out.println("|---|---:|---:|---:|---:|---:|---|");
            for (ScenarioResult r : matrix.results()) {
                FigureSet f = ResultStatistics.of(r, stats);
                System.out.println(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s |", r.suite(),
                        cell(f.estimate(Figure.THROUGHPUT)), cell(f.estimate(Figure.latency(50))),
                        cell(f.estimate(Figure.latency(99))), cell(f.estimate(Figure.latency(99.9))),
                        percent(f.estimate(Figure.ERROR_RATE)),
                        r.latency().generator().generatorLimited() ? "LIMITED" : "ok"));
            }
            System.out.println();
            System.out.println(Ranking.of(matrix, scenario.name(), stats).toMarkdown());
        }
    }

    /** "value [lower, upper]"; the interval's level and basis are in the heading. */
    private static String cell(Estimate e) {
        return e.hasInterval() ? Estimate.formatNumber(e.mean()) + " [" + Estimate.formatNumber(e.lower()) + ", "
                + Estimate.formatNumber(e.upper()) + "]" : Estimate.formatNumber(e.mean());
    }

    /** An error rate (a share) in percent, with its interval. */
    private static String percent(Estimate e) {
        return e.hasInterval() ? String.format(Locale.ROOT, "%.3f%% [%.3f%%, %.3f%%]", 100 * e.mean(), 100 * e.lower(),
                100 * e.upper()) : String.format(Locale.ROOT, "%.3f%%", 100 * e.mean());
    }
}
