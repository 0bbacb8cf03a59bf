package dev.vernier.monitor;

import static dev.vernier.monitor.Fixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.Phase;
import dev.vernier.core.alert.AlertMetric;
import dev.vernier.core.alert.AlertRule;
import dev.vernier.core.alert.AlertSeverity;
import dev.vernier.core.event.AlertFired;
import dev.vernier.core.event.PhaseEnded;
import dev.vernier.core.event.PhaseStarted;
import dev.vernier.core.event.TuningEvent;
import dev.vernier.core.event.VernierEvent;
import dev.vernier.core.recording.OperationRecorder;
import dev.vernier.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The monitor without its server: what its points, alerts and run info say. */
class MonitorFeedTest {

    private static final long SECOND = 1_000_000_000L;
    private final ManualClock clock = new ManualClock();

    private Monitor.Builder quiet() {
        return Monitor.builder().serveHttp(false).sampleOnOwnThread(false).clock(clock)
                .resourceProbe(Fixtures.probe());
    }

    @Test
    void aRunSnapshotBecomesAPointWithItsOwnFiguresAndTheSampledResources() {
        try (Monitor monitor = quiet().alertRules(List.of()).start()) {
            monitor.sampleNow(); // reads CPU 25 %, heap 256 MiB of 1 GiB
            clock.advance(SECOND);
            monitor.onEvent(snapshot(1200, 400, 40));
            MonitorPoint p = monitor.latest().orElseThrow();
            assertEquals(MonitorPoint.RUN, p.source());
            assertEquals(2, p.seq());
            assertEquals(1200.0, p.throughputOpsPerSecond());
            assertEquals(1000.0, p.targetOpsPerSecond());
            assertEquals(1200L, p.committed());
            assertEquals(400L, p.errors());
            assertEquals(25.0, p.errorRatePercent(), 1e-9);
            assertEquals(20.0, p.p50Ms());
            assertEquals(40.0, p.p95Ms());
            assertEquals(60.0, p.p99Ms());
            assertEquals(80.0, p.maxMs());
            assertEquals(7L, p.inFlight());
            assertEquals(25.0, p.cpuPercent());
            assertEquals(25.0, p.memoryPercent(), 1e-9);
            assertEquals(1.0, p.elapsedSeconds(), 1e-9);
            assertEquals("THROUGHPUT", p.phase());
        }
    }

    @Test
    void aWindowOfTheNodesOwnTrafficGivesTheFiguresOfAnIndependentHistogram() {
        OperationRecorder recorder = OperationRecorder.builder().clock(clock).build();
        try (Monitor monitor = quiet().recorder("node-1", recorder).alertRules(List.of()).start()) {
            Histogram independent = new Histogram(Duration.ofSeconds(60).toNanos(), 3);
            SplittableRandom random = new SplittableRandom(42);
            int ok = 0;
            int failed = 0;
            for (int i = 0; i < 20_000; i++) {
                long latency = (long) (50_000 + random.nextDouble() * random.nextDouble() * 90_000_000);
                if (random.nextInt(50) == 0) {
                    recorder.recordFailure("put", 0, latency);
                    failed++;
                } else {
                    recorder.record(i % 3 == 0 ? "get" : "put", 0, latency);
                    independent.recordValue(latency);
                    ok++;
                }
            }
            clock.advance(4 * SECOND);
            MonitorPoint p = monitor.sampleNow().orElseThrow();
            assertEquals(MonitorPoint.RECORDER, p.source());
            assertEquals("node-1", p.suite());
            assertEquals(4.0, p.intervalSeconds(), 1e-9);
            assertEquals(ok / 4.0, p.throughputOpsPerSecond(), 1e-9);
            assertEquals((long) ok, p.committed());
            assertEquals((long) failed, p.errors());
            assertEquals(100.0 * failed / (ok + failed), p.errorRatePercent(), 1e-9);
            assertEquals(independent.getValueAtPercentile(50) / 1e6, p.p50Ms(), 0.0);
            assertEquals(independent.getValueAtPercentile(99) / 1e6, p.p99Ms(), 0.0);
            assertEquals(independent.getMaxValue() / 1e6, p.maxMs(), independent.getMaxValue() / 1e6 * 1e-3);
            // the next window holds only what came after
            recorder.record("put", 0, 1_000_000);
            clock.advance(SECOND);
            MonitorPoint next = monitor.sampleNow().orElseThrow();
            assertEquals(1L, next.committed());
            assertEquals(1.0, next.p99Ms(), 0.01);
            assertEquals(List.of("recorder:node-1"), monitor.runInfo().feeds());
        }
    }

