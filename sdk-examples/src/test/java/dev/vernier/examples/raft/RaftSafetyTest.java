package dev.vernier.examples.raft;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.StateVerifier.Verification;
import dev.vernier.examples.cluster.ApplyRecorder;
import dev.vernier.examples.cluster.ClosedLoop;
import dev.vernier.examples.cluster.RandomFaults;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RaftSafetyTest {

    @ParameterizedTest
    @ValueSource(longs = {101, 202})
    void noTwoReplicasApplyDifferentEntriesAtOneIndexUnderRandomFaults(long seed) throws Exception {
        ApplyRecorder recorder = new ApplyRecorder();
        try (RaftSuite suite = RaftSuite.builder().nodes(5).seed(seed).maxBatchSize(16).pipelining(true)
                .electionTimeoutMs(100).heartbeatIntervalMs(20).requestTimeout(Duration.ofSeconds(1))
                .applyListener(recorder).build()) {
            suite.setup(RaftSuiteTest.context());
            RandomFaults faults = new RandomFaults(suite, seed, 2);
            faults.stepUnderLoad(suite, 16, Duration.ofMillis(3000), 20, Duration.ofMillis(120));
            faults.recoverAll();
            suite.awaitLeader(Duration.ofSeconds(10));
            assertTrue(ClosedLoop.commitsWithin(suite, Duration.ofSeconds(10)),
                    "commits resume after recovery; faults " + faults.log());
            assertTrue(recorder.conflicts().isEmpty(), recorder.conflicts() + " faults " + faults.log());
            assertTrue(recorder.highestIndex() > 10, "progress " + recorder.highestIndex() + " faults " + faults.log());
            Verification v = suite.verify();
            assertTrue(v.consistent(), v.detail() + " faults " + faults.log());
        }
    }
}
