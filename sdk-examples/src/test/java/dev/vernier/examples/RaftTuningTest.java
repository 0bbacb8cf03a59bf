package dev.vernier.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.NanoClock;
import dev.vernier.api.SuiteContext;
import dev.vernier.api.tuning.Metric;
import dev.vernier.core.Vernier;
import dev.vernier.examples.raft.RaftSuite;
import dev.vernier.optimizer.Decision;
import dev.vernier.optimizer.TuningReport;
import dev.vernier.optimizer.TuningStep;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Issue 5's acceptance test: the optimizer really changes the live Raft cluster and it pays. */
class RaftTuningTest {

    @Test
    void sessionOfAtMostTwentyWindowsTriplesThroughputAndCutsP50WithinTheP99Constraint() throws Exception {
        List<TuningStep> seen = new ArrayList<>();
        try (RaftSuite raft = RaftSuite.builder().nodes(3).seed(3).maxBatchSize(1).pipelining(false).build();
             Vernier vernier = Vernier.builder().build()) {
            raft.setup(new SuiteContext(3, NanoClock.system(), "tuning-test"));
            TuningReport report = RaftTuning.session(raft, vernier, 20, Duration.ofSeconds(1), 3, seen::add).run();

            assertEquals(TuningReport.Outcome.COMPLETED, report.outcome(), report.failure());
            assertTrue(report.windows() <= 20, "windows " + report.windows());
            assertEquals(report.steps(), seen, "the listener saw every step as it happened");
            assertTrue(report.throughputGain() >= 3.0, "throughput gain " + report.throughputGain() + "\n" + report.toMarkdown());
            assertTrue(report.p50ReductionPercent() >= 35, "p50 reduction " + report.p50ReductionPercent());
            assertTrue(report.best().feasible(), "the kept configuration respects p99 <= 300 ms and errors <= 1%");
            assertTrue(report.best().metric(Metric.P99_LATENCY_MS) <= 300);
            // the live cluster runs the kept configuration, and it is not the start
            assertEquals(report.finalConfiguration().get("maxBatchSize"),
                    raft.currentConfiguration().get("maxBatchSize"));
            assertTrue(raft.currentConfiguration().getInt("maxBatchSize") > 1 || raft.currentConfiguration().getBoolean("pipelining"));
            assertTrue(report.steps(Decision.KEEP).size() >= 1);
            raft.teardown();
        }
    }
}
