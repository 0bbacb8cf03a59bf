package dev.vernier.core.internal.phase;

import dev.vernier.api.FaultInjector;
import dev.vernier.api.FaultPlan;
import dev.vernier.api.NanoClock;
import dev.vernier.api.Phase;
import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.Scenario;
import dev.vernier.api.StateVerifier;
import dev.vernier.core.internal.engine.LoadOutput;
import dev.vernier.core.internal.engine.LoadPlan;
import dev.vernier.core.result.Warning;
import dev.vernier.core.result.ConsistencyCheck;
import dev.vernier.core.result.FaultEvent;
import dev.vernier.core.result.FaultToleranceResult;
import dev.vernier.core.result.Outcomes;
import dev.vernier.core.result.ThroughputInterval;
import dev.vernier.core.result.ThroughputResult;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The FAULT_TOLERANCE phase: run the scenario's steady load for one duration in short intervals
 * while a fault plan is carried out through {@link FaultInjector}, then measure the dip, the time to
 * recover to 90% of the pre-fault rate, the errors during the fault, and ask the suite's
 * {@link StateVerifier} whether replicas agree. Whatever the plan left crashed or partitioned is
 * restarted and healed afterwards, so later phases find the system whole.
 */
public final class FaultPhase {

    private static final Logger LOG = LoggerFactory.getLogger(FaultPhase.class);
    /** Share of the pre-fault rate that counts as recovered. */
    public static final double RECOVERED = 0.9;
    private static final long MAX_INTERVAL_NANOS = 250_000_000L;

    private FaultPhase() {
    }

    /** @return the result */
    static FaultToleranceResult run(RunContext run) {
        ProtocolSuite suite = run.suite;
        Scenario scenario = run.scenario;
        NanoClock clock = run.clock;
        FaultInjector injector = (FaultInjector) suite;
        LoadPlan plan = LoadPlan.of(Phase.FAULT_TOLERANCE, scenario, ThroughputPhase.steadyLoad(scenario), 0)
                .oneIterationWithIntervals(Math.max(10_000_000L, Math.min(
                        scenario.throughputInterval().toNanos(), MAX_INTERVAL_NANOS)));
        List<FaultEvent> events = Collections.synchronizedList(new ArrayList<>());
        Set<String> crashed = Collections.synchronizedSet(new LinkedHashSet<>());
        Thread[] faults = new Thread[1];
        Runnable startFaults = () -> {
            long start = clock.nanoTime();
            faults[0] = run.threads.newThread(() -> {
                for (FaultPlan.Step step : scenario.faultPlan().steps()) {
                    try {
                        clock.sleepUntil(start + step.at().toNanos());
                    } catch (InterruptedException e) {
                        return;
                    }
                    events.add(carryOut(injector, step, crashed, (clock.nanoTime() - start) / 1e9));
                }
            });
            faults[0].setName("vernier-faults-" + suite.name());
            faults[0].setDaemon(true);
            faults[0].start();
        };
        LoadOutput out;
        try {
            out = run.execute(plan, run.loadContext().onMeasuredStart(() -> {
                run.onMeasuredStart.run();
                startFaults.run();
            }));
        } finally {
            stop(run, faults[0]);
        }
        double end = plan.iterationNanos() / 1e9;
        ConsistencyCheck consistency = null;
        if (suite instanceof StateVerifier verifier) {
            try {
                StateVerifier.Verification v = UserCode.call("verify of " + suite.name(), run.limits.hook(),
                        verifier::verify, clock, run.threads);
                consistency = new ConsistencyCheck(v.consistent(), v.committedPrefix(), v.detail());
            } catch (Exception e) {
                run.warn(Warning.Kind.USER_CODE, Phase.FAULT_TOLERANCE, "verify() failed: " + e.getMessage());
            }
        }
        cleanup(injector, crashed, events, end);
        ThroughputResult t = ThroughputPhase.result(out, scenario);
        return analyse(t, events, consistency);
    }

