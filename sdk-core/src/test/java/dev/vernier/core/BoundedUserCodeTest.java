package dev.vernier.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.LoadModel;
import dev.vernier.api.NanoClock;
import dev.vernier.api.Phase;
import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.Scenario;
import dev.vernier.api.SuiteContext;
import dev.vernier.api.Transaction;
import dev.vernier.api.TxOutcome;
import dev.vernier.core.event.IntervalSnapshot;
import dev.vernier.core.event.PhaseEnded;
import dev.vernier.core.event.VernierEvent;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.result.Warning;
import dev.vernier.testkit.ManualClock;
import dev.vernier.testkit.ScriptedSuite;
import dev.vernier.testkit.ScriptedSuite.Script;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * User code (setup, teardown, listeners) runs under time limits, and a run can be aborted: in each
 * case the run ends, keeps and returns what it measured, says what happened, and leaves no thread of
 * its own behind. On the manual clock: the limits pass in virtual time.
 */
class BoundedUserCodeTest {

    static final long MS = 1_000_000L;

    /** A suite whose setup or teardown hangs until interrupted. */
    static final class Hanging implements ProtocolSuite {
        final CountDownLatch never = new CountDownLatch(1);
        final boolean hangInSetup;
        volatile Thread teardownThread;

        Hanging(boolean hangInSetup) {
            this.hangInSetup = hangInSetup;
        }

        @Override
        public String name() {
            return "hanging";
        }

        @Override
        public void setup(SuiteContext context) throws InterruptedException {
            if (hangInSetup) {
                never.await();
            }
        }

        @Override
        public CompletionStage<TxOutcome> submit(Transaction transaction) {
            return CompletableFuture.completedFuture(TxOutcome.committed());
        }

        @Override
        public void teardown() throws InterruptedException {
            teardownThread = Thread.currentThread();
            never.await();
        }
    }

    private static Scenario quick() {
        return Scenario.builder("quick").warmup(Duration.ZERO).duration(Duration.ofSeconds(1))
                .load(LoadModel.constantRate(100)).phases(Phase.THROUGHPUT).build();
    }

    @Test
    void aHangingTeardownKeepsTheMeasurementAndLeavesNoThread() {
        ManualClock clock = new ManualClock();
        Hanging suite = new Hanging(false);
        try (Vernier v = Vernier.builder().register(suite).clock(clock).threadFactory(clock.threadFactory())
                .teardownTimeLimit(Duration.ofSeconds(30)).build()) {
            ScenarioResult r = clock.runAdvancing(() -> v.run("hanging", quick()));
            assertNotNull(r.throughput(), "the measurement is kept");
            assertEquals(100, r.throughput().outcomes().committed());
            assertTrue(r.warnings().stream().anyMatch(w -> w.kind() == Warning.Kind.USER_CODE
                    && w.message().contains("teardown of hanging did not return within PT30S")), r.warnings().toString());
            assertTrue(clock.nanoTime() >= 30_000 * MS, "the limit passed on the run's clock");
        }
        assertFalse(suite.teardownThread.isAlive(), "the interrupted teardown thread has ended");
    }

    @Test
    void aHangingSetupFailsTheRunWithAClearError() {
        ManualClock clock = new ManualClock();
        try (Vernier v = Vernier.builder().register(new Hanging(true)).clock(clock).threadFactory(clock.threadFactory())
                .setupTimeLimit(Duration.ofSeconds(5)).teardownTimeLimit(Duration.ofSeconds(1)).build()) {
            VernierException e = assertThrows(VernierException.class,
                    () -> clock.runAdvancing(() -> v.run("hanging", quick())));
            assertTrue(e.getMessage().contains("setup of hanging did not return within PT5S"), e.getMessage());
        }
    }

