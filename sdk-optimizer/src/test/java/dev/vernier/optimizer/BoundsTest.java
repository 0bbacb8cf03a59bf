package dev.vernier.optimizer;

import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Parameter;
import dev.vernier.api.tuning.ParameterSpace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Proposals stay within bounds and within the step bound. */
class BoundsTest {

    private static final ParameterSpace SPACE = ParameterSpace.of(
            Parameter.integer("maxBatchSize", 1, 4096, 8).logScaled(),
            Parameter.real("timeoutMs", 1.0, 500.0, 20.0),
            Parameter.integer("window", 1, 64, 4),
            Parameter.bool("pipelining", false),
            Parameter.choice("codec", List.of("none", "lz4", "zstd"), "none"));

    private static double f(Configuration c) {
        double d = Math.log(c.getInt("maxBatchSize")) / Math.log(2) - 7;
        return 1000 * Math.exp(-d * d / 8) * (1 + c.getDouble("timeoutMs") / 500) * (c.getBoolean("pipelining") ? 1.3 : 1)
                * (1 + c.getInt("window") / 64.0);
    }

    @Test
    void proposalsStayInBoundsAndWithinTheStep() {
        double maxStep = 0.1;
        for (long seed = 0; seed < 5; seed++) {
            Synthetic sys = new Synthetic(SPACE);
            List<Configuration> seen = new ArrayList<>();
            TuningReport r = TuningSession.builder(sys, Synthetic.noisy(BoundsTest::f, 0.02, 5, seed, seen))
                    .maxWindows(40).maxStep(maxStep).confidence(0).verifyRounds(0).seed(seed).shutdownHook(false)
                    .build().run();
            assertTrue(r.outcome() == TuningReport.Outcome.BUDGET_USED || r.outcome() == TuningReport.Outcome.CONVERGED,
                    r.outcome() + ": " + r.reason());
            Configuration before = SPACE.defaults();
            for (Configuration c : sys.applied) {
                SPACE.validate(c); // throws when out of bounds
                for (String numeric : List.of("maxBatchSize", "timeoutMs", "window")) {
                    Parameter<?> p = SPACE.get(numeric);
                    double d = Math.abs(p.toUnit(c.get(numeric)) - p.toUnit(before.get(numeric)));
                    assertTrue(d <= maxStep + 1e-9, numeric + " moved " + d + " from " + before + " to " + c);
                }
                int ci = List.of("none", "lz4", "zstd").indexOf((String) c.get("codec"));
                int bi = List.of("none", "lz4", "zstd").indexOf((String) before.get("codec"));
                assertTrue(Math.abs(ci - bi) <= 1, "codec jumped from " + before + " to " + c);
                before = c;
            }
            for (TuningStep s : r.steps()) {
                SPACE.validate(new Configuration(s.proposal().configuration()));
            }
        }
    }

    @Test
    void noConfigurationIsProposedMoreThanTwiceAndTheSessionSaysWhenNothingIsLeft() {
        ParameterSpace tiny = ParameterSpace.of(Parameter.integer("batch", 1, 3, 1), Parameter.bool("pipelining", false));
        Synthetic sys = new Synthetic(tiny);
        List<Configuration> seen = new ArrayList<>();
        TuningReport r = TuningSession.builder(sys, Synthetic.noisy(c -> 100.0 + c.getInt("batch"), 0.01, 5, 1, seen))
                .maxWindows(300).maxStep(1).confidence(0).shutdownHook(false).build().run();
        Map<Map<String, Object>, Long> counts = r.steps().stream().skip(1).map(s -> s.proposal().configuration())
                .collect(java.util.stream.Collectors.groupingBy(c -> c, java.util.stream.Collectors.counting()));
        assertTrue(counts.values().stream().allMatch(n -> n <= 2), counts.toString());
        assertEquals(TuningReport.Outcome.CONVERGED, r.outcome(), r.reason());
        assertTrue(r.windows() < 300, "stops when nothing new is left: " + r.windows());
        assertTrue(r.reason().contains("nothing new"), r.reason());
    }
}