    @Test
    void resourceOnlyPointsAppearOnlyWhileNoTrafficIsReported() {
        try (Monitor monitor = quiet().alertRules(List.of()).start()) {
            assertEquals(MonitorPoint.IDLE, monitor.sampleNow().orElseThrow().source());
            clock.advance(SECOND);
            monitor.onEvent(snapshot(100, 0, 5));
            clock.advance(SECOND);
            assertEquals(Optional.empty(), monitor.sampleNow(), "a run snapshot came 1 s ago");
            clock.advance(400_000_000L);
            assertEquals(Optional.empty(), monitor.sampleNow(), "1.4 s: still within 1.5 intervals");
            clock.advance(200_000_000L);
            MonitorPoint idle = monitor.sampleNow().orElseThrow();
            assertEquals(MonitorPoint.IDLE, idle.source());
            assertNull(idle.throughputOpsPerSecond());
            assertEquals(25.0, idle.cpuPercent());
            assertEquals(3, monitor.points(100).size());
        }
    }

    @Test
    void keepsTheLastHistoryPointsOnly() {
        try (Monitor monitor = quiet().history(5).alertRules(List.of()).start()) {
            for (int i = 1; i <= 12; i++) {
                clock.advance(SECOND);
                monitor.onEvent(snapshot(i, 0, 5));
            }
            List<MonitorPoint> kept = monitor.points(100);
            assertEquals(5, kept.size());
            assertEquals(8, kept.get(0).seq());
            assertEquals(12, kept.get(4).seq());
            assertEquals(12.0, kept.get(4).throughputOpsPerSecond());
        }
    }

    @Test
    void pointsAreEvaluatedByTheAlertRulesAndAnAbortOnFailRuleAbortsOnce() {
        AlertRule errors = AlertRule.builder("errors").metric(AlertMetric.ERROR_RATE).above(5)
                .forDuration(Duration.ofSeconds(3)).severity(AlertSeverity.CRITICAL).abortOnFail().build();
        List<String> aborts = new ArrayList<>();
        List<VernierEvent> alerts = new ArrayList<>();
        try (Monitor monitor = quiet().alertRules(List.of(errors)).abortAction(aborts::add)
                .alertListener(alerts::add).start()) {
            for (int i = 0; i < 2; i++) {
                clock.advance(SECOND);
                monitor.onEvent(snapshot(100, 100, 5));
            }
            assertEquals(List.of(), alerts, "two one-second intervals: held 2 s of 3");
            for (int i = 0; i < 10; i++) {
                clock.advance(SECOND);
                monitor.onEvent(snapshot(100, 100, 5));
            }
            assertEquals(1, alerts.size());
            AlertFired fired = (AlertFired) alerts.get(0);
            assertEquals(3 * SECOND, fired.atNanos(), "fired with the third breaching interval");
            assertEquals("raft", fired.suite());
            assertEquals(50.0, fired.value(), 1e-9);
            assertEquals(1, aborts.size());
            assertTrue(aborts.get(0).startsWith("alert 'errors' fired"), aborts.get(0));
            assertEquals(1, monitor.alerts().active().size());
        }
    }

    @Test
    void theRunInfoFollowsPhasesAndTuningSteps() {
        try (Monitor monitor = quiet().title("Raft lab").alertRules(List.of()).start()) {
            monitor.onEvent(new PhaseStarted("raft", "crash", Phase.FAULT_TOLERANCE));
            assertEquals("FAULT_TOLERANCE", monitor.runInfo().phase());
            monitor.onEvent(new TuningEvent() {
                @Override
                public String describe() {
                    return "step 3: batch size 32 -> 64, +12 % (kept)";
                }

                @Override
                public String suite() {
                    return "raft";
                }
            });
            monitor.onEvent(new PhaseEnded("raft", "crash", Phase.FAULT_TOLERANCE, 6.5));
            RunInfo info = monitor.runInfo();
            assertNull(info.phase());
            assertEquals("FAULT_TOLERANCE", info.lastPhase());
            assertEquals("step 3: batch size 32 -> 64, +12 % (kept)", info.tuningStep());
            assertEquals("Raft lab", info.title());
            assertEquals(List.of("phase", "tuning", "phase"), info.events().stream().map(RunInfo.Event::kind).toList());
            assertEquals("FAULT_TOLERANCE phase of crash ended after 6.5 s", info.events().get(2).text());
        }
    }
}
