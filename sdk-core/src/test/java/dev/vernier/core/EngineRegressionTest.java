package dev.vernier.core;

import dev.vernier.core.event.IntervalSnapshot;
import dev.vernier.core.event.VernierEvent;
import dev.vernier.core.event.RunListener;
import dev.vernier.core.event.RunWarning;
import dev.vernier.core.result.Warning;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.LoadModel;
import dev.vernier.api.NanoClock;
import dev.vernier.api.Phase;
import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.Scenario;
import dev.vernier.api.Transaction;
import dev.vernier.api.TxOutcome;
import dev.vernier.core.internal.engine.LoadContext;
import dev.vernier.core.internal.engine.LoadPlan;
import dev.vernier.core.internal.engine.LoadRunner;
import dev.vernier.core.internal.engine.OutcomeKind;
import dev.vernier.core.internal.engine.ShardedRecorder;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.result.ThroughputInterval;
import dev.vernier.core.result.ThroughputResult;
import dev.vernier.testkit.Suites;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Defects found in review, each pinned by the scenario that showed it. */
class EngineRegressionTest {

    private static ProtocolSuite suite(String name, Function<Transaction, CompletionStage<TxOutcome>> f) {
        return new ProtocolSuite() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CompletionStage<TxOutcome> submit(Transaction t) {
                return f.apply(t);
            }
        };
    }

    private static Scenario.Builder quick(String name) {
        return Scenario.builder(name).warmup(Duration.ZERO).duration(Duration.ofSeconds(1))
                .throughputInterval(Duration.ofMillis(250)).timeout(Duration.ofMillis(500))
                .load(LoadModel.constantRate(1_000));
    }

    @Test
    void minimalCompletionStagesAreMeasuredNotFatalToTheSender() {
        ProtocolSuite s = suite("minimal", tx -> CompletableFuture.completedStage(TxOutcome.committed()));
        for (LoadModel load : List.of(LoadModel.constantRate(1_000), LoadModel.closed(2))) {
            try (Vernier v = Vernier.builder().register(s).build()) {
                ThroughputResult t = v.run("minimal", quick("minimal").load(load).phases(Phase.THROUGHPUT).build())
                        .throughput();
                assertTrue(t.outcomes().committed() >= 900, load + ": " + t.outcomes());
                assertEquals(0, t.outcomes().timedOut(), load + ": " + t.outcomes());
            }
        }
    }

    @Test
    void stepSearchIgnoresIntervalsWithNothingOffered() {
        try (Vernier v = Vernier.builder().register(Suites.instant()).build()) {
            ThroughputResult t = v.run("instant", quick("steps-low").duration(Duration.ofSeconds(2))
                    .throughputInterval(Duration.ofMillis(100)).load(LoadModel.stepSearch(4, 4))
                    .phases(Phase.THROUGHPUT).build()).throughput();
            double max = t.intervals().stream().mapToDouble(ThroughputInterval::targetOpsPerSecond).max().orElse(0);
            assertTrue(max > 20, "a system that never fails keeps climbing: max target " + max);
        }
    }

    @Test
    void interruptDuringTheDrainCancelsAtOnce() {
        // the final snapshot goes out right before the drain: interrupt the caller from there
        Thread caller = Thread.currentThread();
        RunListener interruptAtEnd = e -> {
            if (e instanceof IntervalSnapshot s && !s.warmup() && s.elapsedSeconds() >= 0.29) {
                caller.interrupt();
            }
        };
        Scenario sc = quick("drain").timeout(Duration.ofSeconds(3)).duration(Duration.ofMillis(300))
                .throughputInterval(Duration.ofMillis(100)).phases(Phase.THROUGHPUT).build();
        long t0 = System.nanoTime();
        try (Vernier v = Vernier.builder().register(Suites.hanging()).listener(interruptAtEnd).build()) {
            assertThrows(CancellationException.class, () -> v.run("hanging", sc));
        } finally {
            assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertTrue(seconds < 1.5, "cancelled instead of draining the 3 s timeout: " + seconds + " s");
    }

    @Test
    void aSubmitThatNeverReturnsIsReportedAsAStuckThread() {
        CountDownLatch release = new CountDownLatch(1);
        ProtocolSuite s = suite("stuck", tx -> {
            if (tx.id() == 10) {
                while (true) {
                    try {
                        release.await();
                        break;
                    } catch (InterruptedException ignored) {
                        // a system that ignores interrupts
                    }
                }
            }
            return CompletableFuture.completedFuture(TxOutcome.committed());
        });
        List<VernierEvent> events = new ArrayList<>();
        RunListener l = events::add;
        try (Vernier v = Vernier.builder().register(s).listener(l).build()) {
            ScenarioResult r = v.run("stuck", quick("stuck").phases(Phase.THROUGHPUT).build());
            assertTrue(events.stream().anyMatch(e -> e instanceof RunWarning w
                    && w.warning().kind() == Warning.Kind.STUCK_THREAD), events.toString());
            assertTrue(r.warnings().stream().anyMatch(w -> w.message().contains("did not return from submit()")),
                    r.warnings().toString());
            assertEquals(1, r.throughput().outcomes().timedOut(), "the stuck transaction timed out, once");
        } finally {
            release.countDown();
        }
    }

    @Test
    void rampIntervalsReportTheRampedTarget() {
        try (Vernier v = Vernier.builder().register(Suites.instant()).build()) {
            ThroughputResult t = v.run("instant", quick("ramp").duration(Duration.ofSeconds(2))
                    .load(LoadModel.linearRamp(100, 2_000)).phases(Phase.THROUGHPUT).build()).throughput();
            ThroughputInterval first = t.intervals().get(0);
            ThroughputInterval last = t.intervals().get(t.intervals().size() - 1);
            assertTrue(first.targetOpsPerSecond() < 600, "first target " + first.targetOpsPerSecond());
            assertTrue(last.targetOpsPerSecond() > 1_500, "last target " + last.targetOpsPerSecond());
        }
    }

    @Test
    void shardsStayBoundedWhenEveryCompletionComesFromANewThread() {
        Scenario sc = Scenario.builder("threads").warmup(Duration.ZERO).duration(Duration.ofSeconds(1))
                .timeout(Duration.ofSeconds(5)).load(LoadModel.constantRate(500)).phases(Phase.LATENCY).build();
        ProtocolSuite s = suite("thread-per-completion", tx -> {
            CompletableFuture<TxOutcome> f = new CompletableFuture<>();
            new Thread(() -> f.complete(TxOutcome.committed())).start();
            return f;
        });
        LoadRunner run = new LoadRunner(LoadPlan.of(Phase.LATENCY, sc, sc.load(), 0),
                LoadContext.of(s, NanoClock.system(), Thread::new));
        var out = run.execute();
        long committed = out.total().count(OutcomeKind.COMMITTED);
        assertTrue(committed >= 450, "every completion recorded: " + out.total().outcomes() + " of " + out.scheduled()
                + ", late " + out.lateCompletions());
        assertTrue(run.recorder().shardCount() <= ShardedRecorder.MAX_SHARDS + 1, "shards " + run.recorder().shardCount());
    }
}
