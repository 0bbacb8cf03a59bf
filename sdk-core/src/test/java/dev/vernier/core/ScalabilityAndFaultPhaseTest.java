package dev.vernier.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.ClusterControl;
import dev.vernier.api.FaultInjector;
import dev.vernier.api.FaultPlan;
import dev.vernier.api.LoadModel;
import dev.vernier.api.NanoClock;
import dev.vernier.api.Phase;
import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.Scenario;
import dev.vernier.api.StateVerifier;
import dev.vernier.api.SuiteContext;
import dev.vernier.api.Transaction;
import dev.vernier.api.TxOutcome;
import dev.vernier.core.report.JsonReport;
import dev.vernier.core.report.MarkdownReport;
import dev.vernier.core.result.FaultEvent;
import dev.vernier.core.result.FaultToleranceResult;
import dev.vernier.core.result.ScalabilityResult;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.testkit.Suites;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

class ScalabilityAndFaultPhaseTest {

    /**
     * A scripted cluster: each submit costs 150 µs per node on the caller's thread (so a bigger
     * cluster is slower, as consensus is); crashing the leader makes submits rejected until a new
     * leader is "elected" 300 ms later; a partition is recorded.
     */
    static final class ScriptedCluster implements ProtocolSuite, ClusterControl, FaultInjector, StateVerifier {
        final List<Integer> resizes = Collections.synchronizedList(new ArrayList<>());
        final List<String> partitions = Collections.synchronizedList(new ArrayList<>());
        volatile int size = 3;
        volatile long costPerNodeNanos = 150_000L;
        volatile int heals;
        volatile long leaderlessUntil = Long.MIN_VALUE;
        volatile String leader = "n0";
        final Set<String> down = Collections.synchronizedSet(new java.util.TreeSet<>());
        NanoClock clock = NanoClock.system();

        @Override
        public String name() {
            return "scripted";
        }

        @Override
        public void setup(SuiteContext context) {
            clock = context.clock();
        }

        @Override
        public CompletionStage<TxOutcome> submit(Transaction tx) {
            if (clock instanceof dev.vernier.testkit.ManualClock manual) {
                // the cost in virtual time, the same on any machine: the answer comes that much later
                TxOutcome outcome = manual.nanoTime() < leaderlessUntil ? TxOutcome.rejected("no leader")
                        : TxOutcome.committed();
                CompletableFuture<TxOutcome> f = new CompletableFuture<>();
                manual.schedule(manual.nanoTime() + costPerNodeNanos * size, () -> f.complete(outcome));
                return f;
            } else {
                long until = System.nanoTime() + costPerNodeNanos * size;
                while (System.nanoTime() < until) {
                    Thread.onSpinWait();
                }
            }
            if (clock.nanoTime() < leaderlessUntil) {
                return CompletableFuture.completedFuture(TxOutcome.rejected("no leader"));
            }
            return CompletableFuture.completedFuture(TxOutcome.committed());
        }

        @Override
        public int clusterSize() {
            return size;
        }

        @Override
        public List<Integer> supportedSizes() {
            return List.of(1, 3, 5);
        }

        @Override
        public void resize(int nodes) {
            resizes.add(nodes);
            size = nodes;
        }

        @Override
        public List<String> nodes() {
            List<String> n = new ArrayList<>();
            for (int i = 0; i < size; i++) {
                n.add("n" + i);
            }
            return n;
        }

        @Override
        public Optional<String> leader() {
            return clock.nanoTime() < leaderlessUntil ? Optional.empty() : Optional.of(leader);
        }

        @Override
        public void crash(String nodeId) {
            down.add(nodeId);
            if (nodeId.equals(leader)) {
                leaderlessUntil = clock.nanoTime() + 300_000_000L;
                leader = nodes().stream().filter(n -> !down.contains(n)).findFirst().orElseThrow();
            }
        }

        @Override
        public void restart(String nodeId) {
            down.remove(nodeId);
        }

        @Override
        public void partition(Set<String> group) {
            partitions.add(String.join(",", new java.util.TreeSet<>(group)));
        }

