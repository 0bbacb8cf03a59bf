package dev.vernier.core.internal.phase;

import dev.vernier.api.LoadModel;
import dev.vernier.api.Phase;
import dev.vernier.api.Scenario;
import dev.vernier.core.internal.engine.LoadOutput;
import dev.vernier.core.internal.engine.LoadPlan;
import dev.vernier.core.internal.engine.Tally;
import dev.vernier.core.result.IterationSummary;
import dev.vernier.core.result.ThroughputInterval;
import dev.vernier.core.result.ThroughputResult;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/**
 * The THROUGHPUT phase: the scenario's load (the step search when it is one) cut into throughput
 * intervals, and the result built from what it recorded. Stateless.
 */
public final class ThroughputPhase {

    /** Success share an interval needs to count towards the optimal throughput. */
    public static final double OPTIMAL_SUCCESS = 0.95;

    private ThroughputPhase() {
    }

    /** @return the result of the phase */
    static ThroughputResult run(RunContext run) {
        LoadOutput out = run.execute(LoadPlan.of(Phase.THROUGHPUT, run.scenario, run.scenario.load(), 0));
        return result(out, run.scenario);
    }

    /** The scenario's load, a step search replaced by a constant rate at its initial rate. */
    static LoadModel steadyLoad(Scenario scenario) {
        LoadModel load = scenario.load();
        if (load instanceof LoadModel.StepSearch s) {
            return LoadModel.constantRate(s.initialOpsPerSecond());
        }
        return load;
    }

    /** Builds the throughput result from a recording. */
    public static ThroughputResult result(LoadOutput out, Scenario scenario) {
        List<ThroughputInterval> intervals = new ArrayList<>();
        for (LoadOutput.Interval i : out.intervals()) {
            double seconds = i.durationNanos() / 1e9;
            LoadOutput.IntervalFigures f = i.figures();
            intervals.add(new ThroughputInterval(i.iteration(), i.startNanos() / 1e9, seconds,
                    Double.isNaN(i.targetRate()) ? null : i.targetRate(),
                    seconds > 0 ? f.outcomes().committed() / seconds : 0, f.outcomes().successRate(), f.outcomes(),
                    f.meanMs(), f.p50Ms(), f.p95Ms(), f.p99Ms()));
        }
        DescriptiveStatistics achieved = new DescriptiveStatistics();
        DescriptiveStatistics success = new DescriptiveStatistics();
        double optimal = 0;
        for (ThroughputInterval i : intervals) {
            achieved.addValue(i.achievedOpsPerSecond());
            if (i.outcomes().total() == 0) {
                continue; // nothing ended: no evidence of success or failure (in-flight work is neither)
            }
            success.addValue(i.successRate());
            if (i.successRate() >= OPTIMAL_SUCCESS) {
                optimal = Math.max(optimal, i.achievedOpsPerSecond());
            }
        }
        double mean = achieved.getN() == 0 ? 0 : achieved.getMean();
        double cv = achieved.getN() < 2 || mean == 0 ? 0 : achieved.getStandardDeviation() / mean;
        Tally total = out.total();
        double[] percentiles = scenario.percentiles();
        return new ThroughputResult(out.plan().load(), intervals, mean, achieved.getN() == 0 ? 0 : achieved.getMax(),
                optimal, sustainable(achieved.getValues()), cv, success.getN() == 0 ? 0 : success.getMean(),
                total.outcomes(), ResultFigures.outcomesByType(total, scenario.mix()), out.causes(),
                iterations(out, percentiles), LoadVerdicts.of(out), out.scheduled(),
                ResultFigures.latency(total.latency(), percentiles, total.lowerBounds()),
                ResultFigures.encode(total.latency()));
    }

    /**
     * Throughput reached or exceeded in at least 80% of intervals. The source documents say this and
     * then compute the opposite end (descending order, index n / 5: the rate only the best 20% of
     * intervals reach); this is the rule as stated.
     */
    static double sustainable(double[] values) {
        if (values.length == 0) {
            return 0;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.floor(sorted.length * 0.2)];
    }

    /** @return per-iteration figures: what ended during each iteration */
    static List<IterationSummary> iterations(LoadOutput out, double[] percentiles) {
        List<IterationSummary> list = new ArrayList<>();
        for (LoadOutput.Iteration it : out.iterations()) {
            double seconds = it.durationNanos() / 1e9;
            list.add(new IterationSummary(it.index(), seconds, seconds > 0 ? it.committedInWindow() / seconds : 0,
                    it.tally().outcomes(), ResultFigures.latency(it.tally().latency(), percentiles,
                    it.tally().lowerBounds())));
        }
        return list;
    }
}
