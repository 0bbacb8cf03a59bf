package dev.vernier.optimizer;

import dev.vernier.api.tuning.Configuration;
import dev.vernier.testkit.ManualClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The settle time after a change is waited on the session's clock, never on the wall clock. */
class SettleTest {

    @Test
    void everyBlockAfterAChangeWaitsTheSettleTimeOnTheInjectedClock() {
        ManualClock clock = new ManualClock();
        Sim sys = new Sim(Synthetic.SPACE);
        Measurer inner = sys.measurer(Synthetic::throughput, null, 0.05, 1, 3);
        List<long[]> blocks = new ArrayList<>(); // clock reading, applies so far
        List<Configuration> seen = new ArrayList<>();
        Measurer timed = config -> {
            blocks.add(new long[] {clock.nanoTime(), sys.applied.size()});
            seen.add(config);
            return inner.measure(config);
        };
        Duration settle = Duration.ofHours(1); // an hour of virtual time per change: milliseconds of wall time
        TuningReport r = clock.runAdvancing(() -> TuningSession.builder(sys, timed).maxWindows(12).settle(settle)
                .clock(clock).seed(3).shutdownHook(false).build().run());

        assertEquals(TuningReport.Outcome.BUDGET_USED, r.outcome(), r.reason());
        int changes = 0;
        long previous = 0;
        for (int i = 0; i < blocks.size(); i++) {
            long[] b = blocks.get(i);
            boolean changed = i > 0 && !seen.get(i).equals(seen.get(i - 1));
            if (changed) {
                changes++;
                assertTrue(b[0] - previous >= settle.toNanos(), "block " + i + " came "
                        + (b[0] - previous) + " ns after the previous one, less than the settle time");
            } else if (i > 0) {
                assertEquals(previous, b[0], "block " + i + " measured the same configuration: no wait");
            }
            previous = b[0];
        }
        assertTrue(changes >= 4, "changes " + changes);
        assertTrue(clock.nanoTime() >= changes * settle.toNanos(), "the clock moved " + clock.nanoTime() + " ns");
    }
}