        @Override
        public void heal() {
            heals++;
        }

        @Override
        public Verification verify() {
            return new Verification(down.isEmpty(), 42, down.isEmpty() ? "all agree" : "down: " + down);
        }
    }

    private static ScenarioResult run(ProtocolSuite suite, Scenario s) {
        try (Vernier v = Vernier.builder().register(suite).build()) {
            return v.run(suite.name(), s);
        }
    }

    /**
     * Runs on virtual time: when a fault fires, which interval a commit falls in and when the phase
     * ends do not depend on how busy the machine is (on the system clock, a stall of the fault
     * thread past the end of an 800 ms phase once skipped a planned crash).
     */
    private static ScenarioResult runVirtual(ProtocolSuite suite, Scenario s) {
        dev.vernier.testkit.ManualClock clock = new dev.vernier.testkit.ManualClock();
        try (Vernier v = Vernier.builder().register(suite).clock(clock).threadFactory(clock.threadFactory()).build()) {
            return clock.runAdvancing(() -> v.run(suite.name(), s));
        }
    }

    @Test
    void scalabilityVisitsEverySizeRestoresTheOriginalAndFitsTheLaw() {
        ScriptedCluster suite = new ScriptedCluster();
        Scenario s = Scenario.builder("scale").warmup(Duration.ofMillis(100)).duration(Duration.ofMillis(600))
                .throughputInterval(Duration.ofMillis(200)).load(LoadModel.closed(1)).phases(Phase.SCALABILITY).build();
        ScalabilityResult r = runVirtual(suite, s).scalability();
        assertEquals(List.of(1, 3, 5, 3), suite.resizes, "every supported size, then back to the original 3");
        assertEquals(3, r.points().size());
        double x1 = r.points().get(0).throughputOpsPerSecond();
        double x3 = r.points().get(1).throughputOpsPerSecond();
        double x5 = r.points().get(2).throughputOpsPerSecond();
        assertTrue(x1 > 1.5 * x3 && x3 > 1.2 * x5, "each node costs 150 µs per submit: " + x1 + ", " + x3 + ", " + x5);
        assertEquals(1.0, r.points().get(0).efficiency(), 1e-9);
        assertTrue(r.points().get(2).efficiency() < 0.5, "far from linear: " + r.points().get(2).efficiency());
        assertNotNull(r.fit(), r.note());
        assertTrue(r.fit().rSquared() > 0.9, "R² " + r.fit().rSquared());
        assertTrue(r.fit().sigma() >= 0 && r.fit().sigma() <= 1 && r.fit().kappa() >= 0, r.fit().toString());
        assertFalse(r.fit().trusted());
        assertTrue(r.note().contains("3 sizes for 3 parameters"), r.note());
        String md = new MarkdownReport().render(run(new ScriptedCluster(),
                s.toBuilder().clusterSizes(1, 5).build()));
        assertTrue(md.contains("### Scalability"), md);
        assertTrue(md.contains("needs at least 3 sizes"), md);
    }

    @Test
    void faultPhaseMeasuresTheDipAndTheRecoveryAndChecksConsistency() {
        ScriptedCluster suite = new ScriptedCluster();
        suite.costPerNodeNanos = 0;
        // an open load: a healthy interval commits what was offered, whatever else the machine does
        Scenario s = Scenario.builder("crash").warmup(Duration.ofMillis(200)).duration(Duration.ofSeconds(3))
                .throughputInterval(Duration.ofMillis(100)).load(LoadModel.constantRate(500)).phases(Phase.FAULT_TOLERANCE)
                .faultPlan(FaultPlan.builder().crashLeaderAt(Duration.ofSeconds(1)).restartCrashedAt(Duration.ofSeconds(2))
                        .build())
                .build();
        ScenarioResult result = runVirtual(suite, s);
        FaultToleranceResult f = result.faultTolerance();
        assertEquals(List.of("CRASH_LEADER", "RESTART_CRASHED"), f.events().stream().map(FaultEvent::action).toList());
        assertEquals(List.of("n0"), f.events().get(0).nodes());
        assertEquals(List.of("n0"), f.events().get(1).nodes(), "the crashed leader is restarted");
        assertEquals(1.0, f.events().get(0).atSeconds(), 0.2);
        assertEquals(500, f.preFaultOpsPerSecond(), 50, "pre-fault " + f.intervals());
        assertTrue(f.dipPercent() > 90, "the leaderless 300 ms drop commits to nothing: dip " + f.dipPercent());
        assertNotNull(f.recoverySeconds());
        // leaderless for 300 ms; intervals are 100 ms long
        assertTrue(f.recoverySeconds() >= 0.2 && f.recoverySeconds() <= 0.6, "recovery " + f.recoverySeconds());
        assertTrue(f.duringFault().rejected() > 0, f.duringFault().toString());
        assertTrue(f.consistency().consistent(), f.consistency().detail());
        assertTrue(suite.down.isEmpty());
        ScenarioResult back = new JsonReport().read(new JsonReport().write(result));
        assertEquals(f.events(), back.faultTolerance().events());
        assertTrue(new MarkdownReport().render(result).contains("### Fault tolerance"));
    }

