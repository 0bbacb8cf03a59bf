package dev.vernier.core.internal.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.LoadModel;
import dev.vernier.api.Phase;
import dev.vernier.api.Scenario;
import dev.vernier.api.Transaction;
import dev.vernier.testkit.ManualClock;
import dev.vernier.testkit.Suites;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GeneratorScheduleTest {

    private static final long MS = 1_000_000L;

    /** A generator driven by hand: {@code pump(now)} instead of its thread. */
    static OpenGenerator generator(Suites.Capturing suite, ManualClock clock, LoadModel load) {
        return generator(suite, clock, load, 0);
    }

    static OpenGenerator generator(Suites.Capturing suite, ManualClock clock, LoadModel load, long start) {
        Scenario s = Scenario.builder("t").load(load).warmup(Duration.ZERO).duration(Duration.ofSeconds(10))
                .phases(Phase.LATENCY).build();
        LoadPlan plan = LoadPlan.of(Phase.LATENCY, s, load, 0);
        TxRecorder recorder = new TxRecorder(1, plan.highestTrackableNanos(), clock);
        return new OpenGenerator(plan, LoadContext.of(suite, clock, clock.threadFactory()), recorder, start);
    }

    @Test
    void intendedTimesAreExactMultiplesOfThePeriod() {
        Suites.Capturing suite = new Suites.Capturing();
        ManualClock clock = new ManualClock();
        OpenGenerator g = generator(suite, clock, LoadModel.constantRate(1_000));
        for (long t = 0; t <= 50 * MS; t += 5 * MS) {
            clock.set(t);
            g.pump(t);
        }
        assertEquals(51, suite.seen.size());
        for (int i = 0; i < suite.seen.size(); i++) {
            assertEquals(i * MS, suite.seen.get(i).intendedStartNanos(), "send " + i);
        }
    }

    @Test
    void catchUpKeepsIntendedTimesAndNeverSendsAheadOfSchedule() {
        Suites.Capturing suite = new Suites.Capturing();
        ManualClock clock = new ManualClock();
        OpenGenerator g = generator(suite, clock, LoadModel.constantRate(1_000));
        long next = g.pump(0);
        assertEquals(MS, next);
        assertEquals(1, suite.seen.size());
        // The generator was held up for 100 ms: overdue sends go out with their own intended times ...
        clock.set(100 * MS + MS / 2);
        next = g.pump(clock.nanoTime());
        assertEquals(101, suite.seen.size());
        assertEquals(100 * MS, suite.seen.get(100).intendedStartNanos());
        // ... and nothing beyond what the schedule says by now: the next send waits for its own time.
        assertEquals(101 * MS, next);
        g.pump(101 * MS - 1);
        assertEquals(101, suite.seen.size());
        for (Transaction tx : suite.seen) {
            assertTrue(tx.intendedStartNanos() <= 100 * MS);
        }
    }

    @Test
    void rampRaisesTheRateLinearly() {
        RateSchedule ramp = RateSchedule.ramp(100, 300, 0, 1_000 * MS);
        // sends in the first second: (100 + 300) / 2 = 200
        long count = 0;
        while (ramp.offsetNanos(count) < 1_000 * MS) {
            count++;
        }
        assertEquals(200, count);
        assertTrue(ramp.currentRate() > 299 && ramp.currentRate() <= 300.0001, "rate at the end " + ramp.currentRate());
        assertEquals(0, ramp.offsetNanos(0));
        assertEquals(100.0, ramp.currentRate(), 1e-9);
        assertEquals(200, ramp.countBefore(1_000 * MS), "the pure count agrees with the walk");
    }

    @Test
    void steppedRateKeepsTheBoundaryAndChangesThePeriod() {
        RateSchedule.Stepped s = RateSchedule.constant(1_000);
        assertEquals(10 * MS, s.offsetNanos(10));
        s.changeRate(2_000, 10);
        assertEquals(10 * MS, s.offsetNanos(10));
        assertEquals(10 * MS + MS / 2, s.offsetNanos(11));
        assertEquals(15 * MS, s.offsetNanos(20));
        assertEquals(20, s.countBefore(15 * MS), "sends due before an offset, under the rate in force");
        assertEquals(21, s.countBefore(15 * MS + 1));
    }

    @Test
    void tinyRatesNeverWrapTheSchedule() {
        RateSchedule.Stepped s = RateSchedule.constant(LoadModel.MIN_OPS_PER_SECOND);
        assertEquals(1_000_000 * MS, s.offsetAt(1));
        assertTrue(s.offsetAt(Long.MAX_VALUE / 2) > 0, "offsets saturate instead of wrapping");
        assertEquals(1, s.countBefore(1_000 * MS));
    }

    @Test
    void lateSendsBehindNoSlowSubmitAreTheHarnesssAndBehindABlockedOneTheSystems() {
        ManualClock clock = new ManualClock(1L << 40); // a large clock reading, as nanoTime gives
        Suites.Capturing suite = new Suites.Capturing();
        long start = clock.nanoTime();
        OpenGenerator g = generator(suite, clock, LoadModel.constantRate(1_000), start);
        // the generator wakes 5 ms late: 6 sends go out, 4 of them more than 1 ms late; no submit was slow
        clock.set(start + 5 * MS);
        g.pump(clock.nanoTime());
        Tally t = harvest(g);
        assertEquals(4, t.lateSends());
        assertEquals(0, t.lateBehindSubmit(), "no submit was slow: the lateness is the harness's");
        // now a submit that took 10 ms: the sends due meanwhile waited behind the system
        g.submits.record(start + 6 * MS, start + 16 * MS);
        clock.set(start + 16 * MS);
        g.pump(clock.nanoTime());
        t = harvest(g);
        assertEquals(t.lateSends(), t.lateBehindSubmit(), "every late send was due before the slow submit returned");
        assertTrue(t.lateSends() >= 8, "late " + t.lateSends());
    }

    private static Tally harvest(OpenGenerator g) {
        Tally t = g.recorder.newAggregate();
        g.recorder.harvestInto(t);
        return t;
    }
}
