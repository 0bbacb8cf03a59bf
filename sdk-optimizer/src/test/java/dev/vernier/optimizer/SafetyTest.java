package dev.vernier.optimizer;

import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Metric;
import dev.vernier.api.tuning.Objective;
import dev.vernier.api.tuning.Parameter;
import dev.vernier.api.tuning.ParameterSpace;
import dev.vernier.api.tuning.Tunable;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

/** Revert, restore on failure and cancellation, with a mocked Tunable. */
class SafetyTest {

    private static final ParameterSpace SPACE = ParameterSpace.of(Parameter.integer("batch", 1, 100, 50));
    private static final Configuration START = SPACE.defaults();

    private static Tunable mockTunable() {
        Tunable t = mock(Tunable.class);
        when(t.parameterSpace()).thenReturn(SPACE);
        when(t.currentConfiguration()).thenReturn(START);
        return t;
    }

    private static Measurement window(double v) {
        return Measurement.of(Map.of(Metric.THROUGHPUT, v, Metric.P99_LATENCY_MS, 10.0),
                List.of(v * 0.99, v * 1.01, v, v * 0.995, v * 1.005));
    }

    private static Configuration lastApplied(Tunable t) throws Exception {
        ArgumentCaptor<Configuration> c = ArgumentCaptor.forClass(Configuration.class);
        verify(t, atLeastOnce()).apply(c.capture());
        return c.getAllValues().get(c.getAllValues().size() - 1);
    }

    @Test
    void worseChangeIsReverted() throws Exception {
        Tunable t = mockTunable();
        TuningReport r = TuningSession.builder(t, c -> window(c.getInt("batch") == 50 ? 1000 : 600))
                .maxWindows(14).seed(1).shutdownHook(false).build().run();
        assertEquals(START, lastApplied(t));
        assertEquals(START.values(), r.finalConfiguration());
        assertTrue(r.steps(Decision.REVERT).size() >= 3, r.steps().toString());
        assertEquals(r.steps().size() - 1, r.steps(Decision.REVERT).size(), "every proposal was reverted");
        InOrder order = inOrder(t);
        order.verify(t).apply(argThat(c -> c.getInt("batch") != 50));
        order.verify(t).apply(START);
    }

    @Test
    void constraintBreachIsReverted() throws Exception {
        Tunable t = mockTunable();
        Measurer m = c -> c.getInt("batch") == 50 ? window(1000)
                : Measurement.of(Map.of(Metric.THROUGHPUT, 5000.0, Metric.P99_LATENCY_MS, 80.0), List.of(5000.0, 5001.0, 4999.0));
        TuningReport r = TuningSession.builder(t, m).objective(Objective.maximize(Metric.THROUGHPUT).atMost(Metric.P99_LATENCY_MS, 50))
                .maxWindows(6).shutdownHook(false).build().run();
        assertEquals(2, r.steps(Decision.REVERT_CONSTRAINT).size(), "each reverted after one pair: " + r.steps());
        assertEquals(START, lastApplied(t));
    }

    @Test
    void betterChangeIsKept() {
        Synthetic sys = new Synthetic();
        TuningReport r = TuningSession.builder(sys, c -> window(Synthetic.throughput(c))).maxWindows(10).seed(3)
                .shutdownHook(false).build().run();
        assertTrue(r.keeps() > 0);
        assertEquals(new Configuration(r.finalConfiguration()), sys.currentConfiguration());
        assertTrue(r.throughputGain() > 1.05, "gain " + r.throughputGain());
    }

    @Test
    void failureWhileApplyingRestoresLastGood() throws Exception {
        Tunable t = mockTunable();
        doThrow(new IllegalStateException("node refused")).when(t).apply(argThat(c -> c.getInt("batch") != 50));
        TuningReport r = TuningSession.builder(t, c -> window(1000)).maxWindows(5).shutdownHook(false).build().run();
        assertEquals(TuningReport.Outcome.FAILED, r.outcome());
        assertTrue(r.failure().contains("node refused"));
        assertEquals(START, lastApplied(t));
        assertEquals(Decision.FAILED, r.steps().get(r.steps().size() - 1).decision());
    }

    @Test
    void measurerFailureRestoresLastGood() throws Exception {
        Tunable t = mockTunable();
        AtomicInteger calls = new AtomicInteger();
        TuningReport r = TuningSession.builder(t, c -> {
            if (calls.incrementAndGet() == 5) { // warm-up, two baseline blocks, the incumbent's block, then the candidate's
                throw new java.io.IOException("lost connection");
            }
            return window(1000);
        }).maxWindows(5).shutdownHook(false).build().run();
        assertEquals(TuningReport.Outcome.FAILED, r.outcome());
        assertEquals(START, lastApplied(t));
    }

    @Test
    void cancellationRestoresLastGood() throws Exception {
        Tunable t = mockTunable();
        AtomicReference<TuningSession> session = new AtomicReference<>();
        AtomicInteger calls = new AtomicInteger();
        session.set(TuningSession.builder(t, c -> {
            if (calls.incrementAndGet() == 5) {
                session.get().cancel();
                throw new InterruptedException("window interrupted");
            }
            return window(1000);
        }).maxWindows(5).build());
        TuningReport r = session.get().run();
        assertEquals(TuningReport.Outcome.CANCELLED, r.outcome());
        assertEquals(START, lastApplied(t));
        assertFalse(Thread.interrupted(), "cancel() must not leave the caller interrupted");
    }

    @Test
    void interruptRestoresLastGoodAndKeepsInterruptStatus() throws Exception {
        Tunable t = mockTunable();
        AtomicInteger calls = new AtomicInteger();
        TuningReport r = TuningSession.builder(t, c -> {
            if (calls.incrementAndGet() == 5) {
                Thread.currentThread().interrupt();
            }
            return window(1000);
        }).maxWindows(10).shutdownHook(false).build().run();
        boolean interrupted = Thread.interrupted();
        assertTrue(interrupted);
        assertEquals(TuningReport.Outcome.CANCELLED, r.outcome());
        assertEquals(START, lastApplied(t));
    }

    @Test
    void builderRejectsInvalidValuesNamingThem() {
        Tunable t = mockTunable();
        Measurer m = c -> window(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TuningSession.builder(t, m).keepThreshold(-0.1));
        assertTrue(e.getMessage().contains("keepThreshold") && e.getMessage().contains("-0.1"));
        assertThrows(IllegalArgumentException.class, () -> TuningSession.builder(t, m).maxWindows(1));
        assertThrows(IllegalArgumentException.class, () -> TuningSession.builder(t, m).confidence(1.5));
        assertThrows(IllegalArgumentException.class, () -> TuningSession.builder(t, m).maxStep(0));
        assertThrows(IllegalArgumentException.class, () -> TuningSession.builder(null, m));
    }

    @Test
    void runsOnlyOnce() {
        TuningSession s = TuningSession.builder(mockTunable(), c -> window(1)).maxWindows(2).shutdownHook(false).build();
        s.run();
        assertThrows(IllegalStateException.class, s::run);
    }

}
