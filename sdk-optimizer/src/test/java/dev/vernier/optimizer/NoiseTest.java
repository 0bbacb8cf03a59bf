package dev.vernier.optimizer;

import dev.vernier.api.tuning.Configuration;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Changes with no effect under 10% noise must (almost) never be kept. */
class NoiseTest {

    private static final Logger LOG = LoggerFactory.getLogger(NoiseTest.class);

    @Test
    void noEffectChangesAreRarelyKept() {
        int sessions = 200;
        int decisions = 0;
        int keeps = 0;
        int sessionsWithKeep = 0;
        for (int s = 0; s < sessions; s++) {
            Synthetic sys = new Synthetic();
            List<Configuration> seen = new ArrayList<>();
            TuningReport r = TuningSession.builder(sys, Synthetic.noisy(c -> 1000.0, 0.10, 5, 7000 + s, seen))
                    .maxWindows(6).candidates(100).seed(s).shutdownHook(false).confidence(0).build().run();
            assertEquals(TuningReport.Outcome.COMPLETED, r.outcome());
            int d = r.steps(Decision.KEEP).size() + r.steps(Decision.REVERT).size();
            decisions += d;
            keeps += r.keeps();
            sessionsWithKeep += r.keeps() > 0 ? 1 : 0;
        }
        double rate = (double) keeps / decisions;
        LOG.info("no-effect changes under 10% noise: {} keeps in {} decisions ({}%), {} of {} sessions kept anything",
                keeps, decisions, String.format("%.2f", 100 * rate), sessionsWithKeep, sessions);
        assertTrue(rate <= 0.05, "false keep rate " + rate);
        assertTrue((double) sessionsWithKeep / sessions <= 0.05, "sessions with a false keep " + sessionsWithKeep);
    }
}
