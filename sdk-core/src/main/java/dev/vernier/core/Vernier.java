package dev.vernier.core;

import dev.vernier.api.internal.Check;
import dev.vernier.api.ClusterControl;
import dev.vernier.api.FaultInjector;
import dev.vernier.api.NanoClock;
import dev.vernier.api.Phase;
import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.Scenario;
import dev.vernier.api.SuiteContext;
import dev.vernier.core.event.IntervalSnapshot;
import dev.vernier.core.event.LoadVerdict;
import dev.vernier.core.event.PhaseEnded;
import dev.vernier.core.event.PhaseStarted;
import dev.vernier.core.event.RunListener;
import dev.vernier.core.event.RunWarning;
import dev.vernier.core.event.VernierEvent;
import dev.vernier.core.internal.FaultPhase;
import dev.vernier.core.internal.LoadOutput;
import dev.vernier.core.internal.LoadRun;
import dev.vernier.core.internal.Phases;
import dev.vernier.core.internal.ScalabilityPhase;
import dev.vernier.core.resources.BottleneckRules;
import dev.vernier.core.resources.EnvironmentProbe;
import dev.vernier.core.resources.MetricSource;
import dev.vernier.core.resources.ResourceAnalyzer;
import dev.vernier.core.resources.ResourceMetrics;
import dev.vernier.core.resources.ResourceResult;
import dev.vernier.core.resources.ResourceSample;
import dev.vernier.core.resources.ResourceSampler;
import dev.vernier.core.result.FaultToleranceResult;
import dev.vernier.core.result.GeneratorHealth;
import dev.vernier.core.result.LatencyResult;
import dev.vernier.core.result.ScalabilityResult;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.result.ThroughputResult;
import dev.vernier.core.result.Warning;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point: register suites, run scenarios against one or all of them, get immutable results.
 *
 * <pre>{@code
 * try (Vernier vernier = Vernier.builder().register(new MySuite()).listener(progress).build()) {
 *     ScenarioResult result = vernier.run("my-suite", scenario);
 * }
 * }</pre>
 *
 * <p>Thread-safe: runs are serialised (one at a time per instance). Each run starts its own threads
 * and ends them before returning; the instance holds no thread between runs.
 */
