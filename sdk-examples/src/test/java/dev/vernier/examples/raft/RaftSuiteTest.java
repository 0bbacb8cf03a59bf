package dev.vernier.examples.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.NanoClock;
import dev.vernier.api.StateVerifier.Verification;
import dev.vernier.api.SuiteContext;
import dev.vernier.api.TxOutcome;
import dev.vernier.api.tuning.Configuration;
import dev.vernier.examples.cluster.ClosedLoop;
import dev.vernier.examples.cluster.NetworkConfig;
import dev.vernier.testkit.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RaftSuiteTest {

    static SuiteContext context() {
        return new SuiteContext(7, NanoClock.system(), "test");
    }

    @Test
    void commitsRequestsWithStageTimestampsAndReplicasAgree() throws Exception {
        try (RaftSuite suite = RaftSuite.builder().nodes(3).seed(1).build()) {
            suite.setup(context());
            List<CompletableFuture<TxOutcome>> futures = new ArrayList<>();
            long before = System.nanoTime();
            for (int i = 0; i < 200; i++) {
                futures.add(suite.submit(ClosedLoop.tx()).toCompletableFuture());
            }
            for (CompletableFuture<TxOutcome> f : futures) {
                TxOutcome o = f.get(10, TimeUnit.SECONDS);
                assertTrue(o.isCommitted(), o::toString);
                assertTrue(o.agreedNanos() >= before && o.appliedNanos() >= o.agreedNanos(), "stage order");
            }
            Verification v = suite.verify();
            assertTrue(v.consistent(), v.detail());
            assertTrue(v.committedPrefix() >= 1, v.detail());
        }
    }

    @Test
    void newLeaderTakesOverAfterLeaderCrashAndCommitsResume() throws Exception {
        try (RaftSuite suite = RaftSuite.builder().nodes(3).seed(2).build()) {
            suite.setup(context());
            String old = suite.awaitLeader(Duration.ofSeconds(10));
            assertTrue(suite.submit(ClosedLoop.tx()).toCompletableFuture().get(5, TimeUnit.SECONDS).isCommitted());
            suite.crash(old);
            String next = suite.awaitLeader(Duration.ofSeconds(10));
            assertNotEquals(old, next);
            assertTrue(suite.submit(ClosedLoop.tx()).toCompletableFuture().get(5, TimeUnit.SECONDS).isCommitted());
            suite.restart(old);
            // the restarted follower catches up: all live replicas share a prefix covering the new entry
            Verification v = Poll.until(suite::verify, x -> x.committedPrefix() >= 3, Duration.ofSeconds(10));
            assertTrue(v.consistent(), v.detail());
            assertTrue(v.committedPrefix() >= 3, v.detail());
        }
    }

    @Test
    void rejectsWithNoLeaderWhenMajorityIsGone() throws Exception {
        try (RaftSuite suite = RaftSuite.builder().nodes(3).seed(3).electionTimeoutMs(200).build()) {
            suite.setup(context());
            String leader = suite.awaitLeader(Duration.ofSeconds(10));
            for (String id : suite.nodes()) {
                if (!id.equals(leader)) {
                    suite.crash(id);
                }
            }
            suite.crash(leader);
            assertTrue(suite.leader().isEmpty());
            TxOutcome o = suite.submit(ClosedLoop.tx()).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertTrue(!o.isCommitted(), o::toString);
        }
    }

    @Test
    void tunableAppliesLiveValuesAndRejectsOutOfBounds() throws Exception {
        try (RaftSuite suite = RaftSuite.builder().nodes(3).seed(4).build()) {
            suite.setup(context());
            assertEquals(1, suite.currentConfiguration().getInt("maxBatchSize"));
            suite.apply(new Configuration(Map.of("maxBatchSize", 64, "pipelining", true)));
            assertEquals(64, suite.currentConfiguration().getInt("maxBatchSize"));
            assertTrue(suite.currentConfiguration().getBoolean("pipelining"));

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> suite.apply(Configuration.of("maxBatchSize", 5000)));
            assertTrue(e.getMessage().contains("maxBatchSize") && e.getMessage().contains("5000"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> suite.apply(Configuration.of("bogus", 1)));
            assertTrue(e.getMessage().contains("bogus"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> suite.apply(Configuration.of("electionTimeoutMs", 60)));
            assertTrue(e.getMessage().contains("electionTimeoutMs"), e.getMessage());
            assertEquals(64, suite.currentConfiguration().getInt("maxBatchSize"), "failed apply changes nothing");

            // behaviour: with batch 64 the leader needs far fewer durable writes than entries
            String leader = suite.awaitLeader(Duration.ofSeconds(10));
            long writesBefore = suite.durableWrites(leader);
            ClosedLoop.Result r = ClosedLoop.run(suite, 64, Duration.ofMillis(500));
            long writes = suite.durableWrites(leader) - writesBefore;
            assertTrue(r.committed() > 100, "committed " + r.committed());
            assertTrue(writes * 4 < r.committed(), "writes " + writes + " for " + r.committed() + " entries");
        }
    }

    @Test
    void builderValidatesEagerly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RaftSuite.builder().nodes(4));
        assertTrue(e.getMessage().contains("nodes") && e.getMessage().contains("4"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RaftSuite.builder().maxBatchSize(0));
        assertTrue(e.getMessage().contains("maxBatchSize"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> RaftSuite.builder().network(NetworkConfig.defaults().withLossProbability(1.5)));
        assertTrue(e.getMessage().contains("lossProbability"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> RaftSuite.builder().build().submit(ClosedLoop.tx()));
    }

    @Test
    void resizeRestartsTheClusterAtTheNewSize() throws Exception {
        try (RaftSuite suite = RaftSuite.builder().nodes(1).seed(5).build()) {
            suite.setup(context());
            assertTrue(suite.submit(ClosedLoop.tx()).toCompletableFuture().get(5, TimeUnit.SECONDS).isCommitted());
            suite.resize(5);
            assertEquals(5, suite.clusterSize());
            assertEquals(5, suite.nodes().size());
            assertTrue(suite.submit(ClosedLoop.tx()).toCompletableFuture().get(5, TimeUnit.SECONDS).isCommitted());
            assertThrows(IllegalArgumentException.class, () -> suite.resize(2));
        }
    }
}
