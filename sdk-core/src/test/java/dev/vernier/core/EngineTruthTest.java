package dev.vernier.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.LoadModel;
import dev.vernier.api.Phase;
import dev.vernier.api.Scenario;
import dev.vernier.core.result.GeneratorHealth;
import dev.vernier.core.result.LatencyResult;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.result.ThroughputInterval;
import dev.vernier.core.result.ThroughputResult;
import dev.vernier.testkit.ManualClock;
import dev.vernier.testkit.ScriptedSuite;
import dev.vernier.testkit.ScriptedSuite.Script;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Base64;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/**
 * The figures a user acts on, against an adversarial system scripted on a manual clock (each run
 * takes milliseconds of wall time and does the same thing on any machine). Each case failed on the
 * engine before the accounting: the numbers came out within 1 ms of an ideal schedule while the
 * system stalled.
 */
class EngineTruthTest {

    static final long MS = 1_000_000L;
    static final long S = 1_000 * MS;

    static Vernier vernier(ManualClock clock, ScriptedSuite suite) {
        return Vernier.builder().register(suite).clock(clock).threadFactory(clock.threadFactory())
                .wallClock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).build();
    }

    static ScenarioResult run(ManualClock clock, ScriptedSuite suite, Scenario scenario) {
        try (Vernier v = vernier(clock, suite)) {
            return clock.runAdvancing(() -> v.run(suite.name(), scenario));
        }
    }

    static Scenario.Builder open(String name, double rate, Duration duration) {
        return Scenario.builder(name).warmup(Duration.ZERO).duration(duration).load(LoadModel.constantRate(rate))
                .timeout(Duration.ofSeconds(1)).throughputInterval(Duration.ofMillis(500));
    }

    /** The p99 recomputed from the encoded histogram: the same transactions, another way. */
    static double p99FromEncoded(String encoded) {
        try {
            Histogram h = Histogram.decodeFromCompressedByteBuffer(
                    ByteBuffer.wrap(Base64.getDecoder().decode(encoded)), 0);
            return h.getValueAtPercentile(99) / 1e6;
        } catch (java.util.zip.DataFormatException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aStallInTheLastMomentsOfTheWindowShowsInTheP99() {
        ManualClock clock = new ManualClock();
        // 1 ms service; from 9.85 s on, submit blocks until 10.2 s (past the window's end)
        ScriptedSuite suite = new ScriptedSuite("edge", clock, (tx, now) -> now >= 9_850 * MS && now < 10_200 * MS
                ? new Script.BlockUntil(10_200 * MS) : new Script.Commit(MS));
        ScenarioResult r = run(clock, suite, open("edge", 2_000, Duration.ofSeconds(10)).phases(Phase.LATENCY).build());
        LatencyResult l = r.latency();
        assertEquals(20_000, l.scheduled(), "2,000 ops/s for 10 s");
        assertEquals(l.scheduled(), l.outcomes().total(), "every due transaction is accounted for: " + l.outcomes());
        assertEquals(l.scheduled(), l.overall().count(), "and has a latency value");
        // 300 sends were due in the last 150 ms; they waited until 10.2 s: up to 350 ms
        assertTrue(l.overall().percentile(99) >= 150, "p99 must show the stall: " + l.overall());
        assertEquals(p99FromEncoded(l.encodedHistogram()), l.overall().percentile(99), 1e-9);
        assertEquals(GeneratorHealth.Limit.SYSTEM, l.generator().limitedBy(), l.generator().verdict());
        assertTrue(l.generator().verdict().contains("blocked submit()"), l.generator().verdict());
    }

    @Test
    void aSubmitThatBlocksForeverCountsEverySendItHeldBack() {
        ManualClock clock = new ManualClock();
        ScriptedSuite suite = new ScriptedSuite("blocked", clock, (tx, now) -> tx.id() < 100
                ? new Script.Commit(MS) : new Script.BlockForever());
        ScenarioResult r = run(clock, suite, open("blocked", 100, Duration.ofSeconds(30)).phases(Phase.THROUGHPUT)
                .timeout(Duration.ofMillis(500)).build());
        ThroughputResult t = r.throughput();
        assertEquals(3_000, t.scheduled());
        assertEquals(100, t.outcomes().committed());
        assertEquals(t.scheduled(), t.outcomes().total(), t.outcomes().toString());
        assertEquals(2_899, t.outcomes().notSent(), "never sent: every send after the blocked one");
        assertEquals(1, t.outcomes().submitErrors() + t.outcomes().timedOut(), "the blocked one itself");
        assertTrue(t.outcomes().errorRate() > 0.96, "error rate " + t.outcomes().errorRate());
        assertEquals(GeneratorHealth.Limit.SYSTEM, t.generator().limitedBy(), t.generator().verdict());
        assertTrue(t.latency().percentile(50) > 1_000, "held-back users waited: " + t.latency());
        assertEquals(t.outcomes().errors(), t.errorsByCause().values().stream().mapToLong(Long::longValue).sum(),
                "causes add up to the errors: " + t.errorsByCause());
        assertTrue(r.warnings().stream().anyMatch(w -> w.message().contains("did not return from submit()"))
                || t.outcomes().submitErrors() == 1, r.warnings().toString());
    }

    @Test
    void sendsRefusedByTheInFlightCapKeepTheirLatency() {
        ManualClock clock = new ManualClock();
        // 1 ms service; the system stalls 200 ms every second: completions wait for the stall's end
        ScriptedSuite suite = new ScriptedSuite("cap", clock, (tx, now) -> {
            long inSecond = now % S;
            long stallEnd = now - inSecond + 700 * MS;
            return inSecond >= 500 * MS && inSecond < 700 * MS ? new Script.Commit(stallEnd - now)
                    : new Script.Commit(MS);
        });
        ScenarioResult r = run(clock, suite, open("cap", 2_000, Duration.ofSeconds(4)).maxInFlight(100)
                .phases(Phase.LATENCY).build());
        LatencyResult l = r.latency();
        assertTrue(l.outcomes().refused() > 0.1 * l.scheduled(), "refused " + l.outcomes());
        assertEquals(l.scheduled(), l.outcomes().total());
        // 20% of the transactions were due in stalls: what users saw there reaches the p90
        assertTrue(l.overall().percentile(90) >= 50, "p90 with the refused sends: " + l.overall());
        assertTrue(l.committed().percentile(90) < l.overall().percentile(90),
                "the committed-only view is what used to be reported: " + l.committed());
        assertEquals(GeneratorHealth.Limit.SYSTEM, l.generator().limitedBy(), l.generator().verdict());
    }

    @Test
    void theThroughputWindowCarriesTheP99OfItsMergedHistogram() {
        ManualClock clock = new ManualClock();
        // one 150 ms stall in a 2 s window cut into 100 ms intervals
        ScriptedSuite suite = new ScriptedSuite("window", clock, (tx, now) -> now >= 1_000 * MS && now < 1_150 * MS
                ? new Script.Commit(1_150 * MS - now) : new Script.Commit(MS));
        ScenarioResult r = run(clock, suite, open("window", 2_000, Duration.ofSeconds(2))
                .throughputInterval(Duration.ofMillis(100)).phases(Phase.THROUGHPUT).build());
        ThroughputResult t = r.throughput();
        double[] intervalP99 = t.intervals().stream().mapToDouble(ThroughputInterval::p99Ms).sorted().toArray();
        double medianOfIntervals = intervalP99[intervalP99.length / 2];
        assertTrue(medianOfIntervals < 2, "the median of interval p99s hides the stall: " + medianOfIntervals);
        assertTrue(t.latency().percentile(99) >= 100, "the window's p99: " + t.latency());
        assertEquals(p99FromEncoded(t.encodedHistogram()), t.latency().percentile(99), 1e-9);
        assertEquals(t.scheduled(), t.latency().count());
    }

    @Test
    void theSuitesOwnLogAgreesWithTheCommittedDistribution() {
        ManualClock clock = new ManualClock();
        ScriptedSuite suite = new ScriptedSuite("log", clock, (tx, now) -> new Script.Commit((tx.id() % 7) * MS));
        LatencyResult l = run(clock, suite, open("log", 1_000, Duration.ofSeconds(2)).phases(Phase.LATENCY).build())
                .latency();
        Histogram own = new Histogram(3);
        suite.log().values().forEach(v -> own.recordValue(v[1] - v[0]));
        assertEquals(own.getTotalCount(), l.committed().count());
        assertEquals(own.getValueAtPercentile(99) / 1e6, l.committed().percentile(99), 1e-9);
        assertEquals(own.getMean() / 1e6, l.committed().meanMs(), 0.01);
    }

    @Test
    void aClosedLoadSaysItHidesStallsAndATimeoutHeavyOneIsSystemLimited() {
        ManualClock clock = new ManualClock();
        ScriptedSuite suite = new ScriptedSuite("closed", clock, (tx, now) -> tx.id() % 10 == 0
                ? new Script.Never() : new Script.Commit(MS));
        ScenarioResult r = run(clock, suite, open("closed", 1, Duration.ofSeconds(2)).load(LoadModel.closed(4))
                .timeout(Duration.ofMillis(100)).phases(Phase.THROUGHPUT).build());
        GeneratorHealth g = r.throughput().generator();
        assertTrue(g.verdict().contains("coordinated omission by design"), g.verdict());
        assertEquals(GeneratorHealth.Limit.SYSTEM, g.limitedBy(), g.verdict());
        assertEquals(r.throughput().scheduled(), r.throughput().outcomes().total());
        String md = new dev.vernier.core.report.MarkdownReport().render(r);
        assertTrue(md.contains("coordinated omission by design"), md);
        String json = new dev.vernier.core.report.JsonReport().write(r);
        assertTrue(json.contains("coordinated omission by design") && json.contains("\"limitedBy\" : \"SYSTEM\""), json);
    }

    @Test
    void warmUpTransactionsStayOutOfTheMeasuredCounts() {
        ManualClock clock = new ManualClock();
        // warm-up transactions take 400 ms, so most complete inside the measured window
        ScriptedSuite suite = new ScriptedSuite("warm", clock, (tx, now) -> now < 1_000 * MS
                ? new Script.Reject(400 * MS, "warming") : new Script.Commit(MS));
        ScenarioResult r = run(clock, suite, open("warm", 1_000, Duration.ofSeconds(1)).warmup(Duration.ofSeconds(1))
                .phases(Phase.THROUGHPUT).build());
        ThroughputResult t = r.throughput();
        assertEquals(1_000, t.scheduled());
        assertEquals(0, t.outcomes().rejected(), "warm-up rejections are not the measured window's: " + t.outcomes());
        assertFalse(t.errorsByCause().containsKey("rejected: warming"), t.errorsByCause().toString());
        assertEquals(1_000, t.outcomes().committed());
    }

    @Test
    void inFlightWorkIsNeverCountedAsNotOk() {
        ManualClock clock = new ManualClock();
        // everything commits, slowly: at any interval's end 300 ms of transactions are in flight
        ScriptedSuite suite = new ScriptedSuite("slow", clock, (tx, now) -> new Script.Commit(300 * MS));
        ThroughputResult t = run(clock, suite, open("slow", 1_000, Duration.ofSeconds(2))
                .throughputInterval(Duration.ofMillis(250)).phases(Phase.THROUGHPUT).build()).throughput();
        for (ThroughputInterval i : t.intervals()) {
            assertTrue(i.outcomes().total() == 0 || i.successRate() == 1.0, "ok share of what ended: " + i);
            assertEquals(0, i.outcomes().errors());
        }
        assertEquals(0.0, t.outcomes().errorRate());
        assertEquals(Arrays.asList(2_000L, 2_000L), Arrays.asList(t.scheduled(), t.outcomes().committed()));
    }
}
