package dev.vernier.core.internal;

import dev.vernier.api.LoadModel;
import dev.vernier.api.NanoClock;
import dev.vernier.api.Phase;
import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.Scenario;
import dev.vernier.core.event.IntervalSnapshot;
import dev.vernier.core.result.GeneratorHealth;
import dev.vernier.core.result.IterationSummary;
import dev.vernier.core.result.LatencyResult;
import dev.vernier.core.result.LatencySummary;
import dev.vernier.core.result.StageSummary;
import dev.vernier.core.result.ThroughputInterval;
import dev.vernier.core.result.ThroughputResult;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import org.HdrHistogram.AbstractHistogram;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;

/** Runs the throughput and latency phases and turns their recordings into results. Stateless. */
public final class Phases {

    /** Success share an interval needs to count towards the optimal throughput. */
    public static final double OPTIMAL_SUCCESS = 0.95;

    private Phases() {
    }

    /**
     * Runs the throughput phase: the scenario's load (the step search when it is one).
     *
     * @return the result
     */
    public static ThroughputResult throughput(ProtocolSuite suite, Scenario scenario, NanoClock clock,
                                              Consumer<IntervalSnapshot> snapshots, Hooks hooks) {
        LoadOutput out = execute(new LoadRun(suite, LoadPlan.of(Phase.THROUGHPUT, scenario, scenario.load(), 0), clock,
                snapshots), hooks);
        return throughputResult(out, scenario);
    }

    /**
     * Runs the latency phase: the scenario's load (a step search runs at its initial rate), for a
     * sample count or the duration.
     *
     * @return the result
     */
    public static LatencyResult latency(ProtocolSuite suite, Scenario scenario, NanoClock clock,
                                        Consumer<IntervalSnapshot> snapshots, Hooks hooks) {
        LoadOutput out = execute(new LoadRun(suite, LoadPlan.of(Phase.LATENCY, scenario, steadyLoad(scenario),
                scenario.latencySamples()), clock, snapshots), hooks);
        return latencyResult(out, scenario);
    }

    /**
     * Runs the scenario's load only to carry the RESOURCES phase when no other load phase runs.
     *
     * @return the recording (its figures are not reported as a phase)
     */
    public static LoadOutput load(ProtocolSuite suite, Scenario scenario, NanoClock clock,
                                  Consumer<IntervalSnapshot> snapshots, Hooks hooks) {
        return execute(new LoadRun(suite, LoadPlan.of(Phase.RESOURCES, scenario, steadyLoad(scenario), 0), clock,
                snapshots), hooks);
    }

    /** The scenario's load, a step search replaced by a constant rate at its initial rate. */
    static LoadModel steadyLoad(Scenario scenario) {
        LoadModel load = scenario.load();
        if (load instanceof LoadModel.StepSearch s) {
            return LoadModel.constantRate(s.initialOpsPerSecond());
        }
        return load;
    }

    /**
     * What a phase run is told to do besides its load: start hooks and resource figures before, and
     * a look at what it recorded after (stuck threads, clamped values).
     */
    @FunctionalInterface
    public interface Hooks {
        /** No hooks. */
        Hooks NONE = run -> run;

        /** @return the run, configured */
        LoadRun apply(LoadRun run);

        /** @param out what a run of this phase recorded */
        default void finished(LoadOutput out) {
        }
    }

    /** Configures the run with the hooks, runs it, shows the hooks what it recorded. */
    static LoadOutput execute(LoadRun run, Hooks hooks) {
        LoadOutput out = hooks.apply(run).execute();
        hooks.finished(out);
        return out;
    }

