package dev.vernier.optimizer;

import dev.vernier.api.tuning.Configuration;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The session on the smooth synthetic peak (batch 128 with pipelining, 13,000 ops/s), blocks with
 * 6% noise, 60 blocks: where it leaves the system. The comparison with other tuners on harder
 * systems is a benchmark (sdk-benchmarks TunerComparison), not a test.
 */
class ConvergenceTest {

    private static final Logger LOG = LoggerFactory.getLogger(ConvergenceTest.class);

    @Test
    void sessionLeavesTheSystemNearTheOptimumOfASmoothPeak() {
        double optimum = Synthetic.gridOptimum(Synthetic::throughput);
        double[] left = new double[10];
        for (int s = 0; s < left.length; s++) {
            Sim sys = new Sim(Synthetic.SPACE);
            TuningReport r = TuningSession.builder(sys, sys.measurer(Synthetic::throughput, null, 0.06, 1, 1000 + s))
                    .maxWindows(60).seed(s).verifyRounds(0).shutdownHook(false).build().run();
            left[s] = Synthetic.throughput(new Configuration(r.finalConfiguration())) / optimum;
            assertTrue(sys.currentConfiguration().equals(new Configuration(r.finalConfiguration())),
                    "the system runs the reported final configuration");
        }
        Arrays.sort(left);
        double median = (left[4] + left[5]) / 2;
        LOG.info("final configuration / optimum over 10 seeds (sorted): {}", Arrays.toString(left));
        assertTrue(median >= 0.9, "median share of the optimum " + median + " in " + Arrays.toString(left));
        assertTrue(left[0] >= 0.3, "never worse than the start (0.10 of the optimum) by much: " + left[0]);
    }
}
