package dev.vernier.examples.pbft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.NanoClock;
import dev.vernier.api.StateVerifier.Verification;
import dev.vernier.api.SuiteContext;
import dev.vernier.api.TxOutcome;
import dev.vernier.api.tuning.Configuration;
import dev.vernier.examples.cluster.ApplyRecorder;
import dev.vernier.examples.cluster.ClosedLoop;
import dev.vernier.examples.cluster.RandomFaults;
import dev.vernier.testkit.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PbftSuiteTest {

    private static SuiteContext context() {
        return new SuiteContext(9, NanoClock.system(), "test");
    }

    @Test
    void commitsBatchesAndReplicasAgree() throws Exception {
        try (PbftSuite suite = PbftSuite.builder().nodes(4).seed(1).build()) {
            suite.setup(context());
            List<CompletableFuture<TxOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                futures.add(suite.submit(ClosedLoop.tx()).toCompletableFuture());
            }
            for (CompletableFuture<TxOutcome> f : futures) {
                TxOutcome o = f.get(10, TimeUnit.SECONDS);
                assertTrue(o.isCommitted(), o::toString);
                assertTrue(o.appliedNanos() >= o.agreedNanos());
            }
            Verification v = suite.verify();
            assertTrue(v.consistent(), v.detail());
            assertTrue(v.committedPrefix() < 300, "requests were batched: " + v.detail());
        }
    }

    @Test
    void viewChangeAfterPrimaryCrashAndCommitsResume() throws Exception {
        try (PbftSuite suite = PbftSuite.builder().nodes(4).seed(2).viewChangeTimeoutMs(200).build()) {
            suite.setup(context());
            assertTrue(ClosedLoop.commitsWithin(suite, Duration.ofSeconds(5)));
            String old = suite.primary().orElseThrow();
            suite.crash(old);
            assertTrue(ClosedLoop.commitsWithin(suite, Duration.ofSeconds(10)), "commits resume after view change");
            String next = suite.awaitLeader(Duration.ofSeconds(10));
            assertNotEquals(old, next);
            Verification v = suite.verify();
            assertTrue(v.consistent(), v.detail());
        }
    }

    @Test
    void noTwoReplicasExecuteDifferentBatchesAtOneSequenceUnderRandomFaults() throws Exception {
        ApplyRecorder recorder = new ApplyRecorder();
        try (PbftSuite suite = PbftSuite.builder().nodes(4).seed(33).viewChangeTimeoutMs(150)
                .requestTimeout(Duration.ofSeconds(1)).applyListener(recorder).build()) {
            suite.setup(context());
            RandomFaults faults = new RandomFaults(suite, 33, 1);
            faults.stepUnderLoad(suite, 16, Duration.ofMillis(3000), 20, Duration.ofMillis(120));
            faults.recoverAll();
            assertTrue(ClosedLoop.commitsWithin(suite, Duration.ofSeconds(15)), "commits resume; faults " + faults.log());
            assertTrue(recorder.conflicts().isEmpty(), recorder.conflicts() + " faults " + faults.log());
            Verification v = suite.verify();
            assertTrue(v.consistent(), v.detail() + " faults " + faults.log());
        }
    }

    @Test
    void tunableAppliesLiveValuesAndRejectsOutOfBounds() throws Exception {
        try (PbftSuite suite = PbftSuite.builder().seed(4).build()) {
            suite.setup(context());
            suite.apply(Configuration.of("batchSize", 1));
            assertEquals(1, suite.currentConfiguration().getInt("batchSize"));
            // behaviour: batch size 1 means one executed batch per request
            List<CompletableFuture<TxOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                futures.add(suite.submit(ClosedLoop.tx()).toCompletableFuture());
            }
            for (CompletableFuture<TxOutcome> f : futures) {
                assertTrue(f.get(10, TimeUnit.SECONDS).isCommitted());
            }
            // every replica executes them (the first to execute answers the client; poll for the rest)
            assertEquals(50, Poll.until(suite::verify, v -> v.committedPrefix() >= 50, Duration.ofSeconds(5))
                    .committedPrefix());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> suite.apply(Configuration.of("window", 0)));
            assertTrue(e.getMessage().contains("window") && e.getMessage().contains("0"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> PbftSuite.builder().nodes(3));
        }
    }
}