    @Test
    void whatThePlanLeavesBrokenIsCleanedUpAfterTheVerdict() {
        ScriptedCluster suite = new ScriptedCluster();
        suite.costPerNodeNanos = 0;
        Scenario s = Scenario.builder("partition").warmup(Duration.ZERO).duration(Duration.ofMillis(800))
                .throughputInterval(Duration.ofMillis(100)).load(LoadModel.constantRate(2_000)).phases(Phase.FAULT_TOLERANCE)
                .faultPlan(FaultPlan.builder().partitionMinorityAt(Duration.ofMillis(200))
                        .crashNodeAt(Duration.ofMillis(300), "n2").build())
                .build();
        FaultToleranceResult f = runVirtual(suite, s).faultTolerance();
        assertEquals(List.of("n1"), suite.partitions.stream().map(List::of).findFirst().orElseThrow(),
                "a minority of 3 is one node, never the leader n0");
        assertEquals(List.of("PARTITION_MINORITY", "CRASH_NODE", "RESTART_CRASHED (cleanup)", "HEAL (cleanup)"),
                f.events().stream().map(FaultEvent::action).toList());
        assertTrue(!f.consistency().consistent(), "verified before cleanup: n2 was still down");
        assertEquals(1, suite.heals);
        assertTrue(suite.down.isEmpty());
        assertTrue(f.dipPercent() < 30, "a follower crash does not stop commits: dip " + f.dipPercent());
    }

    @Test
    void phasesNeedTheirCapabilityAndPlansMustFitTheDuration() {
        try (Vernier v = Vernier.builder().register(Suites.instant()).build()) {
            VernierException e = assertThrows(VernierException.class, () -> v.run("instant",
                    Scenario.builder("x").phases(Phase.FAULT_TOLERANCE).build()));
            assertTrue(e.getMessage().contains("needs a suite that implements FaultInjector"), e.getMessage());
            VernierException c = assertThrows(VernierException.class, () -> v.run("instant",
                    Scenario.builder("x").phases(Phase.SCALABILITY).build()));
            assertTrue(c.getMessage().contains("ClusterControl"), c.getMessage());
        }
        IllegalStateException late = assertThrows(IllegalStateException.class, () -> Scenario.builder("x")
                .duration(Duration.ofSeconds(2)).throughputInterval(Duration.ofSeconds(1)).phases(Phase.FAULT_TOLERANCE)
                .faultPlan(FaultPlan.builder().crashLeaderAt(Duration.ofSeconds(3)).build()).build());
        assertTrue(late.getMessage().contains("last is at PT3S"), late.getMessage());
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.builder().build());
        assertThrows(IllegalArgumentException.class, () -> FaultPlan.builder().crashNodeAt(Duration.ZERO, " "));
        assertNull(null == Scenario.builder("d").build().faultPlan() ? "missing default plan" : null);
        assertEquals(Duration.ofSeconds(20).dividedBy(3),
                Scenario.builder("d").duration(Duration.ofSeconds(20)).build().faultPlan().steps().get(0).at());
    }
}
