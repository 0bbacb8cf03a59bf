package dev.vernier.core.internal.phase;

import dev.vernier.api.Phase;
import dev.vernier.core.event.LoadVerdict;
import dev.vernier.core.event.PhaseEnded;
import dev.vernier.core.event.PhaseStarted;
import dev.vernier.core.internal.engine.LoadPlan;
import dev.vernier.core.internal.resources.ResourceAnalyzer;
import dev.vernier.core.internal.resources.ResourceSampler;
import dev.vernier.core.resources.BottleneckRules;
import dev.vernier.core.resources.MetricSource;
import dev.vernier.core.resources.ResourceMetrics;
import dev.vernier.core.resources.ResourceResult;
import dev.vernier.core.resources.ResourceSample;
import dev.vernier.core.result.FaultToleranceResult;
import dev.vernier.core.result.GeneratorHealth;
import dev.vernier.core.result.LatencyResult;
import dev.vernier.core.result.ScalabilityResult;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.result.ThroughputResult;
import dev.vernier.core.result.Warning;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs a scenario's phases in order against a running suite and assembles the
 * {@link ScenarioResult}: THROUGHPUT, LATENCY, SCALABILITY, FAULT_TOLERANCE, with the RESOURCES
 * sampler running from the first measured window to the end. Data flows one way: the entry point
 * hands a {@link RunContext} in, each phase runner reads it, runs its loads and returns its result;
 * nothing calls back into the entry point. An abort ends the current phase with what it measured and
 * skips the rest.
 *
 * <p>Stateless.
 */
public final class ScenarioRunner {

    private ScenarioRunner() {
    }

    /**
     * What the RESOURCES phase is given.
     *
     * @param rules bottleneck rules
     * @param sources creates the metric sources, or null for OSHI and JMX
     */
    public record Resources(BottleneckRules rules, Supplier<List<? extends MetricSource>> sources) {
    }

    /**
     * @param run the suite, scenario, clock, listeners and limits
     * @param resources what the RESOURCES phase needs
     * @param startedAtEpochMillis wall-clock start, for the result
     * @return the result
     */
    public static ScenarioResult run(RunContext run, Resources resources, long startedAtEpochMillis) {
        long t0 = run.clock.nanoTime();
        ThroughputResult throughput = null;
        LatencyResult latency = null;
        ResourceResult resourceResult = null;
        ScalabilityResult scalability = null;
        FaultToleranceResult faults = null;
        List<Phase> skipped = new ArrayList<>();
        boolean sampling = run.scenario.phases().contains(Phase.RESOURCES);
        try (ResourceSampler sampler = sampling ? sampler(run, resources) : null) {
            if (sampler != null) {
                run.onMeasuredStart = () -> {
                    if (!sampler.isRunning() && sampler.series().samples().isEmpty()) {
                        sampler.start();
                    }
                };
                run.resourceFigures = () -> figures(sampler.latest());
            }
            for (Phase phase : run.scenario.phases()) {
                if (phase == Phase.RESOURCES) {
                    continue;
                }
                if (run.control.aborted()) {
                    skipped.add(phase);
                    continue;
                }
                long p0 = started(run, phase);
                switch (phase) {
                    case THROUGHPUT -> {
                        throughput = ThroughputPhase.run(run);
                        verdict(run, phase, 0, throughput.generator());
                    }
                    case LATENCY -> {
                        latency = LatencyPhase.run(run);
                        verdict(run, phase, 0, latency.generator());
                    }
                    case SCALABILITY -> {
                        scalability = ScalabilityPhase.run(run);
                        scalability.points().forEach(p -> verdict(run, Phase.SCALABILITY, p.nodes(), p.generator()));
                    }
                    case FAULT_TOLERANCE -> {
                        faults = FaultPhase.run(run);
                        faultWarnings(run, faults);
                        verdict(run, phase, 0, faults.generator());
                    }
                    default -> throw new IllegalStateException("unknown phase " + phase);
                }
                ended(run, phase, p0);
            }
            if (sampler != null) {
                long p0 = started(run, Phase.RESOURCES);
                if (throughput == null && latency == null && scalability == null && faults == null
                        && !run.control.aborted()) {
                    run.execute(LoadPlan.of(Phase.RESOURCES, run.scenario, ThroughputPhase.steadyLoad(run.scenario), 0));
                }
                resourceResult = new ResourceAnalyzer(resources.rules()).analyze(sampler.stop());
                resourceResult.bottlenecks().forEach(b -> run.warn(Warning.Kind.BOTTLENECK, Phase.RESOURCES,
                        "bottleneck: " + b.description()));
                ended(run, Phase.RESOURCES, p0);
            }
        }
        if (run.control.aborted()) {
            run.warn(Warning.Kind.ABORTED, null, "run aborted: " + run.control.abortReason()
                    + "; what was measured until then is kept" + (skipped.isEmpty() ? "" : "; phases not run: " + skipped));
        }
        return new ScenarioResult(ScenarioResult.SCHEMA_VERSION, run.suite.name(), run.scenario, startedAtEpochMillis,
                (run.clock.nanoTime() - t0) / 1e9, throughput, latency, resourceResult, scalability, faults,
                run.warnings());
    }

    private static ResourceSampler sampler(RunContext run, Resources resources) {
        ResourceSampler.Builder b = ResourceSampler.builder().interval(run.scenario.resourceSampleInterval())
                .clock(run.clock).threads(run.threads);
        if (resources.sources() != null) {
            b.sources(resources.sources().get());
        }
        return b.build();
    }

    private static double[] figures(ResourceSample s) {
        if (s == null) {
            return null;
        }
        Double cpu = s.get(ResourceMetrics.PROCESS_CPU);
        Double heap = s.get(ResourceMetrics.HEAP_USED);
        return new double[] {cpu == null ? Double.NaN : cpu, heap == null ? Double.NaN : heap};
    }

    private static long started(RunContext run, Phase phase) {
        run.events.accept(new PhaseStarted(run.suite.name(), run.scenario.name(), phase));
        return run.clock.nanoTime();
    }

    private static void ended(RunContext run, Phase phase, long startNanos) {
        run.events.accept(new PhaseEnded(run.suite.name(), run.scenario.name(), phase,
                (run.clock.nanoTime() - startNanos) / 1e9));
    }

    /** A limited load is said once: in its result and as one event, not repeated as a warning. */
    private static void verdict(RunContext run, Phase phase, int nodes, GeneratorHealth health) {
        if (health.limited()) {
            run.events.accept(new LoadVerdict(run.suite.name(), run.scenario.name(), phase, nodes, health));
        }
    }

    private static void faultWarnings(RunContext run, FaultToleranceResult faults) {
        faults.events().stream().filter(e -> e.error() != null).forEach(e -> run.warn(Warning.Kind.FAULT_FAILED,
                Phase.FAULT_TOLERANCE, e.action() + " failed: " + e.error()));
        if (faults.consistency() != null && !faults.consistency().consistent()) {
            run.warn(Warning.Kind.REPLICAS_DISAGREE, Phase.FAULT_TOLERANCE,
                    "replicas disagree after the faults: " + faults.consistency().detail());
        }
    }
}
