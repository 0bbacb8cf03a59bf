package dev.vernier.optimizer;

import dev.vernier.api.tuning.Parameter;
import dev.vernier.api.tuning.ParameterSpace;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A knob with no effect under 10% block noise: sessions of 40 blocks must (almost) never keep a
 * change. The sub-window samples are 0.1% apart: a session that took them as replicates would keep
 * noise all the time.
 */
class NoiseTest {

    private static final Logger LOG = LoggerFactory.getLogger(NoiseTest.class);

    @Test
    void aFlatKnobIsKeptInAtMostFivePercentOfSessions() {
        ParameterSpace space = ParameterSpace.of(Parameter.integer("compressionLevel", 0, 9, 0),
                Parameter.bool("checksums", false));
        int sessions = 100;
        int withKeep = 0;
        int decisions = 0;
        for (int s = 0; s < sessions; s++) {
            Sim sys = new Sim(space);
            TuningReport r = TuningSession.builder(sys, sys.measurer(c -> 1000.0, null, 0.10, 1, 7000 + s))
                    .maxWindows(40).candidates(100).surrogate(GaussianProcessSurrogate::new).seed(s)
                    .verifyRounds(0).shutdownHook(false).build().run();
            decisions += r.steps().size() - 1;
            withKeep += r.keeps() > 0 ? 1 : 0;
        }
        LOG.info("flat knob under 10% block noise: {} of {} sessions kept a change ({} comparisons)", withKeep, sessions,
                decisions);
        assertTrue(withKeep <= 5, withKeep + " of " + sessions + " sessions kept a change that does nothing");
        assertTrue(decisions > 3 * sessions, "the sessions compared changes: " + decisions);
    }
}