    /** Stops the fault thread: interrupted, given the hook limit to end on the clock, else reported. */
    private static void stop(RunContext run, Thread faults) {
        if (faults == null) {
            return;
        }
        faults.interrupt();
        long deadline = run.clock.nanoTime() + run.limits.hook().toNanos();
        boolean interrupted = false;
        while (faults.isAlive() && run.clock.nanoTime() - deadline < 0) {
            run.clock.parkUntil(Math.min(deadline, run.clock.nanoTime() + 1_000_000L));
            interrupted |= Thread.interrupted();
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (faults.isAlive()) {
            LOG.warn("a fault action of suite '{}' is still running", run.suite.name());
            run.warn(Warning.Kind.USER_CODE, Phase.FAULT_TOLERANCE, "a fault action did not return within "
                    + run.limits.hook() + "; its thread was left interrupted");
        }
    }

    private static FaultEvent carryOut(FaultInjector injector, FaultPlan.Step step, Set<String> crashed, double at) {
        List<String> nodes = new ArrayList<>();
        try {
            switch (step.action()) {
                case CRASH_LEADER -> {
                    String leader = injector.leader().orElseGet(() -> firstLive(injector, crashed));
                    nodes.add(leader);
                    injector.crash(leader);
                    crashed.add(leader);
                }
                case CRASH_NODE -> {
                    nodes.add(step.node());
                    injector.crash(step.node());
                    crashed.add(step.node());
                }
                case RESTART_CRASHED -> {
                    synchronized (crashed) {
                        for (String n : crashed) {
                            nodes.add(n);
                            injector.restart(n);
                        }
                        crashed.clear();
                    }
                }
                case PARTITION_MINORITY -> {
                    Set<String> group = FaultPlan.minority(injector.nodes(), injector.leader().orElse(null));
                    nodes.addAll(group);
                    injector.partition(group);
                }
                case PARTITION_LEADER -> {
                    String leader = injector.leader().orElseGet(() -> firstLive(injector, crashed));
                    nodes.add(leader);
                    injector.partition(Set.of(leader));
                }
                case HEAL -> injector.heal();
            }
            return new FaultEvent(at, step.action().name(), nodes, null);
        } catch (RuntimeException e) {
            LOG.warn("fault {} failed", step, e);
            return new FaultEvent(at, step.action().name(), nodes, e.toString());
        }
    }

    private static String firstLive(FaultInjector injector, Set<String> crashed) {
        return injector.nodes().stream().filter(n -> !crashed.contains(n)).findFirst()
                .orElseThrow(() -> new IllegalStateException("every node is crashed"));
    }

    private static void cleanup(FaultInjector injector, Set<String> crashed, List<FaultEvent> events, double at) {
        if (!crashed.isEmpty()) {
            List<String> nodes = new ArrayList<>(crashed);
            String error = null;
            try {
                for (String n : nodes) {
                    injector.restart(n);
                }
            } catch (RuntimeException e) {
                error = e.toString();
            }
            events.add(new FaultEvent(at, "RESTART_CRASHED (cleanup)", nodes, error));
        }
        boolean partitioned = events.stream().anyMatch(e -> e.action().startsWith("PARTITION"));
        if (partitioned) {
            String error = null;
            try {
                injector.heal();
            } catch (RuntimeException e) {
                error = e.toString();
            }
            events.add(new FaultEvent(at, "HEAL (cleanup)", List.of(), error));
        }
    }

    /** The dip, recovery and errors, from the interval series and the first fault's time. */
    static FaultToleranceResult analyse(ThroughputResult t, List<FaultEvent> events, ConsistencyCheck consistency) {
        List<ThroughputInterval> intervals = t.intervals();
        double firstFault = events.stream().filter(e -> !e.action().endsWith("(cleanup)"))
                .mapToDouble(FaultEvent::atSeconds).min().orElse(Double.NaN);
        double pre = intervals.stream().filter(i -> i.startSeconds() + i.durationSeconds() <= firstFault)
                .mapToDouble(ThroughputInterval::achievedOpsPerSecond).average().orElse(Double.NaN);
        List<ThroughputInterval> after = intervals.stream()
                .filter(i -> i.startSeconds() + i.durationSeconds() > firstFault).toList();
        double min = after.stream().mapToDouble(ThroughputInterval::achievedOpsPerSecond).min().orElse(Double.NaN);
        double dip = pre > 0 && !Double.isNaN(min) ? Math.max(0, 100 * (1 - min / pre)) : Double.NaN;
        Double recovery = null;
        double recoveredAt = Double.NaN;
        if (pre > 0) {
            boolean dipped = false;
            for (ThroughputInterval i : after) {
                boolean healthy = i.achievedOpsPerSecond() >= RECOVERED * pre;
                if (!healthy) {
                    dipped = true;
                } else if (dipped) {
                    recoveredAt = i.startSeconds();
                    recovery = Math.max(0, recoveredAt - firstFault);
                    break;
                }
            }
            if (!dipped) {
                recovery = 0.0;
                recoveredAt = firstFault;
            }
        }
        Outcomes during = Outcomes.NONE;
        for (ThroughputInterval i : after) {
            if (!Double.isNaN(recoveredAt) && i.startSeconds() >= recoveredAt) {
                break;
            }
            during = during.plus(i.outcomes());
        }
        return new FaultToleranceResult(t.load(), new ArrayList<>(events), intervals, Double.isNaN(pre) ? 0 : pre,
                Double.isNaN(min) ? 0 : min, Double.isNaN(dip) ? 0 : dip, recovery, during, t.outcomes(), consistency,
                t.generator());
    }
}
