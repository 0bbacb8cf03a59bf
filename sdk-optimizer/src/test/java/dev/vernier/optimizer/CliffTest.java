package dev.vernier.optimizer;

import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Parameter;
import dev.vernier.api.tuning.ParameterRole;
import dev.vernier.api.tuning.ParameterSpace;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Throughput grows with the batch until 700, then collapses to 10%: the session learns the cliff. */
class CliffTest {

    private static final ParameterSpace SPACE = ParameterSpace.of(
            Parameter.integer("batchSize", 1, 4096, 4).logScaled().withRole(ParameterRole.BATCH_SIZE));

    private static double throughput(Configuration c) {
        int b = c.getInt("batchSize");
        double v = 1000 * (1 + Math.log(b) / Math.log(2));
        return b > 700 ? 0.1 * v : v;
    }

    @Test
    void afterACollapseTheSessionStaysOnTheSafeSideOfTheCliff() {
        double optimum = throughput(Configuration.of("batchSize", 700));
        double[] left = new double[10];
        for (int seed = 0; seed < left.length; seed++) {
            Sim sys = new Sim(SPACE);
            TuningReport r = TuningSession.builder(sys, sys.measurer(CliffTest::throughput, null, 0.05, 1, seed))
                    .maxWindows(60).verifyRounds(0).seed(seed).shutdownHook(false).build().run();
            int past = 0;
            double safeBelow = Double.POSITIVE_INFINITY; // the smallest batch seen to collapse
            for (TuningStep s : r.steps().subList(1, r.steps().size())) {
                int b = new Configuration(s.proposal().configuration()).getInt("batchSize");
                assertTrue(b < safeBelow, "seed " + seed + ": proposed " + b + " after " + safeBelow + " collapsed: "
                        + r.steps());
                if (b > 700) {
                    past++;
                    safeBelow = Math.min(safeBelow, b);
                }
            }
            assertTrue(past <= 3, "seed " + seed + ": " + past + " proposals past the cliff");
            Configuration fin = new Configuration(r.finalConfiguration());
            assertTrue(fin.getInt("batchSize") <= 700, "left past the cliff: " + fin);
            left[seed] = throughput(fin) / optimum;
        }
        Arrays.sort(left);
        assertTrue(left[5] >= 0.85, "median share of the optimum " + Arrays.toString(left));
    }
}
