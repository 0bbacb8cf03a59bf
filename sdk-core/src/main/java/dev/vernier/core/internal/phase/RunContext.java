package dev.vernier.core.internal.phase;

import dev.vernier.api.NanoClock;
import dev.vernier.api.Phase;
import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.Scenario;
import dev.vernier.core.event.RunWarning;
import dev.vernier.core.event.VernierEvent;
import dev.vernier.core.internal.engine.LoadContext;
import dev.vernier.core.internal.engine.LoadOutput;
import dev.vernier.core.internal.engine.LoadPlan;
import dev.vernier.core.internal.engine.LoadRunner;
import dev.vernier.core.internal.engine.RunControl;
import dev.vernier.core.result.Warning;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Everything the phases of one scenario run share: the suite and scenario, the clock and thread
 * factory, where events go, the abort control, the limits on user code, and the warnings raised so
 * far. Data flows one way: {@link ScenarioRunner} fills it, the phase runners read it and add
 * warnings. Not thread-safe apart from {@link #warn} (faults are carried out on their own thread).
 */
public final class RunContext {

    final ProtocolSuite suite;
    final Scenario scenario;
    final NanoClock clock;
    final ThreadFactory threads;
    final Consumer<VernierEvent> events;
    final RunControl control;
    final UserCode.Limits limits;
    private final List<Warning> warnings = Collections.synchronizedList(new ArrayList<>());
    Runnable onMeasuredStart = () -> { };
    Supplier<double[]> resourceFigures = () -> null;

    /**
     * @param suite the system under test
     * @param scenario what to run
     * @param clock the clock of every timestamp and wait
     * @param threads the factory of the run's threads
     * @param events where events go (must not block)
     * @param control abort requests
     * @param limits time limits of user code
     */
    public RunContext(ProtocolSuite suite, Scenario scenario, NanoClock clock, ThreadFactory threads,
                      Consumer<VernierEvent> events, RunControl control, UserCode.Limits limits) {
        this.suite = suite;
        this.scenario = scenario;
        this.clock = clock;
        this.threads = threads;
        this.events = events;
        this.control = control;
        this.limits = limits;
    }

    /** Records a warning in the result and sends it to the listeners. */
    void warn(Warning.Kind kind, Phase phase, String message) {
        Warning w = new Warning(kind, phase, message);
        warnings.add(w);
        events.accept(new RunWarning(suite.name(), scenario.name(), w));
    }

    /** @return the warnings so far */
    List<Warning> warnings() {
        synchronized (warnings) {
            return List.copyOf(warnings);
        }
    }

    /** @return what a load run of this scenario is given */
    LoadContext loadContext() {
        return new LoadContext(suite, clock, threads, events::accept, onMeasuredStart, resourceFigures, control);
    }

    /** Runs one load and turns what it says about itself (stuck threads, clamped values, the accounting) into warnings. */
    LoadOutput execute(LoadPlan plan, LoadContext context) {
        LoadOutput out = new LoadRunner(plan, context).execute();
        Phase phase = plan.phase();
        if (!out.stuckThreads().isEmpty()) {
            warn(Warning.Kind.STUCK_THREAD, phase, out.stuckThreads().size() + " thread(s) did not return from"
                    + " submit() and were left interrupted: " + out.stuckThreads());
        }
        long clamped = out.total().clamped();
        if (clamped > 0) {
            warn(Warning.Kind.CLAMPED_LATENCY, phase, clamped + " latency value(s) exceeded the histogram range ("
                    + plan.highestTrackableNanos() / 1_000_000 + " ms) and were recorded at its maximum");
        }
        if (!out.accountingHolds()) {
            warn(Warning.Kind.ACCOUNTING, phase, "outcomes " + out.total().outcomes() + " do not add up to the "
                    + out.scheduled() + " transactions scheduled");
        }
        return out;
    }

    /** @return the load with default hooks */
    LoadOutput execute(LoadPlan plan) {
        return execute(plan, loadContext());
    }
}
