package dev.vernier.optimizer;

import dev.vernier.api.tuning.Configuration;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Session on a synthetic function with a known optimum, against random search. */
class ConvergenceTest {

    private static final Logger LOG = LoggerFactory.getLogger(ConvergenceTest.class);
    private static final int SEEDS = 10;
    private static final double NOISE = 0.03;

    /** Windows (baseline included) until the first measured configuration within 5% of the optimum; budget + 1 when never. */
    private static int evaluationsToTarget(List<Configuration> seen, double optimum, int budget) {
        for (int i = 0; i < seen.size(); i++) {
            if (Synthetic.throughput(seen.get(i)) >= 0.95 * optimum) {
                return i + 1;
            }
        }
        return budget + 1;
    }

    private static double median(int[] xs) {
        int[] s = xs.clone();
        Arrays.sort(s);
        return (s[(s.length - 1) / 2] + s[s.length / 2]) / 2.0;
    }

    @Test
    void sessionReachesOptimumFasterThanRandomSearch() {
        double optimum = Synthetic.gridOptimum(Synthetic::throughput);
        int budget = 20;
        int[] session = new int[SEEDS];
        double[] keptShare = new double[SEEDS];
        double[] gain = new double[SEEDS];
        for (int s = 0; s < SEEDS; s++) {
            Synthetic sys = new Synthetic();
            List<Configuration> seen = new ArrayList<>();
            TuningReport r = TuningSession.builder(sys, Synthetic.noisy(Synthetic::throughput, NOISE, 5, 1000 + s, seen))
                    .maxWindows(budget).seed(s).shutdownHook(false).build().run();
            session[s] = evaluationsToTarget(seen, optimum, budget);
            keptShare[s] = Synthetic.throughput(new Configuration(r.finalConfiguration())) / optimum;
            gain[s] = r.throughputGain();
            assertTrue(sys.currentConfiguration().equals(new Configuration(r.finalConfiguration())));
        }
        int[] random = new int[SEEDS];
        int randomBudget = 200;
        for (int s = 0; s < SEEDS; s++) {
            Random rnd = new Random(5000 + s);
            List<Configuration> seen = new ArrayList<>();
            seen.add(Synthetic.SPACE.defaults());
            while (seen.size() < randomBudget) {
                seen.add(Synthetic.SPACE.fromUnit(new double[] {rnd.nextDouble(), rnd.nextDouble()}));
            }
            random[s] = evaluationsToTarget(seen, optimum, randomBudget);
        }
        double mSession = median(session);
        double mRandom = median(random);
        Arrays.sort(keptShare);
        LOG.info("grid optimum {} ops/s; session evaluations to within 5%: {} (median {}); random search: {} (median {}); "
                        + "kept config / optimum (sorted): {}; throughput gains: {}",
                optimum, Arrays.toString(session), mSession, Arrays.toString(random), mRandom, Arrays.toString(keptShare),
                Arrays.toString(gain));
        assertTrue(mSession <= 15, "median evaluations " + mSession);
        assertTrue(mSession < mRandom, "session " + mSession + " vs random " + mRandom);
    }
}
