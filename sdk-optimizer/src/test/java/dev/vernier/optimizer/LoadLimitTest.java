package dev.vernier.optimizer;

import dev.vernier.core.event.TuningEvent;
import dev.vernier.core.event.VernierEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A window whose load limited it is said so in the step's reason and as an event; the others are not. */
class LoadLimitTest {

    static final String LAGGING = "harness-limited: the generator could not keep the schedule";

    @Test
    void stepsWithLoadLimitedWindowsSaySoInTheirReasonAndAsAnEvent() {
        Sim sys = new Sim(Synthetic.SPACE);
        Measurer inner = sys.measurer(Synthetic::throughput, null, 0.05, 1, 4);
        // the harness falls behind whenever the batch is 32 or more (its clients compete with the system)
        Measurer lagging = config -> {
            Measurement m = inner.measure(config);
            return config.getInt("maxBatchSize") >= 32
                    ? new Measurement(m.metrics(), m.samples(), m.signals(), LAGGING) : m;
        };
        List<VernierEvent> events = new ArrayList<>();
        TuningReport r = TuningSession.builder(sys, lagging).maxWindows(30).seed(4).name("sim").shutdownHook(false)
                .eventListener(events::add).build().run();

        List<LoadLimited> limited = events.stream().filter(e -> e instanceof LoadLimited).map(e -> (LoadLimited) e)
                .toList();
        assertFalse(limited.isEmpty(), "some step measured a batch of 32 or more: " + r.toMarkdown());
        for (TuningStep s : r.steps()) {
            LoadLimited e = limited.stream().filter(x -> x.step() == s.index()).findFirst().orElse(null);
            assertEquals(e != null, s.reason().contains("the load limited"), "step " + s.index() + ": " + s.reason());
            if (e != null) {
                assertTrue(s.reason().contains(LAGGING), s.reason());
                assertEquals("sim", e.suite());
                assertTrue(e.limitedBlocks() >= 1 && e.limitedBlocks() <= e.blocks(), e.toString());
                assertTrue(e.describe().contains("the load limited " + e.limitedBlocks() + " of " + e.blocks()),
                        e.describe());
            }
        }
        // every step and the end are typed events too, in order
        long decided = events.stream().filter(e -> e instanceof StepDecided).count();
        assertEquals(r.steps().size(), decided);
        VernierEvent last = events.get(events.size() - 1);
        assertTrue(last instanceof SessionEnded ended && ended.report() == r, String.valueOf(last));
        assertTrue(((TuningEvent) last).describe().startsWith("tuning ended: " + r.outcome()),
                ((TuningEvent) last).describe());
    }
}
