package dev.vernier.core.alert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.LoadModel;
import dev.vernier.api.Phase;
import dev.vernier.api.Scenario;
import dev.vernier.core.Vernier;
import dev.vernier.core.event.AlertFired;
import dev.vernier.core.event.VernierEvent;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.result.Warning;
import dev.vernier.testkit.ManualClock;
import dev.vernier.testkit.ScriptedSuite;
import dev.vernier.testkit.ScriptedSuite.Script;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Alert rules given to {@link Vernier.Builder#alertRules}: evaluated on the run's own snapshots, told
 * to the listeners, kept in the result, and an abort-on-fail rule ends the run keeping what it
 * measured (k6's abortOnFail). On the manual clock.
 */
class RunAlertsTest {

    private static final long MS = 1_000_000L;

    /** Commits in 1 ms for the first two seconds of the run, then in 300 ms: a system that degrades. */
    private static ScriptedSuite degrading(ManualClock clock) {
        long start = clock.nanoTime();
        return new ScriptedSuite("degrading", clock, (tx, now) -> new Script.Commit(
                now - start < 2_000 * MS ? MS : 300 * MS));
    }

    private static Scenario tenSeconds() {
        return Scenario.builder("alerts").warmup(Duration.ZERO).duration(Duration.ofSeconds(10))
                .load(LoadModel.constantRate(200)).snapshotInterval(Duration.ofMillis(250))
                .timeout(Duration.ofSeconds(2)).phases(Phase.THROUGHPUT, Phase.LATENCY).build();
    }

    @Test
    void anAbortOnFailRuleEndsTheRunAndTheResultSaysWhy() {
        ManualClock clock = new ManualClock();
        List<VernierEvent> events = new CopyOnWriteArrayList<>();
        AlertRule slow = AlertRule.builder("Slow commits").metric(AlertMetric.LATENCY_P99).above(100)
                .forDuration(Duration.ofSeconds(1)).severity(AlertSeverity.CRITICAL).abortOnFail().build();
        Vernier v = Vernier.builder().register(degrading(clock)).clock(clock).threadFactory(clock.threadFactory())
                .alertRules(List.of(slow)).listener(events::add).build();
        ScenarioResult r = clock.runAdvancing(() -> v.run("degrading", tenSeconds()));
        assertTrue(r.aborted(), r.warnings().toString());
        assertTrue(r.warnings().stream().anyMatch(w -> w.kind() == Warning.Kind.ALERT
                && w.message().contains("Slow commits")), r.warnings().toString());
        assertTrue(r.warnings().stream().anyMatch(w -> w.kind() == Warning.Kind.ABORTED
                && w.message().contains("alert:") && w.message().contains("Slow commits")), r.warnings().toString());
        assertEquals(1, events.stream().filter(e -> e instanceof AlertFired).count(), events.toString());
        assertNull(r.latency(), "the run ended in its first phase");
        double seconds = r.throughput().intervals().stream().mapToDouble(i -> i.durationSeconds()).sum();
        assertTrue(seconds > 2.9 && seconds < 5, "stopped after the breach held a second: " + seconds + " s");
        assertEquals(r.throughput().scheduled(), r.throughput().outcomes().total(), "accounting still holds");
        v.close();
    }

    @Test
    void rulesThatTheEngineWouldRefuseAreRefusedByTheBuilderNotAtTheFirstRun() {
        AlertRule slow = AlertRule.builder("Slow commits").metric(AlertMetric.LATENCY_P99).above(100).build();
        IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                () -> Vernier.builder().alertRules(List.of(slow, slow)));
        assertTrue(twice.getMessage().contains("rules[1].name") && twice.getMessage().contains("Slow commits"),
                twice.getMessage());
        IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                () -> Vernier.builder().alertRules(java.util.Arrays.asList(slow, null)));
        assertTrue(none.getMessage().contains("rules[1]"), none.getMessage());
    }

    @Test
    void aRuleWithoutAbortIsToldAndKeptButTheRunGoesOn() {
        ManualClock clock = new ManualClock();
        List<VernierEvent> events = new CopyOnWriteArrayList<>();
        AlertRule slow = AlertRule.builder("Slow commits").metric(AlertMetric.LATENCY_P99).above(100)
                .forDuration(Duration.ofSeconds(1)).severity(AlertSeverity.WARNING).build();
        Vernier v = Vernier.builder().register(degrading(clock)).clock(clock).threadFactory(clock.threadFactory())
                .alertRules(List.of(slow)).listener(events::add).build();
        ScenarioResult r = clock.runAdvancing(() -> v.run("degrading", tenSeconds()));
        assertFalse(r.aborted());
        assertTrue(events.stream().anyMatch(e -> e instanceof AlertFired f && f.rule().name().equals("Slow commits")));
        assertTrue(r.warnings().stream().anyMatch(w -> w.kind() == Warning.Kind.ALERT), r.warnings().toString());
        assertNotNull(r.latency(), "both phases ran");
        assertEquals(r.latency().scheduled(), r.latency().outcomes().total());
        v.close();
    }
}