public final class Vernier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Vernier.class);

    private final Map<String, ProtocolSuite> suites;
    private final List<RunListener> listeners;
    private final NanoClock clock;
    private final BottleneckRules bottleneckRules;
    private final Supplier<List<? extends MetricSource>> resourceSources;
    private volatile boolean closed;

    private Vernier(Builder b) {
        this.suites = new LinkedHashMap<>(b.suites);
        this.listeners = new CopyOnWriteArrayList<>(b.listeners);
        this.clock = b.clock;
        this.bottleneckRules = b.bottleneckRules;
        this.resourceSources = b.resourceSources;
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return names of the registered suites, in registration order */
    public List<String> suites() {
        return List.copyOf(suites.keySet());
    }

    /**
     * Sets up the suite, runs the scenario's phases, tears the suite down.
     *
     * @param suiteName a registered suite
     * @param scenario what to run
     * @return the result
     * @throws IllegalArgumentException for an unknown suite
     * @throws VernierException when the suite cannot be set up or lacks a capability a phase needs
     */
    public synchronized ScenarioResult run(String suiteName, Scenario scenario) {
        ProtocolSuite suite = suite(suiteName);
        Check.notNull("scenario", scenario);
        checkCapabilities(suite, scenario);
        try {
            suite.setup(new SuiteContext(scenario.seed(), clock, scenario.name()));
        } catch (Exception e) {
            safeTeardown(suite);
            throw new VernierException("setup of suite '" + suiteName + "' failed: " + e, e);
        }
        try {
            return measure(suite, scenario);
        } finally {
            safeTeardown(suite);
        }
    }

    /**
     * Runs every scenario against every registered suite (the comprehensive run), each with its own
     * setup and teardown.
     *
     * @param scenarios the scenarios, at least one
     * @return all results
     */
    public synchronized RunMatrix runAll(List<Scenario> scenarios) {
        Check.notNull("scenarios", scenarios);
        if (scenarios.isEmpty()) {
            throw new IllegalArgumentException("scenarios must not be empty, but was []");
        }
        List<ScenarioResult> results = new ArrayList<>();
        for (String name : suites.keySet()) {
            for (Scenario s : scenarios) {
                results.add(run(name, s));
            }
        }
        return new RunMatrix(results);
    }

    /**
     * Runs the scenario's phases against a suite that is already running (no setup or teardown),
     * for example a node measuring itself. The suite need not be registered.
     *
     * @param suite a running system
     * @param scenario what to run
     * @return the result
     * @throws VernierException when the suite lacks a capability a phase needs
     * @throws java.util.concurrent.CancellationException when the calling thread is interrupted
     */
    public synchronized ScenarioResult measure(ProtocolSuite suite, Scenario scenario) {
        Check.notNull("suite", suite);
        Check.notNull("scenario", scenario);
        ensureOpen();
        checkCapabilities(suite, scenario);
        long startedAt = System.currentTimeMillis();
        double loadAtStart = EnvironmentProbe.loadAverage(); // the rest after the run: OSHI's first use disturbs it
        long t0 = clock.nanoTime();
        Run run = new Run(suite.name(), scenario.name());
        ThroughputResult throughput = null;
        LatencyResult latency = null;
        ResourceResult resources = null;
        ScalabilityResult scalability = null;
        FaultToleranceResult faults = null;
        boolean sampling = scenario.phases().contains(Phase.RESOURCES);
        try (ResourceSampler sampler = sampling ? newSampler(scenario) : null) {
            Phases.Hooks hooks = new Phases.Hooks() {
                @Override
                public LoadRun apply(LoadRun loadRun) {
                    return sampler == null ? loadRun : loadRun
                            .onMeasuredStart(() -> {
                                if (!sampler.isRunning() && sampler.series().samples().isEmpty()) {
                                    sampler.start();
                                }
                            })
                            .resourceFigures(() -> figures(sampler.latest()));
                }

                @Override
                public void finished(LoadOutput out) {
                    run.recorded(out);
                }
            };
            if (scenario.phases().contains(Phase.THROUGHPUT)) {
                long p0 = run.started(Phase.THROUGHPUT);
                throughput = Phases.throughput(suite, scenario, clock, this::snapshot, hooks);
                run.verdict(Phase.THROUGHPUT, 0, throughput.generator());
                run.ended(Phase.THROUGHPUT, p0);
            }
            if (scenario.phases().contains(Phase.LATENCY)) {
                long p0 = run.started(Phase.LATENCY);
                latency = Phases.latency(suite, scenario, clock, this::snapshot, hooks);
                run.verdict(Phase.LATENCY, 0, latency.generator());
                run.ended(Phase.LATENCY, p0);
            }
            if (scenario.phases().contains(Phase.SCALABILITY)) {
                long p0 = run.started(Phase.SCALABILITY);
                scalability = ScalabilityPhase.run(suite, scenario, clock, this::snapshot, hooks);
                scalability.points().forEach(p -> run.verdict(Phase.SCALABILITY, p.nodes(), p.generator()));
                run.ended(Phase.SCALABILITY, p0);
            }
            if (scenario.phases().contains(Phase.FAULT_TOLERANCE)) {
                long p0 = run.started(Phase.FAULT_TOLERANCE);
                faults = FaultPhase.run(suite, scenario, clock, this::snapshot, hooks);
                faults.events().stream().filter(e -> e.error() != null).forEach(e -> run.warn(Warning.Kind.FAULT_FAILED,
                        Phase.FAULT_TOLERANCE, e.action() + " failed: " + e.error()));
                if (faults.consistency() != null && !faults.consistency().consistent()) {
                    run.warn(Warning.Kind.REPLICAS_DISAGREE, Phase.FAULT_TOLERANCE,
                            "replicas disagree after the faults: " + faults.consistency().detail());
                }
                run.verdict(Phase.FAULT_TOLERANCE, 0, faults.generator());
                run.ended(Phase.FAULT_TOLERANCE, p0);
            }
            if (sampler != null) {
                long p0 = run.started(Phase.RESOURCES);
                if (throughput == null && latency == null && scalability == null && faults == null) {
                    Phases.load(suite, scenario, clock, this::snapshot, hooks);
                }
                resources = new ResourceAnalyzer(bottleneckRules).analyze(sampler.stop());
                resources.bottlenecks().forEach(b -> run.warn(Warning.Kind.BOTTLENECK, Phase.RESOURCES,
                        "bottleneck: " + b.description()));
                run.ended(Phase.RESOURCES, p0);
            }
        }
        return new ScenarioResult(ScenarioResult.SCHEMA_VERSION, suite.name(), scenario, startedAt,
                (clock.nanoTime() - t0) / 1e9, throughput, latency, resources, scalability, faults, run.warnings,
                EnvironmentProbe.capture(null, loadAtStart));
    }

    private ResourceSampler newSampler(Scenario scenario) {
        ResourceSampler.Builder b = ResourceSampler.builder().interval(scenario.resourceSampleInterval()).clock(clock);
        if (resourceSources != null) {
            b.sources(resourceSources.get());
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

    /** What one {@link #measure} call says as it goes: events to listeners, warnings into the result. */
    private final class Run {
        private final String suite;
        private final String scenario;
        private final List<Warning> warnings = new ArrayList<>();

        Run(String suite, String scenario) {
            this.suite = suite;
            this.scenario = scenario;
        }

        long started(Phase phase) {
            event(new PhaseStarted(suite, scenario, phase));
            return clock.nanoTime();
        }

        void ended(Phase phase, long startNanos) {
            event(new PhaseEnded(suite, scenario, phase, (clock.nanoTime() - startNanos) / 1e9));
        }

        void warn(Warning.Kind kind, Phase phase, String message) {
            Warning w = new Warning(kind, phase, message);
            warnings.add(w);
            event(new RunWarning(suite, scenario, w));
        }

        /**
         * A limited phase is said once: in its own result (the Markdown's "Generator" line) and as one
         * event, not repeated as a warning or a log line.
         */
        void verdict(Phase phase, int nodes, GeneratorHealth health) {
            if (health.generatorLimited()) {
                LOG.debug("{} {}: {}", suite, phase, health.verdict());
                event(new LoadVerdict(suite, scenario, phase, nodes, health));
            }
        }

        /** Stuck sender threads and clamped latencies become warnings. */
        void recorded(LoadOutput out) {
            Phase phase = out.plan().phase();
            if (!out.stuckThreads().isEmpty()) {
                warn(Warning.Kind.STUCK_THREAD, phase, out.stuckThreads().size() + " thread(s) did not return from"
                        + " submit() and were left interrupted: " + out.stuckThreads());
            }
            long clamped = out.total().clamped();
            if (clamped > 0) {
                warn(Warning.Kind.CLAMPED_LATENCY, phase, clamped + " latency value(s) exceeded the histogram range ("
                        + out.plan().highestTrackableNanos() / 1_000_000 + " ms) and were recorded at its maximum");
            }
        }
    }

    /** Fails before setup when a phase needs a capability the suite lacks. */
    private static void checkCapabilities(ProtocolSuite suite, Scenario scenario) {
        require(suite, scenario, Phase.SCALABILITY, ClusterControl.class);
        require(suite, scenario, Phase.FAULT_TOLERANCE, FaultInjector.class);
    }

    private static void require(ProtocolSuite suite, Scenario scenario, Phase phase, Class<?> capability) {
        if (scenario.phases().contains(phase) && !capability.isInstance(suite)) {
            throw new VernierException("phase " + phase + " needs a suite that implements " + capability.getSimpleName()
                    + ", but suite '" + suite.name() + "' does not");
        }
    }

    private ProtocolSuite suite(String name) {
        ensureOpen();
        ProtocolSuite s = suites.get(name);
        if (s == null) {
            throw new IllegalArgumentException("suite '" + name + "' is not registered; registered: " + suites.keySet());
        }
        return s;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("this Vernier instance is closed");
        }
    }

    private void safeTeardown(ProtocolSuite suite) {
        try {
            suite.teardown();
        } catch (Exception e) {
            LOG.warn("teardown of suite '{}' failed", suite.name(), e);
        }
    }

    private void snapshot(IntervalSnapshot s) {
        event(s);
    }

    private void event(VernierEvent e) {
        for (RunListener l : listeners) {
            try {
                l.onEvent(e);
            } catch (RuntimeException ex) {
                LOG.warn("listener {} failed on {}", l, e.getClass().getSimpleName(), ex);
            }
        }
    }

    /** Marks the instance closed. Suites are torn down after each run, so nothing else is held. */
    @Override
    public void close() {
        closed = true;
    }

    /** Collects suites and listeners; not thread-safe. */
    public static final class Builder {
        private final Map<String, ProtocolSuite> suites = new LinkedHashMap<>();
        private final List<RunListener> listeners = new ArrayList<>();
        private NanoClock clock = NanoClock.system();
        private BottleneckRules bottleneckRules = BottleneckRules.defaults();
        private Supplier<List<? extends MetricSource>> resourceSources;

        private Builder() {
        }

        /** @param rules bottleneck rules of the RESOURCES phase (default {@link BottleneckRules#defaults()}) */
        public Builder bottleneckRules(BottleneckRules rules) {
            this.bottleneckRules = Check.notNull("bottleneckRules", rules);
            return this;
        }

        /**
         * @param sources creates the metric sources of each RESOURCES phase (default: OSHI and JMX,
         *     {@code DefaultSources.create()})
         * @return this builder
         */
        public Builder resourceSources(Supplier<List<? extends MetricSource>> sources) {
            this.resourceSources = Check.notNull("resourceSources", sources);
            return this;
        }

        /**
         * @param suite a suite whose name is not registered yet
         * @return this builder
         * @throws IllegalArgumentException for a null suite or a name already registered
         */
        public Builder register(ProtocolSuite suite) {
            Check.notNull("suite", suite);
            String name = Check.notBlank("suite.name()", suite.name());
            if (suites.putIfAbsent(name, suite) != null) {
                throw new IllegalArgumentException("suite name must be unique, but '" + name + "' is already registered");
            }
            return this;
        }

        /** @param listener receives the run's events: phases, interval snapshots, verdicts, warnings */
        public Builder listener(RunListener listener) {
            listeners.add(Check.notNull("listener", listener));
            return this;
        }

        /** @param clock the clock for every timestamp (default {@link NanoClock#system()}) */
        public Builder clock(NanoClock clock) {
            this.clock = Check.notNull("clock", clock);
            return this;
        }

        /** @return the instance */
        public Vernier build() {
            return new Vernier(this);
        }
    }
}
