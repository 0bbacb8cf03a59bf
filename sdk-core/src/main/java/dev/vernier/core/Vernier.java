package dev.vernier.core;

import dev.vernier.api.Check;
import dev.vernier.api.ClusterControl;
import dev.vernier.api.FaultInjector;
import dev.vernier.api.NanoClock;
import dev.vernier.api.Phase;
import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.Scenario;
import dev.vernier.api.SuiteContext;
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
        List<String> warnings = new ArrayList<>();
        ThroughputResult throughput = null;
        LatencyResult latency = null;
        ResourceResult resources = null;
        ScalabilityResult scalability = null;
        FaultToleranceResult faults = null;
        boolean sampling = scenario.phases().contains(Phase.RESOURCES);
        try (ResourceSampler sampler = sampling ? newSampler(scenario) : null) {
            Phases.Hooks hooks = new Phases.Hooks() {
                @Override
                public LoadRun apply(LoadRun run) {
                    return sampler == null ? run : run
                            .onMeasuredStart(() -> {
                                if (!sampler.isRunning() && sampler.series().samples().isEmpty()) {
                                    sampler.start();
                                }
                            })
                            .resourceFigures(() -> figures(sampler.latest()));
                }

                @Override
                public void finished(LoadOutput out) {
                    report(suite, out, warnings);
                }
            };
            if (scenario.phases().contains(Phase.THROUGHPUT)) {
                event(VernierEvent.Type.PHASE_STARTED, suite.name(), "THROUGHPUT phase of " + scenario.name());
                throughput = Phases.throughput(suite, scenario, clock, this::snapshot, hooks);
                check(suite, "THROUGHPUT", throughput.generator(), warnings);
            }
            if (scenario.phases().contains(Phase.LATENCY)) {
                event(VernierEvent.Type.PHASE_STARTED, suite.name(), "LATENCY phase of " + scenario.name());
                latency = Phases.latency(suite, scenario, clock, this::snapshot, hooks);
                check(suite, "LATENCY", latency.generator(), warnings);
            }
            if (scenario.phases().contains(Phase.SCALABILITY)) {
                event(VernierEvent.Type.PHASE_STARTED, suite.name(), "SCALABILITY phase of " + scenario.name());
                scalability = ScalabilityPhase.run(suite, scenario, clock, this::snapshot, hooks);
                scalability.points().stream().filter(p -> p.generator().generatorLimited()).forEach(p ->
                        warnings.add("SCALABILITY at " + p.nodes() + " nodes: " + p.generator().verdict()));
                event(VernierEvent.Type.PHASE_FINISHED, suite.name(), "SCALABILITY phase finished");
            }
            if (scenario.phases().contains(Phase.FAULT_TOLERANCE)) {
                event(VernierEvent.Type.PHASE_STARTED, suite.name(), "FAULT_TOLERANCE phase of " + scenario.name());
                faults = FaultPhase.run(suite, scenario, clock, this::snapshot, hooks);
                faults.events().stream().filter(e -> e.error() != null).forEach(e -> warnings.add(
                        "FAULT_TOLERANCE: " + e.action() + " failed: " + e.error()));
                if (faults.consistency() != null && !faults.consistency().consistent()) {
                    String message = "FAULT_TOLERANCE: replicas disagree after the faults: "
                            + faults.consistency().detail();
                    warnings.add(message);
                    event(VernierEvent.Type.WARNING, suite.name(), message);
                }
                check(suite, "FAULT_TOLERANCE", faults.generator(), warnings);
            }
            if (sampler != null) {
                if (throughput == null && latency == null && scalability == null && faults == null) {
                    event(VernierEvent.Type.PHASE_STARTED, suite.name(), "RESOURCES phase of " + scenario.name());
                    Phases.load(suite, scenario, clock, this::snapshot, hooks);
                }
                resources = new ResourceAnalyzer(bottleneckRules).analyze(sampler.stop());
                resources.bottlenecks().forEach(b -> event(VernierEvent.Type.WARNING, suite.name(),
                        "bottleneck: " + b.description()));
                event(VernierEvent.Type.PHASE_FINISHED, suite.name(), "RESOURCES phase finished");
            }
        }
        return new ScenarioResult(ScenarioResult.SCHEMA_VERSION, suite.name(), scenario.name(), startedAt,
                (clock.nanoTime() - t0) / 1e9, throughput, latency, resources, scalability, faults, warnings,
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

    /** Stuck sender threads and clamped latencies become warnings (and a STUCK_THREAD event). */
    private void report(ProtocolSuite suite, LoadOutput out, List<String> warnings) {
        String phase = out.plan().phase();
        if (!out.stuckThreads().isEmpty()) {
            String message = phase + ": " + out.stuckThreads().size() + " thread(s) did not return from submit() and"
                    + " were left interrupted: " + out.stuckThreads();
            warnings.add(message);
            event(VernierEvent.Type.STUCK_THREAD, suite.name(), message);
        }
        long clamped = out.total().clamped();
        if (clamped > 0) {
            String message = phase + ": " + clamped + " latency value(s) exceeded the histogram range ("
                    + out.plan().highestTrackableNanos() / 1_000_000 + " ms) and were recorded at its maximum";
            warnings.add(message);
            event(VernierEvent.Type.WARNING, suite.name(), message);
        }
    }

    private void check(ProtocolSuite suite, String phase, GeneratorHealth health, List<String> warnings) {
        if (health.generatorLimited()) {
            String message = phase + ": " + health.verdict();
            warnings.add(message);
            LOG.warn("{} {}", suite.name(), message);
            event(VernierEvent.Type.GENERATOR_LIMITED, suite.name(), message);
        }
        event(VernierEvent.Type.PHASE_FINISHED, suite.name(), phase + " phase finished");
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
        for (RunListener l : listeners) {
            try {
                l.onSnapshot(s);
            } catch (RuntimeException e) {
                LOG.warn("listener {} failed on a snapshot", l, e);
            }
        }
    }

    private void event(VernierEvent.Type type, String suite, String message) {
        VernierEvent e = new VernierEvent(type, suite, message);
        for (RunListener l : listeners) {
            try {
                l.onEvent(e);
            } catch (RuntimeException ex) {
                LOG.warn("listener {} failed on an event", l, ex);
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

        /** @param listener receives snapshots and events */
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
