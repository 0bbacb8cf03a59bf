package dev.vernier.optimizer;

import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Metric;
import dev.vernier.api.tuning.Parameter;
import dev.vernier.api.tuning.ParameterSpace;
import dev.vernier.api.tuning.Objective;
import dev.vernier.optimizer.internal.Calibration;
import dev.vernier.optimizer.internal.Proposer;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Defects found in review of the tuning session, each pinned by the case that showed it. */
class SessionReviewTest {

    /** Once the shutdown hook has restored the last good configuration, nothing else is applied. */
    @Test
    void afterTheShutdownHookRestoresNoNewProposalIsApplied() throws Exception {
        Synthetic wrapped = new Synthetic();
        int[] appliedAtHook = {-1};
        TuningSession[] holder = new TuningSession[1];
        int[] windows = new int[1];
        Measurer m = cfg -> {
            if (++windows[0] == 5) { // the JVM starts shutting down while a proposal is measured
                Method shutdown = TuningSession.class.getDeclaredMethod("shutdown");
                shutdown.setAccessible(true);
                Thread hook = new Thread(() -> {
                    try {
                        shutdown.invoke(holder[0]);
                    } catch (ReflectiveOperationException e) {
                        throw new RuntimeException(e);
                    }
                });
                hook.start();
                boolean interrupted = false;
                while (hook.isAlive()) {
                    try {
                        hook.join();
                    } catch (InterruptedException e) {
                        interrupted = true; // the hook interrupts the session's thread, as a real shutdown does
                    }
                }
                appliedAtHook[0] = wrapped.applied.size();
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
            }
            double v = Synthetic.throughput(cfg);
            return Measurement.of(Map.of(Metric.THROUGHPUT, v), List.of(v, v * 1.001, v * 0.999));
        };
        holder[0] = TuningSession.builder(wrapped, m).maxWindows(6).seed(3).shutdownHook(false).build();
        TuningReport r = holder[0].run();
        List<Configuration> after = wrapped.applied.subList(appliedAtHook[0], wrapped.applied.size());
        assertTrue(after.isEmpty(), "applied after the shutdown hook restored: " + after + " (outcome " + r.outcome()
                + ", windows " + r.windows() + ")");
        assertEquals(TuningReport.Outcome.CANCELLED, r.outcome());
        assertTrue(!Thread.currentThread().isInterrupted(), "the session's own cancel leaves no stray interrupt");
    }

    /** A 4-choice parameter moves at most maxStep (0.5: one choice), never two. */
    @Test
    void choiceProposalRespectsMaxStep() {
        ParameterSpace space = ParameterSpace.of(Parameter.choice("codec", List.of("a", "b", "c", "d"), "a"));
        Proposer p = new Proposer(space, Objective.maximize(Metric.THROUGHPUT), RandomForestSurrogate::new,
                new Proposer.Settings(1, 0, 0.5, 10, false, 0.6, 0.05), Calibration.IDENTITY);
        Configuration out = p.bound(Configuration.of("codec", "d"), space.defaults());
        double moved = Math.abs(space.toUnit(out)[0] - space.toUnit(space.defaults())[0]);
        assertTrue(moved <= 0.5 + 1e-9, "moved " + moved + " in unit coordinates to " + out);
    }

    /** An advisor below a 0.9 threshold yields to the initial design instead of ending the session. */
    @Test
    void advisorBelowThresholdDoesNotEndTheSession() {
        Synthetic sys = new Synthetic();
        Measurer m = cfg -> {
            double v = Synthetic.throughput(cfg);
            return new Measurement(Map.of(Metric.THROUGHPUT, v), List.of(v, v * 1.001, v * 0.999),
                    Map.of(Measurement.MAX_THROUGHPUT, 2 * v, Measurement.OPTIMAL_THROUGHPUT, v));
        };
        TuningReport r = TuningSession.builder(sys, m).maxWindows(10).confidence(0.9).seed(1).shutdownHook(false).build().run();
        assertTrue(r.windows() > 1, "session stopped after " + r.windows() + " window(s); steps " + r.steps());
    }
}
