package dev.vernier.core.report;

import static dev.vernier.core.report.Reports.f;

import dev.vernier.api.LoadModel;
import dev.vernier.core.result.LatencySummary;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.result.ThroughputResult;
import dev.vernier.core.stats.Comparison;
import dev.vernier.core.stats.FigureChange;
import dev.vernier.core.stats.ResultStatistics;
import dev.vernier.core.stats.StatisticsConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A before/after pair against the gain targets (source documents: 3x throughput, 35% lower
 * latency). Throughput is the capacity figure of each throughput phase (the optimal rate of a step
 * search, else the average); latency percentiles are those of each latency phase's merged histogram,
 * at the same offered load. When both sides have at least two iterations, each figure also carries
 * the significance test of {@link ResultStatistics#compare}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param before label of the before side
 * @param after label of the after side
 * @param throughputFigure which throughput figure was compared ({@code "optimal"} or {@code "average"}),
 *     or null when the pair has no throughput phases
 * @param throughputBeforeOpsPerSecond before, ops/s (NaN when not measured)
 * @param throughputAfterOpsPerSecond after, ops/s (NaN when not measured)
 * @param throughputTarget the target ratio (3 = 3x)
 * @param latency p50, p95 and p99 before and after (empty when the pair has no latency phases)
 * @param latencyReductionTargetPercent the target reduction, percent
 * @param statistics one line per figure compared with its interval, p-value and verdict (may be empty)
 */
public record Gain(String before, String after, String throughputFigure, double throughputBeforeOpsPerSecond,
                   double throughputAfterOpsPerSecond, double throughputTarget, List<LatencyChange> latency,
                   double latencyReductionTargetPercent, List<String> statistics) {

    /** Copies the lists. */
    public Gain {
        latency = List.copyOf(latency);
        statistics = List.copyOf(statistics);
    }

    /**
     * One percentile before and after. Immutable.
     *
     * @param percentile e.g. 99
     * @param beforeMs before, ms
     * @param afterMs after, ms
     */
    public record LatencyChange(double percentile, double beforeMs, double afterMs) {
        /** @return how much lower after is than before, percent of before (negative: slower) */
        public double reductionPercent() {
            return 100 * (beforeMs - afterMs) / beforeMs;
        }
    }

    /** @return after / before throughput (NaN when not measured) */
    public double throughputRatio() {
        return throughputBeforeOpsPerSecond > 0 ? throughputAfterOpsPerSecond / throughputBeforeOpsPerSecond : Double.NaN;
    }

    /** @return true when the throughput ratio reaches the target; false when it does not or was not measured */
    public boolean throughputMet() {
        return throughputRatio() >= throughputTarget;
    }

    /** @return the p50 change (the headline latency reduction), if measured */
    public Optional<LatencyChange> headlineLatency() {
        return latency.stream().filter(c -> c.percentile() == 50).findFirst();
    }

    /** @return true when every measured percentile's reduction reaches the target (false when none was measured) */
    public boolean latencyMet() {
        return !latency.isEmpty() && latency.stream().allMatch(c -> c.reductionPercent() >= latencyReductionTargetPercent);
    }

    /**
     * A pair whose results both hold the phases to compare.
     *
     * @param before the result before the change
     * @param after the result after it
     * @param targets the gain targets
     * @return the gain
     */
    public static Gain of(ScenarioResult before, ScenarioResult after, Targets targets) {
        return of(before, after, before, after, targets);
    }

    /**
     * A pair measured with separate scenarios for capacity and for latency (as the main example does).
     *
     * @param capacityBefore a result with a throughput phase, or null
     * @param capacityAfter a result with a throughput phase, or null
     * @param latencyBefore a result with a latency phase, or null
     * @param latencyAfter a result with a latency phase, or null
     * @param targets the gain targets
     * @return the gain
     */
    public static Gain of(ScenarioResult capacityBefore, ScenarioResult capacityAfter, ScenarioResult latencyBefore,
                          ScenarioResult latencyAfter, Targets targets) {
        Objects.requireNonNull(targets, "targets");
        String figure = null;
        double tb = Double.NaN;
        double ta = Double.NaN;
        List<String> stats = new ArrayList<>();
        ScenarioResult label = capacityBefore != null ? capacityBefore : latencyBefore;
        ScenarioResult labelAfter = capacityAfter != null ? capacityAfter : latencyAfter;
        if (label == null || labelAfter == null) {
            throw new IllegalArgumentException("a before/after pair needs a result on each side, but before was "
                    + label + " and after was " + labelAfter);
        }
        if (capacityBefore != null && capacityAfter != null && capacityBefore.throughput() != null
                && capacityAfter.throughput() != null) {
            ThroughputResult b = capacityBefore.throughput();
            ThroughputResult a = capacityAfter.throughput();
            boolean step = b.load() instanceof LoadModel.StepSearch;
            figure = step ? "optimal" : "average";
            tb = step ? b.optimalOpsPerSecond() : b.averageOpsPerSecond();
            ta = step ? a.optimalOpsPerSecond() : a.averageOpsPerSecond();
            if (b.iterations().size() >= 2 && a.iterations().size() >= 2) {
                significance(capacityBefore, capacityAfter, "throughput", stats);
            }
        }
        List<LatencyChange> changes = new ArrayList<>();
        if (latencyBefore != null && latencyAfter != null && latencyBefore.latency() != null
                && latencyAfter.latency() != null && latencyBefore.latency().overall().count() > 0
                && latencyAfter.latency().overall().count() > 0) {
            LatencySummary b = latencyBefore.latency().overall();
            LatencySummary a = latencyAfter.latency().overall();
            for (double p : new double[] {50, 95, 99}) {
                if (!Double.isNaN(b.percentile(p)) && !Double.isNaN(a.percentile(p))) {
                    changes.add(new LatencyChange(p, b.percentile(p), a.percentile(p)));
                }
            }
            if (latencyBefore.latency().iterations().size() >= 2 && latencyAfter.latency().iterations().size() >= 2) {
                significance(latencyBefore, latencyAfter, "latency.p99", stats);
            }
        }
        return new Gain(label(label), label(labelAfter), figure, tb, ta, targets.throughputGain(), changes,
                targets.latencyReductionPercent(), stats);
    }

    private static String label(ScenarioResult r) {
        return r.suite() + " / " + r.scenarioName() + " started " + java.time.Instant.ofEpochMilli(r.startedAtEpochMillis());
    }

    private static void significance(ScenarioResult before, ScenarioResult after, String figure, List<String> out) {
        try {
            Comparison c = ResultStatistics.compare(before, after, StatisticsConfig.defaults());
            c.change(figure).map(FigureChange::describe).ifPresent(out::add);
        } catch (IllegalArgumentException e) {
            out.add(f("%s: not compared (%s)", figure, e.getMessage()));
        }
    }
}
