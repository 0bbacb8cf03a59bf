package dev.vernier.core.report;

import static dev.vernier.core.report.Reports.f;
import static dev.vernier.core.report.Reports.number;

import dev.vernier.api.LoadModel;
import dev.vernier.core.resources.Bottleneck;
import dev.vernier.core.resources.MetricStats;
import dev.vernier.core.resources.ResourceMetrics;
import dev.vernier.core.resources.ResourceResult;
import dev.vernier.core.resources.Severity;
import dev.vernier.core.result.FaultToleranceResult;
import dev.vernier.core.result.GeneratorHealth;
import dev.vernier.core.result.LatencyResult;
import dev.vernier.core.result.LatencySummary;
import dev.vernier.core.result.Outcomes;
import dev.vernier.core.result.ScalabilityResult;
import dev.vernier.core.result.ScalePoint;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.result.StageSummary;
import dev.vernier.core.result.ThroughputResult;
import dev.vernier.core.result.Warning;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a result says against its {@link Targets}: each target met or missed with the figure and
 * where it came from, the success rate, an overall grade, the bottlenecks found (resource rules, the
 * engine's verdicts, the shape of throughput and latency, scalability and faults) and what to do
 * about them, including what a tuning session showed. The grade rule is written in
 * {@link Grade#of(int, int, boolean)} and in {@code docs/reports.md}.
 *
 * <p>Immutable and thread-safe; {@link #of} is a pure function of its arguments.
 *
 * @param subject {@code suite / scenario}
 * @param checks one per target, in a fixed order (p50, p95, p99, error rate, CPU, memory, throughput floor)
 * @param committed transactions committed in the throughput and latency phases
 * @param transactions all their outcomes (committed, rejected, failed, timed out, submit errors, refused)
 * @param grade the overall grade
 * @param gradeReason the grade's arithmetic, e.g. "5 of 6 measured targets met (83%)"
 * @param bottlenecks what limits the system, highest severity first
 * @param recommendations what to do, in the order of the bottlenecks, then from the tuning history
 */
public record Findings(String subject, List<TargetCheck> checks, long committed, long transactions, Grade grade,
                       String gradeReason, List<BottleneckFinding> bottlenecks, List<Recommendation> recommendations) {

    /** Share of GC time in wall time above which GC is reported as a bottleneck. */
    public static final double GC_SHARE_LIMIT = 0.05;
    /** A stage whose share of the mean latency exceeds this percentage is named as dominant. */
    public static final double DOMINANT_STAGE_PERCENT = 50;

    /** Copies the lists. */
    public Findings {
        checks = List.copyOf(checks);
        bottlenecks = List.copyOf(bottlenecks);
        recommendations = List.copyOf(recommendations);
    }

    /** @return committed share of all outcomes of the throughput and latency phases, [0, 1]; NaN when none */
    public double successRate() {
        return transactions == 0 ? Double.NaN : (double) committed / transactions;
    }

    /** @return the number of targets met */
    public int met() {
        return (int) checks.stream().filter(c -> c.status() == Status.MET).count();
    }

    /** @return the number of targets with a measured figure */
    public int measured() {
        return (int) checks.stream().filter(c -> c.status() != Status.NOT_MEASURED).count();
    }

    /** Whether a target was met. */
    public enum Status {
        /** The figure is within the limit. */
        MET,
        /** The figure is beyond the limit. */
        MISSED,
        /** The run did not measure the figure (the phase did not run, or the platform cannot tell). */
        NOT_MEASURED
    }

    /**
     * One target against its figure. Immutable.
     *
     * @param target what is checked, e.g. {@code "p99 latency"}
     * @param observed the figure, in {@code unit} (NaN when not measured)
     * @param limit the target, in {@code unit}
     * @param unit e.g. {@code "ms"}, {@code "%"}, {@code "MiB"}, {@code "ops/s"}
     * @param atMost true when the figure must be at most the limit, false when at least
     * @param status met, missed or not measured
     * @param source where the figure comes from, or why it is missing
     */
    public record TargetCheck(String target, double observed, double limit, String unit, boolean atMost,
                              Status status, String source) {

        /** @return e.g. {@code "<= 500 ms"} */
        public String limitText() {
            return (atMost ? "<= " : ">= ") + number(limit) + " " + unit;
        }

        /** @return the figure with its unit, or "not measured" */
        public String observedText() {
            if (status == Status.NOT_MEASURED) {
                return "not measured";
            }
            return (unit.equals("ms") ? f("%.3f", observed) : unit.equals("%") ? f("%.2f", observed)
                    : unit.equals("ops/s") || unit.equals("MiB") ? f("%.1f", observed) : number(observed)) + " " + unit;
        }
    }

    /** The overall grade. */
    public enum Grade {
        /** Every measured target met. */
        A,
        /** At least 80% of the measured targets met. */
        B,
        /** At least 60% met. */
        C,
        /** At least 40% met. */
        D,
        /** Under 40% met, or a hard failure (replicas disagreed, or nothing committed). */
        F,
        /** No target could be measured. */
        NONE;

        /**
         * The grade rule: the share of measured targets that were met gives A (all), B (at least
         * 80%), C (at least 60%), D (at least 40%) or F (less); a hard failure is F whatever the
         * share; with no measured target there is no grade. Targets the run did not measure count
         * neither way.
         *
         * @param met targets met
         * @param measured targets measured, at least {@code met}
         * @param hardFailure replicas disagreed after faults, or nothing committed
         * @return the grade
         * @throws IllegalArgumentException when met is negative or above measured
         */
        public static Grade of(int met, int measured, boolean hardFailure) {
            if (met < 0 || met > measured) {
                throw new IllegalArgumentException("met must be in [0, measured=" + measured + "], but was " + met);
            }
            if (hardFailure) {
                return F;
            }
            if (measured == 0) {
                return NONE;
            }
            if (met == measured) {
                return A;
            }
            double share = (double) met / measured;
            return share >= 0.8 ? B : share >= 0.6 ? C : share >= 0.4 ? D : F;
        }

        /** @return the letter, or "n/a" */
        public String label() {
            return this == NONE ? "n/a" : name();
        }
    }

    /**
     * Something that limits the system or the measurement. Immutable.
     *
     * @param source the rule's family: {@code resources}, {@code engine}, {@code throughput},
     *     {@code latency}, {@code scalability}, {@code faults}, {@code warning}
     * @param severity how much it matters
     * @param rule the rule that fired, e.g. {@code "process.cpu"} or {@code "latency tail"}
     * @param evidence one sentence with the figures
     */
    public record BottleneckFinding(String source, Severity severity, String rule, String evidence) {
    }

    /**
     * What to do. Immutable.
     *
     * @param action the advice
     * @param because the finding or tuning step it comes from
     */
    public record Recommendation(String action, String because) {
    }

    /**
     * @param result a result
     * @param targets the targets
     * @return the findings, without tuning history
     */
    public static Findings of(ScenarioResult result, Targets targets) {
        return of(result, targets, null);
    }

    /**
     * @param result a result
     * @param targets the targets
     * @param tuning the tuning session that ran on the system before or around this result, or null
     * @return the findings
     */
    public static Findings of(ScenarioResult result, Targets targets, TuningTrajectory tuning) {
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(targets, "targets");
        List<TargetCheck> checks = checks(result, targets);
        Outcomes outcomes = outcomes(result);
        List<BottleneckFinding> found = new ArrayList<>();
        List<Recommendation> advice = new ArrayList<>();
        bottlenecks(result, found, advice);
        if (tuning != null) {
            tuningAdvice(tuning, advice);
        }
        boolean disagree = result.faultTolerance() != null && result.faultTolerance().consistency() != null
                && !result.faultTolerance().consistency().consistent();
        boolean nothing = outcomes.total() > 0 && outcomes.committed() == 0;
        int met = (int) checks.stream().filter(c -> c.status() == Status.MET).count();
        int measured = (int) checks.stream().filter(c -> c.status() != Status.NOT_MEASURED).count();
        Grade grade = Grade.of(met, measured, disagree || nothing);
        String reason = measured == 0 ? "no target was measured"
                : f("%d of %d measured targets met (%.0f%%)", met, measured, 100.0 * met / measured)
                + (disagree ? "; replicas disagreed after the faults" : nothing ? "; nothing committed" : "");
        return new Findings(result.suite() + " / " + result.scenarioName(), checks, outcomes.committed(),
                outcomes.total(), grade, reason, found, dedupe(advice));
    }

    private static List<TargetCheck> checks(ScenarioResult r, Targets t) {
        List<TargetCheck> checks = new ArrayList<>();
        LatencySummary latency = null;
        String latencySource = "no latency phase";
        if (r.latency() != null && r.latency().overall().count() > 0) {
            latency = r.latency().overall();
            latencySource = f("latency phase, merged histogram of %d transactions (%s)", latency.count(),
                    load(r.latency().load()));
        } else if (r.throughput() != null && r.throughput().iterations().size() == 1
                && r.throughput().iterations().get(0).latency() != null
                && r.throughput().iterations().get(0).latency().count() > 0) {
            latency = r.throughput().iterations().get(0).latency();
            latencySource = f("throughput phase, %d transactions (%s)", latency.count(), load(r.throughput().load()));
        } else if (r.throughput() != null) {
            latencySource = "no latency phase (the throughput phase's iterations are not merged)";
        }
        for (double[] p : new double[][] {{50, t.p50Ms()}, {95, t.p95Ms()}, {99, t.p99Ms()}}) {
            double v = latency == null ? Double.NaN : latency.percentile(p[0]);
            checks.add(check("p" + number(p[0]) + " latency", v, p[1], "ms", true, latencySource));
        }
        Outcomes o = outcomes(r);
        List<String> phases = new ArrayList<>();
        if (r.throughput() != null) {
            phases.add("throughput");
        }
        if (r.latency() != null) {
            phases.add("latency");
        }
        checks.add(check("error rate", o.total() == 0 ? Double.NaN : 100.0 * o.errors() / o.total(),
                100 * t.errorRate(), "%", true, o.total() == 0 ? "no throughput or latency phase"
                        : f("%d errors of %d transactions (%s phase%s)", o.errors(), o.total(), String.join(" and ", phases),
                        phases.size() > 1 ? "s" : "")));
        ResourceResult res = r.resources();
        MetricStats cpu = res == null ? null : res.metrics().get(ResourceMetrics.PROCESS_CPU);
        checks.add(check("process CPU", cpu == null ? Double.NaN : cpu.average(), t.cpuPercent(), "%", true,
                cpu == null ? (res == null ? "no resources phase" : "process CPU not available on this platform")
                        : f("average of %d samples, percent of all cores (peak %.1f%%)", cpu.samples(), cpu.peak())));
        MetricStats rss = res == null ? null : res.metrics().get(ResourceMetrics.PROCESS_RSS);
        MetricStats mem = rss != null ? rss : res == null ? null : res.metrics().get(ResourceMetrics.HEAP_COMMITTED);
        String memName = rss != null ? "resident set size" : "committed heap (resident size not available)";
        checks.add(check("memory per node", mem == null ? Double.NaN : mem.peak() / (1024.0 * 1024.0),
                t.memoryPerNodeMb(), "MiB", true, mem == null ? (res == null ? "no resources phase"
                        : "process memory not available on this platform") : "peak " + memName + " of the process"));
        if (t.throughputFloorOpsPerSecond() != null) {
            ThroughputResult tp = r.throughput();
            checks.add(check("sustainable throughput", tp == null ? Double.NaN : tp.sustainableOpsPerSecond(),
                    t.throughputFloorOpsPerSecond(), "ops/s", false, tp == null ? "no throughput phase"
                            : "throughput phase, reached in 80% of intervals (" + load(tp.load()) + ")"));
        }
        return checks;
    }

    /** Outcomes of the throughput and latency phases (a phase without totals: the sum of its iterations). */
    private static Outcomes outcomes(ScenarioResult r) {
        Outcomes o = Outcomes.NONE;
        if (r.throughput() != null) {
            o = o.plus(phaseOutcomes(r.throughput().outcomes(), r.throughput().iterations()));
        }
        if (r.latency() != null) {
            o = o.plus(phaseOutcomes(r.latency().outcomes(), r.latency().iterations()));
        }
        return o;
    }

    private static Outcomes phaseOutcomes(Outcomes phase, List<dev.vernier.core.result.IterationSummary> its) {
        if (phase.total() > 0) {
            return phase;
        }
        Outcomes sum = Outcomes.NONE;
        for (dev.vernier.core.result.IterationSummary it : its) {
            sum = sum.plus(it.outcomes());
        }
        return sum;
    }

    private static TargetCheck check(String name, double observed, double limit, String unit, boolean atMost,
                                     String source) {
        Status s = Double.isNaN(observed) ? Status.NOT_MEASURED
                : (atMost ? observed <= limit : observed >= limit) ? Status.MET : Status.MISSED;
        return new TargetCheck(name, observed, limit, unit, atMost, s, source);
    }

    private static void bottlenecks(ScenarioResult r, List<BottleneckFinding> found, List<Recommendation> advice) {
        List<BottleneckFinding> list = new ArrayList<>();
        List<Recommendation> recs = new ArrayList<>();
        for (GeneratorHealth g : generators(r)) {
            if (g.generatorLimited()) {
                list.add(new BottleneckFinding("engine", Severity.HIGH, "load generator", g.verdict()));
                recs.add(new Recommendation("The load generator, not the system, set the pace: lower the offered rate,"
                        + " raise maxInFlight or give the harness more cores; figures at this rate describe the harness.",
                        "engine verdict: " + g.verdict()));
                break;
            }
        }
        ResourceResult res = r.resources();
        if (res != null) {
            for (Bottleneck b : res.bottlenecks()) {
                list.add(new BottleneckFinding("resources", b.severity(), b.metric(), b.description()));
                recs.add(new Recommendation(resourceAdvice(b.metric()), b.metric() + ": " + b.description()));
            }
            if (res.gcTimeShare() != null && res.gcTimeShare() > GC_SHARE_LIMIT) {
                String ev = f("GC took %.1f%% of wall time (rule: above %.0f%%)", 100 * res.gcTimeShare(),
                        100 * GC_SHARE_LIMIT);
                list.add(new BottleneckFinding("resources", Severity.MEDIUM, "gc time", ev));
                recs.add(new Recommendation("Allocate less on the hot path (reuse buffers, pool message objects) or"
                        + " tune the collector for shorter pauses.", ev));
            }
        }
        ThroughputResult t = r.throughput();
        if (t != null && t.maxOpsPerSecond() > 0 && t.optimalOpsPerSecond() < 0.8 * t.maxOpsPerSecond()) {
            String ev = f("optimal throughput (>= 95%% success) %.1f ops/s is below 80%% of the maximum %.1f ops/s",
                    t.optimalOpsPerSecond(), t.maxOpsPerSecond());
            list.add(new BottleneckFinding("throughput", Severity.HIGH, "throughput degradation", ev));
            recs.add(new Recommendation("Past its optimum the system commits less of what it is offered: raise the"
                    + " batch size (fewer consensus rounds per transaction) and apply back-pressure at the optimal rate.",
                    ev));
        }
        LatencyResult l = r.latency();
        if (l != null && l.overall().count() > 0) {
            double p50 = l.overall().percentile(50);
            double p99 = l.overall().percentile(99);
            if (p50 > 0 && p99 > 10 * p50) {
                String ev = f("p99 %.3f ms is %.1fx the median %.3f ms (rule: above 10x)", p99, p99 / p50, p50);
                list.add(new BottleneckFinding("latency", Severity.MEDIUM, "latency tail", ev));
                recs.add(new Recommendation("Shorten the tail: pipeline requests so one slow round does not hold the"
                        + " next, and check GC pauses and the dominant stage below.", ev));
            }
            StageSummary top = l.stages().stream().filter(s -> s.latency().count() > 0)
                    .max(Comparator.comparingDouble(StageSummary::sharePercent)).orElse(null);
            if (top != null && top.sharePercent() > DOMINANT_STAGE_PERCENT) {
                String ev = f("stage %s takes %.1f%% of the mean latency (mean %.3f ms)", top.stage(),
                        top.sharePercent(), top.latency().meanMs());
                list.add(new BottleneckFinding("latency", Severity.LOW, "dominant stage", ev));
                recs.add(new Recommendation(stageAdvice(top.stage()), ev));
            }
            Map.Entry<String, Long> cause = l.errorsByCause().entrySet().stream()
                    .max(Map.Entry.comparingByValue()).orElse(null);
            if (cause != null && l.outcomes().errorRate() > 0.01) {
                String ev = f("%.2f%% of transactions failed; most often: %s (%d)", 100 * l.outcomes().errorRate(),
                        cause.getKey(), cause.getValue());
                list.add(new BottleneckFinding("latency", Severity.HIGH, "errors", ev));
                recs.add(new Recommendation("Fix the most frequent error first: " + cause.getKey() + ".", ev));
            }
        }
        ScalabilityResult sc = r.scalability();
        if (sc != null && !sc.points().isEmpty()) {
            int largest = sc.points().get(sc.points().size() - 1).nodes();
            if (sc.fit() != null && sc.fit().peakNodes() != null && sc.fit().peakNodes() < largest) {
                String ev = f("the Universal Scalability Law fit peaks at %.1f nodes (sigma %.4f, kappa %.5f);"
                        + " %d nodes were measured", sc.fit().peakNodes(), sc.fit().sigma(), sc.fit().kappa(), largest);
                list.add(new BottleneckFinding("scalability", Severity.HIGH, "retrograde scaling", ev));
                recs.add(new Recommendation("Adding nodes past the peak lowers throughput: cut all-to-all messages"
                        + " (coherency, kappa) and the work serialised on the leader (contention, sigma).", ev));
            } else {
                ScalePoint last = sc.points().get(sc.points().size() - 1);
                if (sc.points().size() > 1 && last.efficiency() < 0.5) {
                    String ev = f("at %d nodes each node delivers %.0f%% of what the smallest cluster did",
                            last.nodes(), 100 * last.efficiency());
                    list.add(new BottleneckFinding("scalability", Severity.MEDIUM, "scaling efficiency", ev));
                    recs.add(new Recommendation("Scaling is far from linear: look for work serialised on one node.",
                            ev));
                }
            }
        }
        FaultToleranceResult ft = r.faultTolerance();
        if (ft != null) {
            if (ft.consistency() != null && !ft.consistency().consistent()) {
                String ev = "replicas disagree after the faults: " + ft.consistency().detail();
                list.add(new BottleneckFinding("faults", Severity.HIGH, "consistency", ev));
                recs.add(new Recommendation("Safety first: find why replicas diverged before any tuning.", ev));
            }
            if (ft.recoverySeconds() == null && !ft.events().isEmpty()) {
                String ev = f("throughput did not recover to 90%% of the pre-fault %.1f ops/s within the run (lowest"
                        + " %.1f ops/s)", ft.preFaultOpsPerSecond(), ft.minOpsPerSecond());
                list.add(new BottleneckFinding("faults", Severity.HIGH, "recovery", ev));
                recs.add(new Recommendation("Shorten failover: a lower election timeout or a faster failure"
                        + " detector, then measure the dip again.", ev));
            }
        }
        for (Warning w : r.warnings()) {
            if (w.kind() == Warning.Kind.STUCK_THREAD || w.kind() == Warning.Kind.CLAMPED_LATENCY
                    || w.kind() == Warning.Kind.USER_CODE) {
                list.add(new BottleneckFinding("warning", Severity.MEDIUM, w.kind().name().toLowerCase(java.util.Locale.ROOT)
                        .replace('_', ' '), w.toString()));
                if (w.kind() == Warning.Kind.CLAMPED_LATENCY) {
                    recs.add(new Recommendation("Raise the scenario's timeout: latencies beyond the histogram range"
                            + " were recorded at its maximum, so the tail is understated.", w.toString()));
                } else if (w.kind() == Warning.Kind.STUCK_THREAD) {
                    recs.add(new Recommendation("Make submit() return without blocking; a stuck sender stalls the"
                            + " schedule.", w.toString()));
                }
            }
        }
        list.sort(Comparator.comparing(BottleneckFinding::severity));
        found.addAll(list);
        advice.addAll(recs);
    }

    private static List<GeneratorHealth> generators(ScenarioResult r) {
        List<GeneratorHealth> g = new ArrayList<>();
        if (r.throughput() != null) {
            g.add(r.throughput().generator());
        }
        if (r.latency() != null) {
            g.add(r.latency().generator());
        }
        if (r.faultTolerance() != null) {
            g.add(r.faultTolerance().generator());
        }
        if (r.scalability() != null) {
            r.scalability().points().forEach(p -> g.add(p.generator()));
        }
        return g;
    }

    private static String resourceAdvice(String metric) {
        if (metric.equals(ResourceMetrics.PROCESS_CPU) || metric.equals(ResourceMetrics.SYSTEM_CPU)) {
            return "The process is CPU bound: profile the hot path, do less work per transaction (batch or pipeline"
                    + " consensus rounds), or give each node more cores.";
        }
        if (metric.equals(ResourceMetrics.HEAP_AFTER_GC)) {
            return "Heap after GC keeps growing: compare two heap dumps taken a minute apart and bound caches, logs"
                    + " and queues.";
        }
        if (metric.startsWith("net.")) {
            return "The network carries a lot: batch and compress messages, use a compact binary encoding, or cut"
                    + " replication fan-out.";
        }
        if (metric.startsWith("disk.")) {
            return "Disk I/O is heavy: group commits (fsync per batch, not per entry) and check the log's segment size.";
        }
        return "Look at " + metric + ": it passed its threshold.";
    }

    private static String stageAdvice(String stage) {
        return switch (stage) {
            case "queue" -> "Transactions wait before they are even submitted: at this rate the system is saturated;"
                    + " lower the rate or raise capacity (batching) before tuning latency.";
            case "consensus" -> "Consensus rounds dominate latency: batch entries per round and pipeline rounds.";
            case "apply" -> "Applying committed entries dominates: apply in batches, off the consensus thread.";
            default -> "The way back to the client dominates: complete requests without extra thread hops.";
        };
    }

    /**
     * What a tuning session's history recommends: apply the final configuration when changes were
     * kept (with the measured gain), keep the current one when none paid, and do not apply the
     * configurations that broke a constraint.
     *
     * @param tuning the session
     * @return the recommendations, in that order
     */
    public static List<Recommendation> recommendations(TuningTrajectory tuning) {
        List<Recommendation> out = new ArrayList<>();
        tuningAdvice(Objects.requireNonNull(tuning, "tuning"), out);
        return dedupe(out);
    }

    private static void tuningAdvice(TuningTrajectory t, List<Recommendation> advice) {
        List<TuningTrajectory.Window> kept = t.windows().stream()
                .filter(w -> w.decision() == TuningTrajectory.Decision.KEPT).toList();
        String gain = t.gainPercent() == null ? "" : f(" (measured gain %+.1f%%%s)", t.gainPercent(),
                t.gainLowPercent() == null || t.gainHighPercent() == null ? ""
                        : f(", interval %+.1f%% to %+.1f%%", t.gainLowPercent(), t.gainHighPercent()));
        if (kept.isEmpty()) {
            advice.add(new Recommendation("Keep the current configuration: no change tried by the tuning session paid"
                    + " within its constraints.", f("%d windows, none kept", t.windows().size())));
        } else {
            advice.add(new Recommendation("Apply the tuned configuration " + t.finalConfiguration() + gain + ".",
                    f("%d change(s) kept by the tuning session, last at step %d: %s", kept.size(),
                            kept.get(kept.size() - 1).index(), kept.get(kept.size() - 1).reason())));
        }
        for (TuningTrajectory.Window w : t.windows()) {
            if (w.decision() == TuningTrajectory.Decision.REVERTED_CONSTRAINT) {
                advice.add(new Recommendation("Do not apply " + w.configuration() + ": it broke a constraint ("
                        + t.constraints().stream().map(TuningTrajectory.Constraint::describe)
                        .reduce((a, b) -> a + ", " + b).orElse("none") + ").", f("tuning step %d: %s", w.index(),
                        w.reason())));
            }
        }
    }

    private static List<Recommendation> dedupe(List<Recommendation> recs) {
        Set<String> seen = new LinkedHashSet<>();
        List<Recommendation> out = new ArrayList<>();
        for (Recommendation r : recs) {
            if (seen.add(r.action())) {
                out.add(r);
            }
        }
        return out;
    }

    static String load(LoadModel load) {
        if (load instanceof LoadModel.ConstantRate c) {
            return "open model, " + number(c.opsPerSecond()) + " ops/s";
        } else if (load instanceof LoadModel.LinearRamp r) {
            return "open model, ramp " + number(r.fromOpsPerSecond()) + " to " + number(r.toOpsPerSecond()) + " ops/s";
        } else if (load instanceof LoadModel.StepSearch s) {
            return "step search from " + number(s.initialOpsPerSecond()) + " ops/s";
        } else if (load instanceof LoadModel.Closed c) {
            return "closed model, " + c.clients() + " clients";
        }
        return String.valueOf(load);
    }
}
