package dev.vernier.core;

import dev.vernier.api.ClusterControl;
import dev.vernier.api.FaultInjector;
import dev.vernier.api.NanoClock;
import dev.vernier.api.Phase;
import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.Scenario;
import dev.vernier.api.SuiteContext;
import dev.vernier.api.internal.Check;
import dev.vernier.core.alert.AlertEngine;
import dev.vernier.core.alert.AlertRule;
import dev.vernier.core.event.AlertFired;
import dev.vernier.core.event.RunListener;
import dev.vernier.core.event.RunWarning;
import dev.vernier.core.event.VernierEvent;
import dev.vernier.core.internal.engine.RunControl;
import dev.vernier.core.internal.phase.EventDispatcher;
import dev.vernier.core.internal.phase.RunContext;
import dev.vernier.core.internal.phase.ScenarioRunner;
import dev.vernier.core.internal.phase.UserCode;
import dev.vernier.core.resources.BottleneckRules;
import dev.vernier.core.resources.EnvironmentProbe;
import dev.vernier.core.resources.MetricSource;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.result.Warning;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadFactory;
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
 * <p>Thread-safe: runs are serialised (one at a time per instance); {@link #abort(String)} may be
 * called from any thread. Each run starts its own threads (from the {@link Builder#threadFactory
 * thread factory}) and ends them before returning; the instance holds no thread between runs. User
 * code runs under time limits: a suite's setup and teardown, each listener call, each capability
 * call (resize, a fault, verify); a call over its limit is interrupted, the run records a
 * {@link Warning.Kind#USER_CODE} warning and keeps what it measured.
 */
public final class Vernier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Vernier.class);

    private final Map<String, ProtocolSuite> suites;
    private final List<RunListener> listeners;
    private final NanoClock clock;
    private final Clock wallClock;
    private final ThreadFactory threads;
    private final UserCode.Limits limits;
    private final ScenarioRunner.Resources resources;
    private final List<AlertRule> alertRules;
    private volatile RunControl current;
    private volatile boolean closed;

    private Vernier(Builder b) {
        this.suites = new LinkedHashMap<>(b.suites);
        this.listeners = List.copyOf(b.listeners);
        this.clock = b.clock;
        this.wallClock = b.wallClock;
        this.threads = b.threads;
        this.limits = new UserCode.Limits(b.setupLimit, b.teardownLimit, b.listenerLimit, b.hookLimit);
        this.resources = new ScenarioRunner.Resources(b.bottleneckRules, b.resourceSources);
        this.alertRules = List.copyOf(b.alertRules);
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
     * Sets up the suite (under the setup time limit), runs the scenario's phases, tears the suite down
     * (under the teardown time limit; a teardown that fails or overruns is a warning in the result).
     *
     * @param suiteName a registered suite
     * @param scenario what to run
     * @return the result
     * @throws IllegalArgumentException for an unknown suite or a null scenario
     * @throws VernierException when the suite cannot be set up (or its setup overruns its limit) or
     *     lacks a capability a phase needs
     */
    public synchronized ScenarioResult run(String suiteName, Scenario scenario) {
        ProtocolSuite suite = suite(suiteName);
        Check.notNull("scenario", scenario);
        checkCapabilities(suite, scenario);
        try {
            UserCode.callSetup(suite, new SuiteContext(scenario.seed(), clock, scenario.name()), limits, clock,
                    threads);
        } catch (Exception e) {
            List<Warning> ignored = new ArrayList<>();
            teardown(suite, ignored);
            throw new VernierException("setup of suite '" + suiteName + "' failed: " + e.getMessage(), e);
        }
        ScenarioResult result;
        List<Warning> more = new ArrayList<>();
        try {
            result = measure(suite, scenario);
        } finally {
            teardown(suite, more);
        }
        return withWarnings(result, more);
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
     * @return the result (marked aborted, with what was measured, after {@link #abort})
     * @throws IllegalArgumentException for a null suite or scenario
     * @throws VernierException when the suite lacks a capability a phase needs
     * @throws java.util.concurrent.CancellationException when the calling thread is interrupted
     */
    public synchronized ScenarioResult measure(ProtocolSuite suite, Scenario scenario) {
        Check.notNull("suite", suite);
        Check.notNull("scenario", scenario);
        ensureOpen();
        checkCapabilities(suite, scenario);
        double loadAtStart = EnvironmentProbe.loadAverage(); // the rest after the run: OSHI's first use disturbs it
        RunControl control = new RunControl(clock);
        Alerts alerts = alertRules.isEmpty() ? null : new Alerts();
        List<RunListener> runListeners = listeners;
        if (alerts != null) {
            runListeners = new ArrayList<>(listeners);
            runListeners.add(alerts.engine);
        }
        EventDispatcher dispatcher = new EventDispatcher(runListeners, clock, threads, limits.listener());
        if (alerts != null) {
            alerts.publish = dispatcher::publish;
        }
        current = control;
        ScenarioResult result;
        List<Warning> more = new ArrayList<>();
        try {
            RunContext run = new RunContext(suite, scenario, clock, threads, dispatcher::publish, control, limits);
            result = ScenarioRunner.run(run, resources, wallClock.millis());
        } finally {
            current = null;
            List<Warning> listenerWarnings = dispatcher.finish();
            listenerWarnings.forEach(w -> LOG.warn("{}", w.message()));
            if (alerts != null) {
                more.addAll(alerts.warnings());
            }
            more.addAll(listenerWarnings);
        }
        return withWarnings(result.withEnvironment(EnvironmentProbe.capture(null, loadAtStart)), more);
    }

    /**
     * The scenario's alert rules for one run: evaluated on its interval snapshots, firings and
     * resolutions delivered to the listeners like any event and kept in the result as warnings; a
     * firing abort-on-fail rule aborts the run.
     */
    private final class Alerts {
        final AlertEngine engine;
        final List<Warning> fired = java.util.Collections.synchronizedList(new ArrayList<>());
        volatile java.util.function.Consumer<VernierEvent> publish = e -> { };

        Alerts() {
            this.engine = AlertEngine.builder().rules(alertRules).clock(clock).wallClock(wallClock)
                    .abortAction(reason -> abort("alert: " + reason))
                    .listener(e -> {
                        if (e instanceof AlertFired f) {
                            fired.add(new Warning(Warning.Kind.ALERT, null, f.describe()));
                        }
                        publish.accept(e);
                    })
                    .build();
        }

        List<Warning> warnings() {
            synchronized (fired) {
                return List.copyOf(fired);
            }
        }
    }

    /**
     * Ends the current run early: the load stops at once, what was measured is kept and returned,
     * phases not yet started are skipped, and the result says it was aborted and why
     * ({@link ScenarioResult#aborted()}, a {@link Warning.Kind#ABORTED} warning). Transactions in
     * flight are given up at once (timed out, with their latency lower bounds).
     *
     * <p>Thread-safe; for example called by an alert rule or another thread watching the system.
     *
     * @param reason why, for the result; not blank
     * @return true when a run was in progress
     * @throws IllegalArgumentException when the reason is blank
     */
    public boolean abort(String reason) {
        Check.notBlank("reason", reason);
        RunControl c = current;
        if (c == null) {
            return false;
        }
        c.abort(reason);
        return true;
    }

    private static ScenarioResult withWarnings(ScenarioResult r, List<Warning> more) {
        if (more.isEmpty()) {
            return r;
        }
        List<Warning> all = new ArrayList<>(r.warnings());
        all.addAll(more);
        return new ScenarioResult(r.schemaVersion(), r.suite(), r.scenario(), r.startedAtEpochMillis(),
                r.elapsedSeconds(), r.throughput(), r.latency(), r.resources(), r.scalability(), r.faultTolerance(), all,
                r.environment());
    }

    private void teardown(ProtocolSuite suite, List<Warning> warnings) {
        try {
            UserCode.callTeardown(suite, limits, clock, threads);
        } catch (Exception e) {
            LOG.warn("teardown of suite '{}' failed", suite.name(), e);
            Warning w = new Warning(Warning.Kind.USER_CODE, null, "teardown of suite '" + suite.name() + "' failed: "
                    + e.getMessage());
            warnings.add(w);
            for (RunListener l : listeners) {
                try {
                    l.onEvent(new RunWarning(suite.name(), "", w));
                } catch (RuntimeException ignored) {
                    // listeners are told on a best-effort basis here; the warning is in the result
                }
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

    /** Marks the instance closed. Suites are torn down after each run, so nothing else is held. */
    @Override
    public void close() {
        closed = true;
    }

    /** Collects suites, listeners, the clocks and time limits; not thread-safe. */
    public static final class Builder {
        private final Map<String, ProtocolSuite> suites = new LinkedHashMap<>();
        private final List<RunListener> listeners = new ArrayList<>();
        private NanoClock clock = NanoClock.system();
        private Clock wallClock = Clock.systemUTC();
        private ThreadFactory threads = Thread::new;
        private BottleneckRules bottleneckRules = BottleneckRules.defaults();
        private Supplier<List<? extends MetricSource>> resourceSources;
        private Duration setupLimit = UserCode.Limits.DEFAULTS.setup();
        private Duration teardownLimit = UserCode.Limits.DEFAULTS.teardown();
        private Duration listenerLimit = UserCode.Limits.DEFAULTS.listener();
        private Duration hookLimit = UserCode.Limits.DEFAULTS.hook();
        private List<AlertRule> alertRules = List.of();

        private Builder() {
        }

        /** @param rules bottleneck rules of the RESOURCES phase (default {@link BottleneckRules#defaults()}) */
        public Builder bottleneckRules(BottleneckRules rules) {
            this.bottleneckRules = Check.notNull("bottleneckRules", rules);
            return this;
        }

        /**
         * @param sources creates the metric sources of each RESOURCES phase (default: OSHI and JMX)
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

        /**
         * @param listener receives the run's events (phases, interval snapshots, verdicts, warnings) on
         *     a delivery thread of the run, in order; a call over the listener time limit is abandoned
         * @return this builder
         */
        public Builder listener(RunListener listener) {
            listeners.add(Check.notNull("listener", listener));
            return this;
        }

        /**
         * Alert rules evaluated on every interval snapshot of every run (see {@link AlertRule}, and
         * {@link AlertRule#defaults()} for the five of the source documents). A firing or resolving rule
         * reaches the listeners as {@link AlertFired} / {@link dev.vernier.core.event.AlertResolved}
         * events; a firing is kept in the result as an {@link Warning.Kind#ALERT} warning; a rule with
         * {@code abortOnFail} aborts the run ({@link #abort(String)}). Default: none.
         *
         * @param rules the rules, possibly empty; names must be unique
         * @return this builder
         * @throws IllegalArgumentException when rules is null, holds a null or uses a name twice
         */
        public Builder alertRules(List<AlertRule> rules) {
            Check.notNull("alertRules", rules);
            AlertEngine.builder().rules(rules); // the engine's checks, here rather than at the first run
            this.alertRules = List.copyOf(rules);
            return this;
        }

        /** @param clock the clock of every timestamp and every wait (default {@link NanoClock#system()}) */
        public Builder clock(NanoClock clock) {
            this.clock = Check.notNull("clock", clock);
            return this;
        }

        /** @param wallClock where a result's start date comes from (default {@link Clock#systemUTC()}) */
        public Builder wallClock(Clock wallClock) {
            this.wallClock = Check.notNull("wallClock", wallClock);
            return this;
        }

        /**
         * @param threads creates every thread a run starts (generator, clients, listener delivery,
         *     user-code calls, sampler); Vernier names them and makes them daemons (default: plain threads)
         * @return this builder
         */
        public Builder threadFactory(ThreadFactory threads) {
            this.threads = Check.notNull("threadFactory", threads);
            return this;
        }

        /** @param limit how long a suite's setup may take, positive, at most 365 days (default 2 min) */
        public Builder setupTimeLimit(Duration limit) {
            this.setupLimit = Check.positive("setupTimeLimit", limit);
            return this;
        }

        /** @param limit how long a suite's teardown may take, positive, at most 365 days (default 30 s) */
        public Builder teardownTimeLimit(Duration limit) {
            this.teardownLimit = Check.positive("teardownTimeLimit", limit);
            return this;
        }

        /** @param limit how long one listener call may take, positive, at most 365 days (default 1 s) */
        public Builder listenerTimeLimit(Duration limit) {
            this.listenerLimit = Check.positive("listenerTimeLimit", limit);
            return this;
        }

        /**
         * @param limit how long one capability call (resize, a fault, verify) may take, positive, at
         *     most 365 days (default 60 s)
         * @return this builder
         */
        public Builder hookTimeLimit(Duration limit) {
            this.hookLimit = Check.positive("hookTimeLimit", limit);
            return this;
        }

        /** @return the instance */
        public Vernier build() {
            return new Vernier(this);
        }
    }
}
