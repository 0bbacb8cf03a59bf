package dev.vernier.examples.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.LoadModel;
import dev.vernier.api.NanoClock;
import dev.vernier.api.Phase;
import dev.vernier.api.Scenario;
import dev.vernier.api.SuiteContext;
import dev.vernier.api.TransactionMix;
import dev.vernier.api.tuning.Configuration;
import dev.vernier.core.Vernier;
import dev.vernier.core.result.LatencyResult;
import dev.vernier.core.result.ScenarioResult;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * QuickStart's sequence in small: saturate the cluster with closed-loop clients in a pipelined
 * configuration (as the tuner's windows do), then measure latency at a fixed open rate of 500 ops/s
 * that the untuned cluster carries. Before the network kept its links FIFO and the leader told stale
 * append answers apart, the pipelined window left the cluster in an append storm: every request of
 * the 500 ops/s phase timed out (p50 2 s), and the tuned configuration measured p50 224 ms in
 * QuickStart. The bounds are wide on purpose (a shared, loaded machine stalls threads for 100 ms and
 * more); a storm misses them by far. The election timeout is raised so that such stalls do not start
 * elections, which this test is not about.
 */
class RaftAfterTuningWindowTest {

    private static final TransactionMix PUTS = TransactionMix.single("put", 128);
    private static final Scenario WINDOW = Scenario.builder("pipelined-window").warmup(Duration.ofMillis(300))
            .duration(Duration.ofMillis(1500)).throughputInterval(Duration.ofMillis(500)).load(LoadModel.closed(64))
            .mix(PUTS).timeout(Duration.ofSeconds(2)).phases(Phase.THROUGHPUT).build();
    private static final Scenario AT_500 = Scenario.builder("latency-500").warmup(Duration.ofMillis(500))
            .duration(Duration.ofSeconds(3)).latencySamples(1500).load(LoadModel.constantRate(500)).mix(PUTS)
            .timeout(Duration.ofSeconds(2)).phases(Phase.LATENCY).build();

    private static Configuration knobs(int batch, boolean pipelining, int inflight) {
        return new Configuration(Map.of("maxBatchSize", batch, "pipelining", pipelining, "maxInflightAppends", inflight));
    }

    private static void assertServes500(ScenarioResult r, String after) {
        LatencyResult l = r.latency();
        String figures = String.format(Locale.ROOT, "after %s: p50 %.2f ms, p99 %.2f ms, %s", after,
                l.overall().percentile(50), l.overall().percentile(99), l.outcomes());
        assertEquals(0, l.outcomes().errors(), figures);
        assertTrue(l.overall().percentile(50) < 20, figures);
        assertTrue(l.overall().percentile(99) < 500, figures);
    }

    @Test
    void aPipelinedSaturatingWindowLeavesNothingBehindAtAnOpenRateOf500() throws Exception {
        try (RaftSuite raft = RaftSuite.builder().nodes(3).seed(7).electionTimeoutMs(2000).build();
             Vernier vernier = Vernier.builder().build()) {
            raft.setup(new SuiteContext(7, NanoClock.system(), "after-tuning-window"));

            // the candidate that collapsed in QuickStart, then reverted to the start configuration
            raft.apply(knobs(5, true, 9));
            ScenarioResult window = vernier.measure(raft, WINDOW);
            assertTrue(window.throughput().averageOpsPerSecond() > 1_000,
                    "pipelined window: " + window.throughput().averageOpsPerSecond() + " ops/s");
            raft.apply(knobs(1, false, 8));
            assertServes500(vernier.measure(raft, AT_500), "a window of batch 5, 9 in flight, reverted");

            // the configuration the tuner moves to: large batches, a large window
            raft.apply(knobs(4096, true, 64));
            vernier.measure(raft, WINDOW);
            assertServes500(vernier.measure(raft, AT_500), "a window of batch 4096, 64 in flight");
        }
    }
}
