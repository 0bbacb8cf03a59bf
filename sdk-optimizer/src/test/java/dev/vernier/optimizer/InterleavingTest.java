package dev.vernier.optimizer;

import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Parameter;
import dev.vernier.api.tuning.ParameterSpace;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Keep and revert compare incumbent and candidate in alternating blocks, so drift cancels. */
class InterleavingTest {

    private static final ParameterSpace SPACE = ParameterSpace.of(Parameter.integer("batch", 1, 64, 8).logScaled(),
            Parameter.bool("pipelining", false));

    @Test
    void eachComparisonAlternatesIncumbentAndCandidateInAbbaBlocks() {
        Sim sys = new Sim(SPACE);
        TuningReport r = TuningSession.builder(sys, sys.measurer(c -> 1000 + 10 * c.getInt("batch"), null, 0.05, 1, 3))
                .maxWindows(40).verifyRounds(0).seed(3).shutdownHook(false).build().run();
        List<Configuration> blocks = sys.blocks;
        int at = 1 + 2; // one warm-up block, two baseline blocks
        assertEquals(SPACE.defaults(), blocks.get(0));
        Configuration incumbent = SPACE.defaults();
        boolean[] abba = {false, true, true, false};
        for (TuningStep s : r.steps().subList(1, r.steps().size())) {
            Configuration candidate = new Configuration(s.proposal().configuration());
            for (int k = 0; k < s.windows(); k++) {
                Configuration expected = abba[k % 4] ? candidate : incumbent;
                assertEquals(expected, blocks.get(at + k), "step " + s.index() + ", block " + k);
            }
            at += s.windows();
            if (s.decision() == Decision.KEEP) {
                incumbent = candidate;
            }
        }
        assertEquals(blocks.size(), at, "every block belongs to the warm-up, the baseline or a comparison");
        assertEquals(r.windows(), at - 1, "the budget counts every block but the warm-up");
    }

    @Test
    void loadThatGrowsThreePercentPerBlockDoesNotMakeANoEffectChangeLookBetter() {
        // the system's throughput does not depend on the configuration at all, but the offered load grows
        // by 3% per block: over a session that is a factor of 3, which a comparison of a new window with
        // the incumbent's earlier windows would take for a gain every time
        int keeps = 0;
        for (long seed = 0; seed < 20; seed++) {
            Sim sys = new Sim(SPACE);
            TuningReport r = TuningSession.builder(sys, sys.measurer(c -> 1000.0, null, 0.05, 1.03, seed))
                    .maxWindows(40).verifyRounds(0).seed(seed).shutdownHook(false).build().run();
            keeps += r.keeps();
            assertTrue(r.steps().size() > 3, "the session compared changes: " + r.steps());
        }
        assertEquals(0, keeps, "no-effect changes kept under drift");
    }
}
