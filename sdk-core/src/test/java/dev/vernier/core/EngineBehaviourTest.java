package dev.vernier.core;

import dev.vernier.core.event.IntervalSnapshot;
import dev.vernier.core.event.VernierEvent;
import dev.vernier.core.event.RunListener;
import dev.vernier.core.event.PhaseEnded;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.LoadModel;
import dev.vernier.api.Phase;
import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.Scenario;
import dev.vernier.api.TransactionMix;
import dev.vernier.core.result.GeneratorHealth;
import dev.vernier.core.result.LatencyResult;
import dev.vernier.core.result.Outcomes;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.result.ThroughputResult;
import dev.vernier.testkit.Suites;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineBehaviourTest {

    private static Scenario.Builder quick(String name) {
        return Scenario.builder(name).warmup(Duration.ZERO).duration(Duration.ofSeconds(1))
                .throughputInterval(Duration.ofMillis(250)).timeout(Duration.ofMillis(500))
                .load(LoadModel.constantRate(2_000));
    }

    private static ScenarioResult run(ProtocolSuite suite, Scenario scenario) {
        try (Vernier v = Vernier.builder().register(suite).build()) {
            return v.run(suite.name(), scenario);
        }
    }

    @Test
    void stallShowsInP99UnderOpenLoadButClosedModelHidesIt() {
        long ms = 1_000_000L;
        Scenario open = Scenario.builder("co-open").warmup(Duration.ZERO).duration(Duration.ofSeconds(3))
                .load(LoadModel.constantRate(1_000)).phases(Phase.LATENCY).timeout(Duration.ofSeconds(2)).build();
        LatencyResult openResult = run(new Suites.Stalling(200 * ms, 1_000 * ms), open).latency();
        assertTrue(openResult.overall().percentile(99) >= 100,
                "open-model p99 must show the 200 ms stall, was " + openResult.overall().percentile(99) + " ms");

        Scenario closed = open.toBuilder().load(LoadModel.closed(1)).build();
        LatencyResult closedResult = run(new Suites.Stalling(200 * ms, 1_000 * ms), closed).latency();
        assertTrue(closedResult.overall().count() > 0);
        assertTrue(closedResult.overall().maxMs() >= 150, "the stalled request itself is seen");
        assertTrue(closedResult.overall().percentile(99) < openResult.overall().percentile(99) / 2,
                "the closed model reports its own (omitted) view: p99 " + closedResult.overall().percentile(99)
                        + " ms vs open " + openResult.overall().percentile(99) + " ms");
    }

    @Test
    void submitThatThrowsIsCountedAsSubmitError() {
        ThroughputResult t = run(Suites.throwing(), quick("throws").phases(Phase.THROUGHPUT).build()).throughput();
        Outcomes o = t.outcomes();
        assertEquals(0, o.committed());
        assertTrue(o.submitErrors() >= 1_500, "submit errors " + o.submitErrors());
        assertEquals(o.total(), o.submitErrors());
        assertEquals(o.submitErrors(), t.errorsByCause().get("java.lang.IllegalStateException"));
        assertEquals(o.errors(), t.errorsByCause().values().stream().mapToLong(Long::longValue).sum(),
                "the causes add up to the errors");
        assertEquals(0.0, t.optimalOpsPerSecond());
    }

    @Test
    void failedFuturesAreCountedAsFailures() {
        ThroughputResult t = run(Suites.failing(), quick("fails").phases(Phase.THROUGHPUT).build()).throughput();
        assertEquals(t.outcomes().total(), t.outcomes().failed());
        assertTrue(t.outcomes().failed() >= 1_500);
        assertEquals(t.outcomes().failed(), t.errorsByCause().get("java.io.IOException"));
    }

    @Test
    void rejectionsAreCountedPerType() {
        TransactionMix mix = TransactionMix.builder().add("put", 3, 64).add("get", 1, 0).build();
        ThroughputResult t = run(Suites.rejectingHalf(), quick("half").mix(mix).phases(Phase.THROUGHPUT).build())
                .throughput();
        Outcomes o = t.outcomes();
        assertEquals(o.committed() + o.rejected(), o.total());
        assertTrue(Math.abs(o.committed() - o.rejected()) <= 1, o.toString());
        Outcomes put = t.outcomesByType().get("put");
        Outcomes get = t.outcomesByType().get("get");
        assertEquals(o.total(), put.total() + get.total());
        double putShare = (double) put.total() / o.total();
        assertTrue(putShare > 0.65 && putShare < 0.85, "put share " + putShare);
    }

    @Test
    void futuresThatNeverCompleteTimeOutAndTheRunEndsOnTime() {
        Scenario s = quick("hangs").phases(Phase.LATENCY).build();
        long t0 = System.nanoTime();
        ScenarioResult r = run(Suites.hanging(), s);
        double seconds = (System.nanoTime() - t0) / 1e9;
        LatencyResult l = r.latency();
        assertEquals(0, l.committed().count(), "nothing committed");
        assertEquals(l.outcomes().total(), l.outcomes().timedOut() + l.outcomes().refused());
        assertTrue(l.outcomes().timedOut() >= 1_500, l.outcomes().toString());
        // duration 1 s + timeout 0.5 s + margin
        assertTrue(seconds < 1.0 + 0.5 + 1.5, "run took " + seconds + " s");
        // every due transaction waited at least the timeout: the percentiles are lower bounds, never NaN
        assertEquals(l.scheduled(), l.overall().count());
        assertEquals(l.scheduled(), l.overall().lowerBounds());
        assertTrue(l.overall().percentile(50) >= 500, "p50 at least the 500 ms timeout: " + l.overall());
        assertTrue(Double.isNaN(l.committed().percentile(99)), "no commit latency without a commit");
    }

    @Test
    void closedClientsWithHangingSuiteTimeOutAndStop() {
        Scenario s = quick("hangs-closed").load(LoadModel.closed(4)).phases(Phase.LATENCY).build();
        long t0 = System.nanoTime();
        LatencyResult l = run(Suites.hanging(), s).latency();
        double seconds = (System.nanoTime() - t0) / 1e9;
        // each client times out after 0.5 s: about 2 per client in 1 s, plus the ones cut at the end
        assertTrue(l.outcomes().timedOut() >= 4 && l.outcomes().timedOut() <= 16, l.outcomes().toString());
        assertTrue(seconds < 3.0, "run took " + seconds + " s");
    }

    @Test
    void inFlightCapRefusesAndCountsOverflow() {
        Scenario s = quick("cap").maxInFlight(10).phases(Phase.THROUGHPUT).build();
        ThroughputResult t = run(Suites.hanging(), s).throughput();
        // at most the cap's worth is in flight per timeout window: 1 s / 0.5 s windows plus the drain
        assertTrue(t.outcomes().timedOut() >= 10 && t.outcomes().timedOut() <= 40, t.outcomes().toString());
        assertTrue(t.outcomes().refused() > 1_000, t.outcomes().toString());
        assertEquals(GeneratorHealth.Limit.SYSTEM, t.generator().limitedBy(),
                "the in-flight cap is the system's backlog, not the generator's limit: " + t.generator().verdict());
        assertEquals(t.scheduled(), t.outcomes().total(), "the accounting adds up");
    }

    @Test
    void throughputPhaseReportsIntervalsAndStepSearchRaisesTheRate() {
        Scenario s = Scenario.builder("steps").warmup(Duration.ZERO).duration(Duration.ofSeconds(2))
                .throughputInterval(Duration.ofMillis(400)).load(LoadModel.stepSearch(500, 500))
                .phases(Phase.THROUGHPUT).build();
        ThroughputResult t = run(Suites.instant(), s).throughput();
        assertTrue(t.intervals().size() >= 4, "intervals " + t.intervals().size());
        Double first = t.intervals().get(0).targetOpsPerSecond();
        Double last = t.intervals().get(t.intervals().size() - 1).targetOpsPerSecond();
        assertNotNull(first);
        assertEquals(500.0, first);
        assertTrue(last >= 1_500, "rate after steps " + last);
        assertTrue(t.maxOpsPerSecond() >= t.averageOpsPerSecond());
        assertTrue(t.optimalOpsPerSecond() > 0);
        assertEquals(t.outcomes().total(), t.generator().intendedSends(), "every intended send has an outcome");
    }

    @Test
    void listenersGetSnapshotsAndEvents() {
        List<IntervalSnapshot> snaps = new ArrayList<>();
        List<VernierEvent> events = new ArrayList<>();
        RunListener l = e -> {
            if (e instanceof IntervalSnapshot s) {
                snaps.add(s);
            } else {
                events.add(e);
            }
        };
        Scenario s = quick("snaps").warmup(Duration.ofMillis(300)).snapshotInterval(Duration.ofMillis(200))
                .phases(Phase.LATENCY).build();
        ProtocolSuite suite = Suites.instant();
        try (Vernier v = Vernier.builder().register(suite).listener(l).build()) {
            ScenarioResult r = v.run("instant", s);
            assertNull(r.throughput());
            assertNotNull(r.latency());
        }
        assertTrue(snaps.size() >= 5, "snapshots " + snaps.size());
        assertTrue(snaps.get(0).warmup());
        assertFalse(snaps.get(snaps.size() - 1).warmup());
        assertTrue(snaps.stream().anyMatch(x -> x.throughputOpsPerSecond() > 1_000));
        assertTrue(events.stream().anyMatch(e -> e instanceof PhaseEnded p && p.phase() == Phase.LATENCY));
    }

    @Test
    void latencySampleCountEndsTheIterationEarly() {
        Scenario s = quick("samples").duration(Duration.ofSeconds(10)).latencySamples(500).phases(Phase.LATENCY)
                .iterations(2).build();
        long t0 = System.nanoTime();
        LatencyResult l = run(Suites.instant(), s).latency();
        assertTrue((System.nanoTime() - t0) / 1e9 < 5, "sample count, not the 2 x 10 s duration, ends the phase");
        assertEquals(2, l.iterations().size());
        assertTrue(l.iterations().get(0).outcomes().committed() >= 500);
    }

    @Test
    void unknownSuiteAndUnsupportedPhaseAreClearErrors() {
        try (Vernier v = Vernier.builder().register(Suites.instant()).build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> v.run("nope", quick("x").build()));
            assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
            VernierException u = assertThrows(VernierException.class,
                    () -> v.run("instant", quick("x").phases(Phase.SCALABILITY).build()));
            assertTrue(u.getMessage().contains("SCALABILITY"), u.getMessage());
        }
    }
}
