package dev.vernier.core.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.Phase;
import dev.vernier.core.event.AlertEvent;
import dev.vernier.core.event.AlertFired;
import dev.vernier.core.event.AlertResolved;
import dev.vernier.core.event.IntervalSnapshot;
import dev.vernier.core.event.VernierEvent;
import dev.vernier.core.recording.OperationRecorder;
import dev.vernier.core.recording.Recording;
import dev.vernier.testkit.ManualClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class AlertEngineTest {

    private static final long SECOND = 1_000_000_000L;

    private final ManualClock clock = new ManualClock();
    private final List<VernierEvent> delivered = new ArrayList<>();

    private static AlertRule cpuAbove80For30s() {
        return AlertRule.builder("High CPU Usage").metric(AlertMetric.CPU).above(80)
                .forDuration(Duration.ofSeconds(30)).severity(AlertSeverity.WARNING).build();
    }

    private AlertEngine engine(AlertRule... rules) {
        return AlertEngine.builder().rules(List.of(rules)).clock(clock)
                .wallClock(Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC))
                .listener(delivered::add).build();
    }

    private static AlertSample cpu(double percent) {
        return new AlertSample("node-1", 0, 100, 0, 1, 2, 3, 4, percent, 50);
    }

    /** Evaluates the sample once a second for {@code seconds} evaluations; returns what was raised. */
    private List<AlertEvent> everySecond(AlertEngine engine, AlertSample sample, int seconds) {
        List<AlertEvent> raised = new ArrayList<>();
        for (int i = 0; i < seconds; i++) {
            raised.addAll(engine.evaluate(sample));
            clock.advance(SECOND);
        }
        return raised;
    }

    @Test
    void conditionHeldForLessThanItsDurationDoesNotFire() {
        AlertEngine engine = engine(cpuAbove80For30s());
        // breaching at t = 0 .. 29 s: 29 s of holding, one short of 30
        assertEquals(List.of(), everySecond(engine, cpu(95), 30));
        // one interval back to normal resets the pending time
        assertEquals(List.of(), engine.evaluate(cpu(50)));
        assertEquals(List.of(), everySecond(engine, cpu(95), 30));
        assertEquals(List.of(), engine.active());
        assertEquals(List.of(), delivered);
        assertEquals(AlertEngine.RuleState.Status.PENDING, engine.states().get(0).status());
    }

    @Test
    void firesOnceWhenHeldForItsDurationAndStaysActive() {
        AlertEngine engine = engine(cpuAbove80For30s());
        List<AlertEvent> raised = everySecond(engine, cpu(95), 120);
        assertEquals(1, raised.size());
        AlertFired fired = assertInstanceOf(AlertFired.class, raised.get(0));
        assertEquals(30 * SECOND, fired.atNanos(), "fires at the first evaluation 30 s after the first breach");
        assertEquals(0, fired.pendingSinceNanos());
        assertEquals(30.0, fired.heldSeconds(), 1e-9);
        assertEquals(95.0, fired.value());
        assertEquals("node-1", fired.suite());
        assertEquals(AlertSeverity.WARNING, fired.severity());
        assertEquals(Instant.parse("2025-01-01T00:00:00Z").toEpochMilli(), fired.epochMillis());
        assertEquals(List.of(fired), engine.active());
        assertEquals(List.of(fired), delivered);
        assertEquals(AlertEngine.RuleState.Status.FIRING, engine.states().get(0).status());
    }

    @Test
    void aBreachStartsWithItsIntervalSoTenBreachingOneSecondIntervalsFireATenSecondRule() {
        AlertRule latency = AlertRule.builder("High Latency").metric(AlertMetric.LATENCY_P95).above(1000)
                .forDuration(Duration.ofSeconds(10)).severity(AlertSeverity.CRITICAL).build();
        AlertEngine engine = engine(latency);
        AlertSample slow = new AlertSample("raft", 1.0, 100, 0, 500, 1500, 2000, 2500, 10, 10);
        clock.set(SECOND); // the first interval covers 0 .. 1 s
        List<AlertEvent> raised = everySecond(engine, slow, 9);
        assertEquals(List.of(), raised, "nine intervals: 9 s");
        AlertFired fired = (AlertFired) engine.evaluate(slow).get(0);
        assertEquals(10 * SECOND, fired.atNanos());
        assertEquals(0, fired.pendingSinceNanos(), "the breach began with the first breaching interval");
        assertEquals(10.0, fired.heldSeconds(), 1e-9);
    }

    @Test
    void twoBreachingHalfSecondIntervalsFireAOneSecondRuleEvenWhenDeliveredSlightlyLessThanHalfASecondApart() {
        AlertRule errors = AlertRule.builder("errors").metric(AlertMetric.ERROR_RATE).above(1)
                .forDuration(Duration.ofSeconds(1)).build();
        AlertEngine engine = engine(errors);
        // the engine cuts snapshots at or after each deadline, so each covers a little over 500 ms;
        // the listener may see them a few microseconds closer together than that
        AlertSample first = new AlertSample("raft", 0.500_012, 2000, 47, 1, 2, 3, 4, 10, 10);
        AlertSample second = new AlertSample("raft", 0.500_009, 2000, 15, 1, 2, 3, 4, 10, 10);
        clock.set(10 * SECOND);
        assertEquals(List.of(), engine.evaluate(first));
        clock.advance(499_990_000L);
        AlertFired fired = (AlertFired) engine.evaluate(second).get(0);
        assertEquals(1.000_021, fired.heldSeconds(), 1e-9, "the two intervals' lengths, not the gap between calls");
    }

    @Test
    void resolvesWhenTheConditionNoLongerHolds() {
        AlertEngine engine = engine(cpuAbove80For30s());
        AlertFired fired = (AlertFired) everySecond(engine, cpu(95), 31).get(0);
        clock.advance(9 * SECOND); // now t = 40 s
        List<AlertEvent> raised = engine.evaluate(cpu(79.9));
        AlertResolved resolved = assertInstanceOf(AlertResolved.class, raised.get(0));
        assertEquals(fired.alertId(), resolved.alertId());
        assertEquals(10.0, resolved.activeSeconds(), 1e-9);
        assertEquals(79.9, resolved.value());
        assertEquals(List.of(), engine.active());
        assertEquals(List.of(fired, resolved), engine.history());
        assertEquals(List.of(fired, resolved), delivered);
        // a new breach starts a new pending time and, later, a new alert with a new number
        List<AlertEvent> again = everySecond(engine, cpu(99), 31);
        assertEquals(1, again.size());
        assertEquals(fired.alertId() + 1, again.get(0).alertId());
    }

    @Test
    void aMissingFigureResetsAPendingRuleAndResolvesAFiringOne() {
        AlertEngine engine = engine(cpuAbove80For30s());
        everySecond(engine, cpu(95), 20);
        engine.evaluate(cpu(Double.NaN));
        assertEquals(List.of(), everySecond(engine, cpu(95), 30), "the pending time restarted after no data");
        assertEquals(1, everySecond(engine, cpu(95), 1).size());
        AlertResolved resolved = (AlertResolved) engine.evaluate(cpu(Double.NaN)).get(0);
        assertTrue(Double.isNaN(resolved.value()));
        assertTrue(resolved.describe().contains("no data"), resolved.describe());
    }

    @Test
    void aValueEqualToTheThresholdDoesNotBreachAboveButDoesAtOrAbove() {
        AlertRule above = AlertRule.builder("above").metric(AlertMetric.CPU).above(80).build();
        AlertRule atOrAbove = AlertRule.builder("at-or-above").metric(AlertMetric.CPU)
                .when(AlertComparator.AT_OR_ABOVE, 80).build();
        AlertEngine engine = engine(above, atOrAbove);
        List<AlertEvent> raised = engine.evaluate(cpu(80));
        assertEquals(List.of("at-or-above"), raised.stream().map(e -> e.rule().name()).collect(Collectors.toList()));
    }

    @Test
    void theFiveDefaultRulesFireAfterTheirOwnDurationsWithTheirOwnSeverities() {
        AlertEngine engine = AlertEngine.builder().clock(clock).build();
        // everything wrong at once: 2 ops/s, 50 % errors, p95 2 s, CPU 99 %, heap 90 %
        AlertSample bad = new AlertSample("raft", 0, 2, 50, 500, 2_000, 3_000, 4_000, 99, 90);
        List<AlertEvent> raised = everySecond(engine, bad, 61);
        Map<String, AlertFired> byName = raised.stream().map(AlertFired.class::cast)
                .collect(Collectors.toMap(e -> e.rule().name(), Function.identity()));
        assertEquals(5, byName.size(), byName.keySet().toString());
        assertFired(byName.get("High CPU Usage"), 30, AlertSeverity.WARNING);
        assertFired(byName.get("High Memory Usage"), 30, AlertSeverity.WARNING);
        assertFired(byName.get("High Latency"), 10, AlertSeverity.CRITICAL);
        assertFired(byName.get("High Error Rate"), 10, AlertSeverity.CRITICAL);
        assertFired(byName.get("Low Throughput"), 60, AlertSeverity.WARNING);
        // fired in the order their durations ran out
        assertEquals(List.of("High Latency", "High Error Rate", "High CPU Usage", "High Memory Usage",
                "Low Throughput"), engine.active().stream().map(a -> a.rule().name()).collect(Collectors.toList()));
    }

    private static void assertFired(AlertFired fired, int atSecond, AlertSeverity severity) {
        assertEquals(atSecond * SECOND, fired.atNanos(), fired.rule().name());
        assertEquals(severity, fired.severity(), fired.rule().name());
    }

    @Test
    void theAbortActionIsCalledOnceWhileAbortOnFailAlertsAreActive() {
        AlertRule errors = AlertRule.builder("errors").metric(AlertMetric.ERROR_RATE).above(5)
                .forDuration(Duration.ofSeconds(2)).severity(AlertSeverity.CRITICAL).abortOnFail().build();
        AlertRule latency = AlertRule.builder("latency").metric(AlertMetric.LATENCY_P99).above(100)
                .forDuration(Duration.ofSeconds(2)).severity(AlertSeverity.CRITICAL).abortOnFail().build();
        List<String> reasons = new ArrayList<>();
        AlertEngine engine = AlertEngine.builder().rules(List.of(errors, latency)).clock(clock)
                .abortAction(reasons::add).build();
        AlertSample bad = new AlertSample("raft", 0, 100, 40, 10, 150, 200, 300, 10, 10);
        everySecond(engine, bad, 10);
        assertEquals(2, engine.active().size(), "both rules fired");
        assertEquals(List.of("alert 'errors' fired: error rate 40 % (rule: > 5 % for 2 s)"), reasons);
        // the first resolves, the second is still active: no new abort when the first fires again
        everySecond(engine, new AlertSample("raft", 0, 100, 0, 10, 150, 200, 300, 10, 10), 1);
        everySecond(engine, bad, 5);
        assertEquals(1, reasons.size());
        // once none is active, a new abort-on-fail alert aborts again (a later run)
        AlertSample good = new AlertSample("raft", 0, 100, 0, 10, 20, 30, 40, 10, 10);
        everySecond(engine, good, 1);
        everySecond(engine, bad, 3);
        assertEquals(2, reasons.size());
        assertEquals(2, engine.aborts());
    }

    @Test
    void aFailingListenerOrAbortActionDoesNotStopTheOthers() {
        AlertRule rule = AlertRule.builder("errors").metric(AlertMetric.ERROR_RATE).above(5).abortOnFail().build();
        List<VernierEvent> second = new ArrayList<>();
        AlertEngine engine = AlertEngine.builder().rules(List.of(rule)).clock(clock)
                .listener(e -> {
                    throw new IllegalStateException("listener down");
                })
                .listener(second::add)
                .abortAction(reason -> {
                    throw new IllegalStateException("abort failed");
                })
                .build();
        assertEquals(1, engine.evaluate(new AlertSample("s", 0, 1, 50, 1, 1, 1, 1, 1, 1)).size());
        assertEquals(1, second.size());
        assertEquals(1, engine.aborts());
    }

    @Test
    void intervalSnapshotsOfARunAreEvaluated() {
        AlertRule errors = AlertRule.builder("errors").metric(AlertMetric.ERROR_RATE).above(5).build();
        AlertRule memory = AlertRule.builder("memory").metric(AlertMetric.MEMORY).above(85).build();
        AlertEngine engine = AlertEngine.builder().rules(List.of(errors, memory)).clock(clock)
                .heapMaxBytes(1_000_000_000L).listener(delivered::add).build();
        engine.onEvent(snapshot(90, 10, 900e6)); // 90 committed, 10 failed: 10 % errors; heap 90 % of 1 GB
        assertEquals(2, delivered.size());
        AlertFired fired = (AlertFired) delivered.get(0);
        assertEquals("suite-a", fired.suite());
        assertEquals(10.0, fired.value(), 1e-9);
        assertEquals(90.0, ((AlertFired) delivered.get(1)).value(), 1e-9);
        engine.onEvent(snapshot(0, 0, null)); // nothing ended, no resource sample: no data
        assertEquals(4, delivered.size());
        assertInstanceOf(AlertResolved.class, delivered.get(3));
    }

    /** A one-second snapshot; its success rate counts 5 transactions still in flight, as the engine's does. */
    private static IntervalSnapshot snapshot(double committed, long errors, Double heapBytes) {
        double sent = committed + errors + 5;
        return new IntervalSnapshot("suite-a", "sc", Phase.THROUGHPUT, false, 0, 1, 1, 100, committed,
                committed / sent, errors, 5, 1, 2, 3, 4, 0, null, heapBytes);
    }

    @Test
    void aWindowOfANodesOwnTrafficGivesTheFiguresOfAnIndependentHistogramOfTheSameOperations() {
        OperationRecorder recorder = OperationRecorder.builder().clock(clock).build();
        Histogram independent = new Histogram(Duration.ofSeconds(60).toNanos(), 3);
        SplittableRandom random = new SplittableRandom(7);
        Recording before = recorder.snapshot();
        int committed = 0;
        int failed = 0;
        for (int i = 0; i < 5_000; i++) {
            long latency = (long) Math.pow(10, 5 + 3 * random.nextDouble()); // 0.1 ms .. 100 ms
            if (random.nextInt(20) == 0) {
                recorder.recordFailure(i % 2 == 0 ? "put" : "get", 0, latency);
                failed++;
            } else {
                recorder.record(i % 2 == 0 ? "put" : "get", 0, latency);
                independent.recordValue(latency);
                committed++;
            }
        }
        clock.advance(2 * SECOND);
        AlertSample sample = AlertSample.of("node", recorder.snapshot().since(before));
        assertEquals(committed / 2.0, sample.throughputOpsPerSecond(), 1e-9);
        assertEquals(100.0 * failed / (committed + failed), sample.errorRatePercent(), 1e-9);
        assertEquals(independent.getValueAtPercentile(95) / 1e6, sample.p95Ms(), 0.0);
        assertEquals(independent.getValueAtPercentile(99) / 1e6, sample.p99Ms(), 0.0);
        assertEquals(independent.getValueAtPercentile(100) / 1e6, sample.maxMs(), 0.0);
        assertTrue(Double.isNaN(sample.cpuPercent()));

        AlertRule slow = AlertRule.builder("slow").metric(AlertMetric.LATENCY_P95).above(1).build();
        AlertEngine engine = engine(slow);
        List<AlertEvent> raised = engine.evaluate("node", recorder.snapshot().since(before));
        assertEquals(sample.p95Ms(), raised.get(0).value(), 0.0);
    }

    @Test
    void theHistoryKeepsTheMostRecentEvents() {
        AlertRule rule = AlertRule.builder("cpu").metric(AlertMetric.CPU).above(80).build();
        AlertEngine engine = AlertEngine.builder().rules(List.of(rule)).clock(clock).historySize(3).build();
        for (int i = 0; i < 5; i++) {
            engine.evaluate(cpu(90));
            engine.evaluate(cpu(10));
        }
        List<AlertEvent> history = engine.history();
        assertEquals(3, history.size());
        assertEquals(5, history.get(2).alertId());
        assertInstanceOf(AlertResolved.class, history.get(2));
    }

    @Test
    void badRulesAndSettingsAreRejectedNamingFieldAndValue() {
        assertEquals("threshold must be finite, but was NaN", assertThrows(IllegalArgumentException.class,
                () -> AlertRule.builder("x").metric(AlertMetric.CPU).above(Double.NaN)).getMessage());
        assertEquals("forDuration must not be negative, but was PT-1S", assertThrows(IllegalArgumentException.class,
                () -> AlertRule.builder("x").forDuration(Duration.ofSeconds(-1))).getMessage());
        assertEquals("rule 'x': metric must be set", assertThrows(IllegalStateException.class,
                () -> AlertRule.builder("x").above(1).build()).getMessage());
        assertEquals("rule 'x': threshold must be set (above, below or when)", assertThrows(IllegalStateException.class,
                () -> AlertRule.builder("x").metric(AlertMetric.CPU).build()).getMessage());
        assertEquals("name must not be blank, but was ' '", assertThrows(IllegalArgumentException.class,
                () -> AlertRule.builder(" ")).getMessage());
        AlertRule a = AlertRule.builder("same").metric(AlertMetric.CPU).above(1).build();
        assertEquals("rules[1].name must be unique, but 'same' is used twice", assertThrows(
                IllegalArgumentException.class, () -> AlertEngine.builder().rules(List.of(a, a))).getMessage());
        assertEquals("historySize must be between 1 and 1000000, but was 0", assertThrows(
                IllegalArgumentException.class, () -> AlertEngine.builder().historySize(0)).getMessage());
        assertEquals("metric must be one of throughput, error_rate, latency_p50, latency_p95, latency_p99, "
                + "latency_max, cpu, memory, but was 'disk'", assertThrows(IllegalArgumentException.class,
                () -> AlertMetric.ofKey("disk")).getMessage());
    }

    @Test
    void theDefaultRulesAreThoseOfTheSourceDocuments() {
        List<String> described = AlertRule.defaults().stream()
                .map(r -> r.name() + ": " + r.metric().label() + " " + r.condition() + " -> " + r.severity())
                .collect(Collectors.toList());
        assertEquals(List.of(
                "High CPU Usage: process CPU > 80 % for 30 s -> WARNING",
                "High Memory Usage: heap used > 85 % for 30 s -> WARNING",
                "High Latency: p95 latency > 1000 ms for 10 s -> CRITICAL",
                "High Error Rate: error rate > 5 % for 10 s -> CRITICAL",
                "Low Throughput: throughput < 10 ops/s for 60 s -> WARNING"), described);
        assertTrue(AlertRule.defaults().stream().noneMatch(AlertRule::abortOnFail));
    }
}