    /** Builds the throughput result from a recording. */
    public static ThroughputResult throughputResult(LoadOutput out, Scenario scenario) {
        List<ThroughputInterval> intervals = new ArrayList<>();
        for (LoadOutput.Interval i : out.intervals()) {
            double seconds = i.durationNanos() / 1e9;
            Summaries.IntervalStats s = i.stats();
            intervals.add(new ThroughputInterval(i.iteration(), i.startNanos() / 1e9, seconds,
                    Double.isNaN(i.targetRate()) ? null : i.targetRate(),
                    seconds > 0 ? s.outcomes().committed() / seconds : 0,
                    s.offered() == 0 ? 0 : Math.min(1.0, (double) s.outcomes().committed() / s.offered()), s.outcomes(),
                    s.meanMs(), s.p50Ms(), s.p95Ms(), s.p99Ms()));
        }
        DescriptiveStatistics achieved = new DescriptiveStatistics();
        DescriptiveStatistics success = new DescriptiveStatistics();
        double optimal = 0;
        for (ThroughputInterval i : intervals) {
            achieved.addValue(i.achievedOpsPerSecond());
            success.addValue(i.successRate());
            if (i.successRate() >= OPTIMAL_SUCCESS) {
                optimal = Math.max(optimal, i.achievedOpsPerSecond());
            }
        }
        double mean = achieved.getN() == 0 ? 0 : achieved.getMean();
        double cv = achieved.getN() < 2 || mean == 0 ? 0 : achieved.getStandardDeviation() / mean;
        return new ThroughputResult(out.plan().load(), intervals, mean,
                achieved.getN() == 0 ? 0 : achieved.getMax(), optimal, sustainable(achieved.getValues()), cv,
                success.getN() == 0 ? 0 : success.getMean(), Summaries.outcomes(out.total()),
                Summaries.outcomesByType(out.total(), scenario.mix()), out.causes(),
                iterations(out, scenario.percentiles()), health(out));
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

    /** Builds the latency result from a recording. */
    public static LatencyResult latencyResult(LoadOutput out, Scenario scenario) {
        double[] percentiles = scenario.percentiles();
        Bucket total = out.total();
        AbstractHistogram overall = total.latency();
        LatencySummary summary = Summaries.latency(overall, percentiles);
        List<StageSummary> stages = new ArrayList<>();
        for (int i = 0; i < Bucket.STAGES.length; i++) {
            LatencySummary s = Summaries.latency(total.stage(i), percentiles);
            double share = s.count() == 0 || !(summary.meanMs() > 0) ? 0 : 100 * s.meanMs() / summary.meanMs();
            stages.add(new StageSummary(Bucket.STAGES[i], s, share));
        }
        return new LatencyResult(out.plan().load(), summary,
                Summaries.latencyByType(total, scenario.mix(), percentiles), stages, Summaries.histogram(overall),
                Summaries.outliers(overall), Summaries.outcomes(total),
                Summaries.outcomesByType(total, scenario.mix()), out.causes(), iterations(out, percentiles),
                health(out), encode(overall));
    }

    private static List<IterationSummary> iterations(LoadOutput out, double[] percentiles) {
        List<IterationSummary> list = new ArrayList<>();
        for (LoadOutput.Iteration it : out.iterations()) {
            double seconds = it.durationNanos() / 1e9;
            list.add(new IterationSummary(it.index(), seconds, seconds > 0 ? it.committedInWindow() / seconds : 0,
                    Summaries.outcomes(it.bucket()), Summaries.latency(it.bucket().latency(), percentiles)));
        }
        return list;
    }

    /** Whether the generator held its schedule, with the figures. */
    public static GeneratorHealth health(LoadOutput out) {
        LoadPlan plan = out.plan();
        if (!plan.load().isOpen()) {
            return GeneratorHealth.closedModel();
        }
        Bucket total = out.total();
        AbstractHistogram lag = total.lag();
        long intended = lag.getTotalCount();
        long late = total.lateSends();
        long refused = total.count(dev.vernier.core.internal.OutcomeKind.REFUSED);
        double p50 = lag.getTotalCount() == 0 ? 0 : lag.getValueAtPercentile(50) / 1e3;
        double p99 = lag.getTotalCount() == 0 ? 0 : lag.getValueAtPercentile(99) / 1e3;
        double max = lag.getTotalCount() == 0 ? 0 : lag.getMaxValue() / 1e3;
        return verdict(intended, late, refused, p50, p99, max, plan.lagThresholdNanos() / 1e3, plan.maxLateShare());
    }

    /**
     * The saturation rule: generator-limited when lag p99 exceeds the threshold or more than
     * {@code maxShare} of intended sends were late or refused.
     */
    public static GeneratorHealth verdict(long intended, long late, long refused, double p50Micros, double p99Micros,
                                          double maxMicros, double thresholdMicros, double maxShare) {
        double share = intended == 0 ? 0 : (double) (late + refused) / intended;
        boolean lagging = p99Micros > thresholdMicros;
        boolean missing = share > maxShare;
        String text;
        double refusedShare = intended == 0 ? 0 : (double) refused / intended;
        if (lagging || refusedShare > maxShare) {
            text = String.format(Locale.ROOT,
                    "generator-limited: lag p99 %.0f µs (threshold %.0f µs), %d of %d sends late or refused"
                            + " (%.3f%%, limit %.3f%%); the rate shown is the generator's, not the system's",
                    p99Micros, thresholdMicros, late + refused, intended, 100 * share, 100 * maxShare);
        } else if (missing) {
            text = String.format(Locale.ROOT,
                    "generator-limited: %d of %d sends (%.3f%%, limit %.3f%%) started more than %.0f µs late"
                            + " (lag p99 %.0f µs, max %.0f µs): latency still counts from the intended start, but the"
                            + " load offered was burstier than asked (a busy or paused machine)",
                    late + refused, intended, 100 * share, 100 * maxShare, thresholdMicros, p99Micros, maxMicros);
        } else {
            text = String.format(Locale.ROOT, "schedule held: lag p99 %.0f µs, %d of %d sends late or refused",
                    p99Micros, late + refused, intended);
        }
        return new GeneratorHealth(intended, late, refused, p50Micros, p99Micros, maxMicros, lagging || missing, text);
    }

    private static String encode(AbstractHistogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }
}
