package dev.vernier.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.NanoClock;
import dev.vernier.api.Scenario;
import dev.vernier.api.SuiteContext;
import dev.vernier.api.tuning.Configuration;
import dev.vernier.core.Vernier;
import dev.vernier.core.recording.OperationRecorder;
import dev.vernier.core.recording.Recording;
import dev.vernier.examples.raft.RaftSuite;
import dev.vernier.optimizer.Comparison;
import dev.vernier.optimizer.TuningReport;
import dev.vernier.testkit.GainRecheck;
import java.time.Duration;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * Issue 13's acceptance test on the Raft example: the gain a session prints holds when the start and
 * the final configuration are measured again by someone else. The re-measurement does not go
 * through the session or its measurer: it runs the Vernier engine directly with the tuning load and
 * counts what the <em>cluster</em> committed (its own {@link OperationRecorder}, a suite-side log of
 * the transactions), in interleaved pairs (start, final, final, start, ...), on the same warm JVM.
 *
 * <p>On a shared 2-core machine single windows differ by 10-30% and a neighbour's build can halve
 * one, so the comparison is statistical and counts both uncertainties: the re-measurement's own 95%
 * interval (5 pairs, t on the pairs' log ratios) must meet the printed 95% interval widened to at
 * least +-10% around the printed gain. A headline from a lucky window against a cold baseline (the
 * 14.91x re-measured at 1.69x of issue 13) fails it by far.
 */
class RaftGainVerifiedTest {

    private static final int BUDGET = 8;
    private static final int PAIRS = 5;

    @Test
    void printedGainHoldsWhenStartAndFinalAreMeasuredAgainByTheClustersOwnCommitLog() throws Exception {
        OperationRecorder recorder = OperationRecorder.builder().build();
        try (RaftSuite raft = RaftSuite.builder().nodes(3).seed(3).maxBatchSize(1).pipelining(false).recorder(recorder)
                .build();
             Vernier vernier = Vernier.builder().build()) {
            raft.setup(new SuiteContext(3, NanoClock.system(), "gain-verified"));
            Configuration start = raft.currentConfiguration();
            TuningReport report = RaftTuning.session(raft, vernier, BUDGET, Duration.ofSeconds(1), 3, s -> { }).run();
            String md = RaftTuning.summary(report) + "\n" + report.toMarkdown();

            // the session uses its budget or says why not
            assertTrue(report.outcome() == TuningReport.Outcome.BUDGET_USED ? report.windows() >= BUDGET - 1
                    : report.outcome() != TuningReport.Outcome.FAILED && !report.reason().isBlank(), md);
            assertTrue(report.windows() <= BUDGET, md);
            // from batch 1 without pipelining something pays; the printed gain is the verified one
            Comparison printed = report.verification() == null ? null : report.verification().throughput();
            assertNotNull(printed, md);
            assertEquals(printed.ratio(), report.throughputGain(), 1e-12);
            assertTrue(report.throughputGainLine().startsWith(String.format(Locale.ROOT, "Throughput gain: %.2fx",
                    printed.ratio())), report.throughputGainLine());
            Configuration fin = raft.currentConfiguration();
            assertFalse(fin.equals(start), md);

            // measured again by another method: engine runs driven directly, counted by the cluster itself
            Scenario load = RaftTuning.windowLoad().toBuilder().duration(Duration.ofSeconds(1)).build();
            double[] ratios = new double[PAIRS];
            double engineLogs = 0;
            for (int i = 0; i < PAIRS; i++) {
                boolean finalFirst = i % 2 == 1;
                double[] first = committedPerSecond(raft, vernier, recorder, load, finalFirst ? fin : start);
                double[] second = committedPerSecond(raft, vernier, recorder, load, finalFirst ? start : fin);
                ratios[i] = finalFirst ? first[0] / second[0] : second[0] / first[0];
                engineLogs += Math.log(finalFirst ? first[1] / second[1] : second[1] / first[1]);
            }
            System.out.println(String.format(Locale.ROOT, "RaftGainVerifiedTest: the engine's own window figures of"
                    + " the same runs give x%.2f", Math.exp(engineLogs / PAIRS)));
            raft.apply(fin);
            GainRecheck again = GainRecheck.of(report.throughputGainLine(), printed.ratio(), printed.ratioLow(),
                    printed.ratioHigh(), ratios);
            System.out.println("RaftGainVerifiedTest: " + again.description());
            assertTrue(again.holds(), again.description() + "\n" + md);
            raft.teardown();
        }
    }

    /**
     * Applies {@code c}, lets it settle, runs the tuning load once.
     *
     * @return what the cluster committed per second over the run (warm-up and window: both
     *     configurations are counted alike), and, for comparison only, the engine's window throughput
     */
    static double[] committedPerSecond(RaftSuite raft, Vernier vernier, OperationRecorder recorder, Scenario load,
                                       Configuration c) throws Exception {
        raft.apply(c);
        Thread.sleep(200); // the session's settle time; waits for the cluster, orders nothing
        Recording before = recorder.snapshot();
        double engine = vernier.measure(raft, load).throughput().averageOpsPerSecond();
        Recording window = recorder.snapshot().since(before);
        return new double[] {window.all().committed() / window.seconds(), engine};
    }
}