    @Test
    void aListenerThatHangsNeverStallsTheEngine() {
        ManualClock clock = new ManualClock();
        CountDownLatch never = new CountDownLatch(1);
        List<VernierEvent> seenByTheOther = new CopyOnWriteArrayList<>();
        ScriptedSuite suite = new ScriptedSuite("s", clock, (tx, now) -> new Script.Commit(MS));
        try (Vernier v = Vernier.builder().register(suite).clock(clock).threadFactory(clock.threadFactory())
                .listener(e -> {
                    if (e instanceof IntervalSnapshot) {
                        try {
                            never.await();
                        } catch (InterruptedException ignored) {
                            // a listener that ignores interrupts once
                        }
                    }
                }).listener(seenByTheOther::add).build()) {
            Scenario s = Scenario.builder("listeners").warmup(Duration.ZERO).duration(Duration.ofSeconds(3))
                    .load(LoadModel.constantRate(100)).snapshotInterval(Duration.ofMillis(100))
                    .phases(Phase.THROUGHPUT).build();
            ScenarioResult r = clock.runAdvancing(() -> v.run("s", s));
            assertEquals(300, r.throughput().outcomes().committed(), "the run went on");
            assertTrue(r.warnings().stream().anyMatch(w -> w.kind() == Warning.Kind.USER_CODE
                    && w.message().contains("did not return within PT1S")), r.warnings().toString());
            assertTrue(seenByTheOther.stream().anyMatch(e -> e instanceof PhaseEnded), "the other listener got the end");
            assertTrue(seenByTheOther.stream().filter(e -> e instanceof IntervalSnapshot).count() >= 25,
                    "and the snapshots: " + seenByTheOther.size());
        }
    }

    @Test
    void abortEndsTheRunEarlyAndKeepsWhatWasMeasured() {
        ManualClock clock = new ManualClock();
        ScriptedSuite suite = new ScriptedSuite("s", clock, (tx, now) -> new Script.Commit(MS));
        Vernier[] holder = new Vernier[1];
        boolean[] aborted = new boolean[1];
        Vernier v = Vernier.builder().register(suite).clock(clock).threadFactory(clock.threadFactory())
                .listener(e -> {
                    if (e instanceof IntervalSnapshot snap && snap.elapsedSeconds() >= 2 && !aborted[0]) {
                        aborted[0] = holder[0].abort("p99 above 50 ms for 10 s");
                    }
                }).build();
        holder[0] = v;
        Scenario s = Scenario.builder("abort").warmup(Duration.ZERO).duration(Duration.ofSeconds(10))
                .load(LoadModel.constantRate(1_000)).snapshotInterval(Duration.ofMillis(100))
                .phases(Phase.THROUGHPUT, Phase.LATENCY).build();
        ScenarioResult r = clock.runAdvancing(() -> v.run("s", s));
        assertTrue(aborted[0]);
        assertTrue(r.aborted());
        assertTrue(r.warnings().stream().anyMatch(w -> w.kind() == Warning.Kind.ABORTED
                && w.message().contains("p99 above 50 ms for 10 s") && w.message().contains("[LATENCY]")),
                r.warnings().toString());
        assertNotNull(r.throughput(), "what was measured is kept");
        assertNull(r.latency(), "the phase not started is skipped");
        long committed = r.throughput().outcomes().committed();
        assertTrue(committed >= 1_900 && committed < 3_000, "about two seconds' worth: " + committed);
        assertEquals(r.throughput().scheduled(), r.throughput().outcomes().total());
        assertFalse(v.abort("nothing runs"), "no run in progress");
        v.close();
    }

    @Test
    void aFrozenClockEndsTheRunInsteadOfHangingIt() {
        NanoClock frozen = () -> 42L;
        ScriptedSuite.Script commit = new Script.Commit(0);
        ProtocolSuite suite = new ProtocolSuite() {
            @Override
            public String name() {
                return "frozen";
            }

            @Override
            public CompletionStage<TxOutcome> submit(Transaction transaction) {
                return CompletableFuture.completedFuture(TxOutcome.committed());
            }
        };
        assertNotNull(commit);
        try (Vernier v = Vernier.builder().clock(frozen).build()) {
            ScenarioResult r = v.measure(suite, Scenario.builder("frozen").warmup(Duration.ZERO)
                    .duration(Duration.ofSeconds(1)).load(LoadModel.constantRate(10)).phases(Phase.THROUGHPUT).build());
            assertTrue(r.aborted(), r.warnings().toString());
            assertTrue(r.warnings().stream().anyMatch(w -> w.message().contains("did not move")), r.warnings().toString());
        }
    }
}
