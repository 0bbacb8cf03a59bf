package dev.vernier.examples.gossip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.NanoClock;
import dev.vernier.api.StateVerifier.Verification;
import dev.vernier.api.SuiteContext;
import dev.vernier.api.TxOutcome;
import dev.vernier.api.tuning.Configuration;
import dev.vernier.examples.cluster.ClosedLoop;
import dev.vernier.testkit.Poll;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class GossipSuiteTest {

    private static SuiteContext context() {
        return new SuiteContext(5, NanoClock.system(), "test");
    }

    private static Verification awaitConverged(GossipSuite suite, long count) throws InterruptedException {
        return Poll.until(suite::verify, v -> v.consistent() && v.committedPrefix() == count, Duration.ofSeconds(10));
    }

    @Test
    void everythingReachesEveryNodeAfterHeal() throws Exception {
        try (GossipSuite suite = GossipSuite.builder().nodes(5).seed(1).build()) {
            suite.setup(context());
            suite.partition(Set.of("n1", "n2"));
            List<CompletableFuture<TxOutcome>> futures = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                futures.add(suite.submit(ClosedLoop.tx()).toCompletableFuture());
            }
            // wait (bounded) for the majority side to hold transactions the minority cannot have
            Verification split = Poll.until(suite::verify, v -> !v.consistent(), Duration.ofSeconds(10));
            assertFalse(split.consistent(), "the minority cannot hold the majority's transactions: " + split.detail());
            suite.heal();
            for (CompletableFuture<TxOutcome> f : futures) {
                assertTrue(f.get(10, TimeUnit.SECONDS).isCommitted());
            }
            Verification v = awaitConverged(suite, 200);
            assertTrue(v.consistent() && v.committedPrefix() == 200, v.detail());
        }
    }

    @Test
    void crashedNodeCatchesUpAfterRestart() throws Exception {
        try (GossipSuite suite = GossipSuite.builder().nodes(3).seed(2).build()) {
            suite.setup(context());
            suite.crash("n3");
            for (int i = 0; i < 50; i++) {
                assertTrue(suite.submit(ClosedLoop.tx()).toCompletableFuture().get(5, TimeUnit.SECONDS).isCommitted());
            }
            suite.restart("n3");
            Verification v = awaitConverged(suite, 50);
            assertTrue(v.consistent() && v.committedPrefix() == 50, v.detail());
        }
    }

    @Test
    void tunableAppliesLiveValuesAndRejectsOutOfBounds() throws Exception {
        try (GossipSuite suite = GossipSuite.builder().nodes(3).seed(3).build()) {
            suite.setup(context());
            suite.apply(Configuration.of("commitShare", 1.0));
            assertEquals(1.0, suite.currentConfiguration().getDouble("commitShare"));
            suite.crash("n3");
            // behaviour: with commitShare 1.0 nothing commits while one node is down
            CompletableFuture<TxOutcome> f = suite.submit(ClosedLoop.tx()).toCompletableFuture();
            Thread.sleep(300);
            assertFalse(f.isDone());
            suite.restart("n3");
            assertTrue(f.get(5, TimeUnit.SECONDS).isCommitted());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> suite.apply(Configuration.of("fanout", 17)));
            assertTrue(e.getMessage().contains("fanout") && e.getMessage().contains("17"), e.getMessage());
            assertEquals(2, suite.currentConfiguration().getInt("fanout"));
        }
    }
}
