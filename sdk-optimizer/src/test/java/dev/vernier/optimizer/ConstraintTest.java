package dev.vernier.optimizer;

import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Metric;
import dev.vernier.api.tuning.Objective;
import dev.vernier.api.tuning.Parameter;
import dev.vernier.api.tuning.ParameterSpace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Constraints are checked with a margin for noise; operating-point limits against the start. */
class ConstraintTest {

    private static final ParameterSpace SPACE = ParameterSpace.of(Parameter.integer("batch", 1, 4, 1));
    private static final Objective P99_40 = Objective.maximize(Metric.THROUGHPUT).atMost(Metric.P99_LATENCY_MS, 40);

    private static int keeps(double candidateP99, long seeds) {
        int keeps = 0;
        for (long seed = 0; seed < seeds; seed++) {
            Sim sys = new Sim(SPACE);
            TuningReport r = TuningSession.builder(sys, sys.measurer(c -> c.getInt("batch") > 1 ? 1400.0 : 1000.0,
                            c -> c.getInt("batch") > 1 ? candidateP99 : 30.0, 0.04, 1, seed))
                    .objective(P99_40).maxWindows(30).verifyRounds(0).seed(seed).shutdownHook(false).build().run();
            keeps += r.keeps() > 0 ? 1 : 0;
            for (TuningStep s : r.steps(Decision.REVERT_CONSTRAINT)) {
                assertTrue(s.reason().contains("P99_LATENCY_MS <= 40.0"), s.reason());
            }
        }
        return keeps;
    }

    @Test
    void aCandidateAt40Point6MsNeverPassesA40MsLimitByLuck() {
        assertEquals(0, keeps(40.6, 20), "sessions that kept a configuration whose p99 is 40.6 ms");
    }

    @Test
    void aCandidateWellWithinTheLimitIsKept() {
        assertTrue(keeps(34, 20) >= 18, "a +40% change at p99 34 ms is kept");
    }

    @Test
    void anOperatingPointLimitRevertsAChangeThatHurtsLatencyAtTheFixedRate() {
        for (double opP99 : new double[] {14.0, 10.0}) {
            Sim sys = new Sim(SPACE);
            Random noise = new Random(1);
            Measurer atFixedRate = c -> Measurement.of(Map.of(Metric.THROUGHPUT, 200.0, Metric.P99_LATENCY_MS,
                    (sys.currentConfiguration().getInt("batch") > 1 ? opP99 : 10.0) * Math.exp(0.03 * noise.nextGaussian())),
                    List.of());
            TuningReport r = TuningSession.builder(sys, sys.measurer(c -> c.getInt("batch") > 1 ? 1500.0 : 1000.0, null,
                            0.03, 1, 1)).operatingPoint(atFixedRate)
                    .objective(Objective.maximize(Metric.THROUGHPUT).notWorseAtOperatingPoint(Metric.P99_LATENCY_MS, 0.10))
                    .maxWindows(30).seed(1).shutdownHook(false).build().run();
            if (opP99 > 11) {
                assertEquals(0, r.keeps(), r.steps().toString());
                assertTrue(r.steps(Decision.REVERT_CONSTRAINT).get(0).reason().contains("at the operating point"),
                        r.steps().toString());
                assertEquals(SPACE.defaults(), sys.currentConfiguration());
            } else {
                assertTrue(r.keeps() > 0, "p99 unchanged at the operating point: the gain is kept " + r.steps());
                assertTrue(new Configuration(r.finalConfiguration()).getInt("batch") > 1);
            }
        }
    }

    @Test
    void anOperatingPointLimitNeedsAnOperatingPointMeasurer() {
        Sim sys = new Sim(SPACE);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> TuningSession.builder(sys,
                        sys.measurer(c -> 1.0, null, 0, 1, 1))
                .objective(Objective.maximize(Metric.THROUGHPUT).notWorseAtOperatingPoint(Metric.P99_LATENCY_MS, 0.1))
                .build());
        assertTrue(e.getMessage().contains("operatingPoint"), e.getMessage());
    }
}
