package dev.vernier.examples.raft;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.examples.cluster.ClosedLoop;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The knobs matter for real reasons: batching amortises fsyncs, pipelining hides round trips. */
class RaftKnobsTest {

    private static ClosedLoop.Result measure(boolean tuned, int outstanding, Duration duration) throws Exception {
        RaftSuite.Builder b = RaftSuite.builder().nodes(3).seed(11);
        if (tuned) {
            b.maxBatchSize(64).pipelining(true).maxInflightAppends(8);
        }
        try (RaftSuite suite = b.build()) {
            suite.setup(RaftSuiteTest.context());
            ClosedLoop.run(suite, outstanding, Duration.ofMillis(300)); // warm-up
            return ClosedLoop.run(suite, outstanding, duration);
        }
    }

    @Test
    void batchingWithPipeliningTriplesThroughputAndLowersLatency() throws Exception {
        ClosedLoop.Result plain = measure(false, 64, Duration.ofSeconds(2));
        ClosedLoop.Result tuned = measure(true, 64, Duration.ofSeconds(2));
        String report = String.format("batch1/no-pipe %.0f tx/s, batch64/pipe %.0f tx/s", plain.throughput(), tuned.throughput());
        assertTrue(plain.committed() > 0, report);
        assertTrue(tuned.throughput() >= 3 * plain.throughput(), report);

        ClosedLoop.Result plainModerate = measure(false, 8, Duration.ofSeconds(1));
        ClosedLoop.Result tunedModerate = measure(true, 8, Duration.ofSeconds(1));
        assertTrue(tunedModerate.medianLatencyNanos() < plainModerate.medianLatencyNanos(),
                "median at 8 outstanding: batch1 " + plainModerate.medianLatencyNanos() / 1000 + " us, batch64 "
                        + tunedModerate.medianLatencyNanos() / 1000 + " us; " + report);
    }
}
