package dev.vernier.core.internal.engine;

import dev.vernier.api.LoadModel;
import dev.vernier.api.Phase;
import dev.vernier.api.Scenario;
import dev.vernier.api.TransactionMix;

/**
 * Everything one continuous load run needs, in nanoseconds. Immutable.
 *
 * @param phase the phase this load serves
 * @param scenario the scenario's name
 * @param nodes cluster size the load runs at (SCALABILITY), or 0
 * @param load load model
 * @param mix transaction mix
 * @param seed random seed
 * @param warmupNanos discarded warm-up
 * @param iterations measured iterations
 * @param iterationNanos length of one iteration
 * @param timeoutNanos per-transaction timeout
 * @param maxInFlight in-flight cap (open model)
 * @param snapshotNanos snapshot interval
 * @param intervalNanos throughput interval (and step length)
 * @param latencySamples samples per iteration, or 0 for time-bounded iterations
 * @param lagThresholdNanos lag above which a send is late
 * @param maxLateShare late, refused or not-sent share above which the load is limited
 */
public record LoadPlan(Phase phase, String scenario, int nodes, LoadModel load, TransactionMix mix, long seed,
                       long warmupNanos, int iterations, long iterationNanos, long timeoutNanos, int maxInFlight,
                       long snapshotNanos, long intervalNanos, long latencySamples, long lagThresholdNanos,
                       double maxLateShare) {

    /**
     * @param phase the phase
     * @param scenario the scenario
     * @param load the load model to run (may differ from the scenario's)
     * @param latencySamples samples per iteration or 0
     * @return the plan
     */
    public static LoadPlan of(Phase phase, Scenario scenario, LoadModel load, long latencySamples) {
        return new LoadPlan(phase, scenario.name(), 0, load, scenario.mix(), scenario.seed(), scenario.warmup().toNanos(),
                scenario.iterations(), scenario.duration().toNanos(), scenario.timeout().toNanos(),
                scenario.maxInFlight(), scenario.snapshotInterval().toNanos(),
                scenario.throughputInterval().toNanos(), latencySamples, scenario.lagThreshold().toNanos(),
                scenario.maxLateShare());
    }

    /** @return this plan at cluster size {@code n} */
    public LoadPlan atNodes(int n) {
        return new LoadPlan(phase, scenario, n, load, mix, seed, warmupNanos, iterations, iterationNanos, timeoutNanos,
                maxInFlight, snapshotNanos, intervalNanos, latencySamples, lagThresholdNanos, maxLateShare);
    }

    /** @return this plan with one iteration and throughput intervals of {@code nanos} */
    public LoadPlan oneIterationWithIntervals(long nanos) {
        return new LoadPlan(phase, scenario, nodes, load, mix, seed, warmupNanos, 1, iterationNanos, timeoutNanos,
                maxInFlight, snapshotNanos, nanos, latencySamples, lagThresholdNanos, maxLateShare);
    }

    /** @return the histogram range: twice the timeout plus a second, in ns (the timeout is at most an hour) */
    public long highestTrackableNanos() {
        return 2 * timeoutNanos + 1_000_000_000L;
    }

    /** @return when the measured window ends, as an offset from the load's start, ns */
    public long plannedEndOffsetNanos() {
        return warmupNanos + iterations * iterationNanos;
    }
}
