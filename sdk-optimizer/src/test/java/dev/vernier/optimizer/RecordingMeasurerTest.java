package dev.vernier.optimizer;

import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Metric;
import dev.vernier.api.tuning.Objective;
import dev.vernier.core.recording.OperationRecorder;
import dev.vernier.core.recording.Recording;
import dev.vernier.testkit.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tuning on production traffic: windows are differences of the node's own recording, and the
 * interleaved decisions hold while the offered load drifts (here it triples and falls back within a
 * session, which moves p99 and CPU far more than the configuration does).
 */
class RecordingMeasurerTest {

    /** Offered load: 500 ops/s, rising to 1,500 and back over 60 s of virtual time, again and again. */
    static double drifting(double seconds) {
        return 1_000 - 500 * Math.cos(2 * Math.PI * seconds / 60);
    }

    static TuningReport tune(SimulatedNode node, Objective objective, long seed) {
        RecordingMeasurer m = RecordingMeasurer.builder(node.recorder()).window(Duration.ofSeconds(2))
                .warmup(Duration.ofMillis(500)).cpuTime(node::cpuNanos).build();
        return TuningSession.builder(node, m).objective(objective).maxWindows(30).seed(seed).clock(node)
                .shutdownHook(false).build().run();
    }

    @Test
    void tunesP99UnderADriftingOfferedLoadWithoutAFalseKeepInTwentySeededRuns() {
        Objective p99 = Objective.minimize(Metric.P99_LATENCY_MS).atMost(Metric.ERROR_RATE, 0.01);
        int improved = 0;
        List<String> falseKeeps = new ArrayList<>();
        for (long seed = 1; seed <= 20; seed++) {
            SimulatedNode node = new SimulatedNode(RecordingMeasurerTest::drifting, 0.05, seed);
            TuningReport r = tune(node, p99, seed);
            Configuration incumbent = SimulatedNode.SPACE.defaults();
            for (TuningStep s : r.steps(Decision.KEEP)) {
                Configuration kept = new Configuration(s.proposal().configuration());
                if (!(SimulatedNode.medianMs(kept) < SimulatedNode.medianMs(incumbent))) {
                    falseKeeps.add("seed " + seed + ": kept " + kept + " over " + incumbent + " (" + s.reason() + ")");
                }
                incumbent = kept;
            }
            Configuration last = new Configuration(r.finalConfiguration());
            if (SimulatedNode.medianMs(last) <= 0.9 * SimulatedNode.medianMs(SimulatedNode.SPACE.defaults())) {
                improved++;
            }
            assertEquals(last, node.currentConfiguration(), "the node runs the final configuration");
        }
        assertEquals(List.of(), falseKeeps, "no change kept that is not truly better");
        assertTrue(improved >= 15, "p99 truly at least 10% better in " + improved + " of 20 sessions");
    }

    @Test
    void aKnobWithNoEffectIsNeverKeptWhileTheLoadDrifts() {
        Objective p99 = Objective.minimize(Metric.P99_LATENCY_MS);
        int kept = 0;
        for (long seed = 101; seed <= 120; seed++) {
            SimulatedNode node = new SimulatedNode(RecordingMeasurerTest::drifting, 0.05, seed);
            node.apply(Configuration.of("batchSize", 8)); // at its best: only the flat knob is left to change
            TuningReport r = tune(node, p99, seed);
            kept += r.keeps();
        }
        assertEquals(0, kept, "changes kept on a system already at its best");
    }

    @Test
    void cpuPerOperationIsTheProcessCpuOverTheWindowPerCommittedOperation() throws Exception {
        SimulatedNode node = new SimulatedNode(s -> 1_000, 0, 7);
        RecordingMeasurer m = RecordingMeasurer.builder(node.recorder()).window(Duration.ofSeconds(4))
                .warmup(Duration.ZERO).cpuTime(node::cpuNanos).build();
        Measurement w = m.measure(node.currentConfiguration());
        // 160 µs per operation at batch 1, no slowdown
        assertEquals(160, w.metrics().get(Metric.CPU_US_PER_OPERATION), 0.5, w.toString());
        assertEquals(1_000, w.metrics().get(Metric.THROUGHPUT), 60, "the offered load: " + w);
        assertTrue(w.metrics().get(Metric.P99_LATENCY_MS) > w.metrics().get(Metric.P50_LATENCY_MS));

        SimulatedNode flat = new SimulatedNode(s -> 1_000, 0.05, 8);
        TuningReport r = tune(flat, Objective.minimize(Metric.CPU_US_PER_OPERATION), 8);
        assertTrue(SimulatedNode.cpuMicros(new Configuration(r.finalConfiguration())) < 0.9 * 160,
                "CPU per operation tuned: " + r.finalConfiguration() + "\n" + r.toMarkdown());
    }

    @Test
    void aWindowIsTheDifferenceOfTwoSnapshotsOfTheNodesOwnRecording() throws Exception {
        ManualClock clock = new ManualClock();
        OperationRecorder rec = OperationRecorder.builder().clock(clock).build();
        OperationRecorder.Timer t = rec.timer("get");
        // before the window: slow operations that must not count
        for (int i = 0; i < 100; i++) {
            t.record(0, 500_000_000L);
        }
        List<Long> inWindow = new ArrayList<>();
        clock.schedule(1_500_000_000L, () -> {
            for (int i = 1; i <= 1_000; i++) {
                long ns = i * 10_000L; // 10 µs .. 10 ms
                t.record(clock.nanoTime(), clock.nanoTime() + ns);
                inWindow.add(ns);
            }
            t.recordFailure(clock.nanoTime(), clock.nanoTime() + 1);
        });
        RecordingMeasurer m = RecordingMeasurer.builder(rec).window(Duration.ofSeconds(2)).warmup(Duration.ofSeconds(1))
                .cpuTime(() -> -1).minOperations(0).build();
        Measurement w = clock.runAdvancing(() -> {
            try {
                return m.measure(Configuration.of("x", 1));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(3_000_000_000L, clock.nanoTime(), "warm-up 1 s, then a window of 2 s");
        assertEquals(9.9, w.metrics().get(Metric.P99_LATENCY_MS), 0.02, "the window's operations only: " + w);
        assertEquals(1.0 / 1_001, w.metrics().get(Metric.ERROR_RATE), 1e-12);
        assertEquals(500, w.metrics().get(Metric.THROUGHPUT), 1e-9, "1,000 committed in 2 s");
        assertTrue(!w.metrics().containsKey(Metric.CPU_US_PER_OPERATION), "no CPU figure when the platform has none");
        Recording all = rec.snapshot();
        assertEquals(1_100, all.all().committed(), "the recorder itself keeps everything");
    }

    @Test
    void littleTrafficIsSaidAndBadSettingsAreRejected() throws Exception {
        SimulatedNode quiet = new SimulatedNode(s -> 20, 0, 3);
        Measurement w = RecordingMeasurer.builder(quiet.recorder()).cpuTime(quiet::cpuNanos).build()
                .measure(quiet.currentConfiguration());
        assertTrue(w.loadLimit().startsWith("little traffic"), w.loadLimit());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RecordingMeasurer.builder(quiet.recorder()).window(Duration.ofMillis(10)));
        assertEquals("window must be at least 100 ms, but was PT0.01S", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> RecordingMeasurer.builder(null));
        assertTrue(e.getMessage().contains("recorder"), e.getMessage());
    }
}
