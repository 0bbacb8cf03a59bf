package dev.vernier.optimizer;

import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Metric;
import dev.vernier.api.tuning.Parameter;
import dev.vernier.api.tuning.ParameterSpace;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The headline is the interleaved re-measurement of start and final, and it holds when measured again. */
class VerificationTest {

    @Test
    void reportedGainHoldsWhenStartAndFinalAreMeasuredAgainIndependently() throws Exception {
        // 30 sessions, not 10: with 10, one draw of the seeds decides a coverage that is ~93% (55 of 60 seeds)
        int covered = 0;
        List<String> off = new ArrayList<>();
        for (long seed = 0; seed < 30; seed++) {
            Sim sys = new Sim(Synthetic.SPACE);
            TuningReport r = TuningSession.builder(sys, sys.measurer(Synthetic::throughput, null, 0.05, 1.005, seed))
                    .maxWindows(40).verifyRounds(4).seed(seed).shutdownHook(false).build().run();
            Configuration start = Synthetic.SPACE.defaults();
            Configuration fin = new Configuration(r.finalConfiguration());
            assertTrue(r.keeps() > 0, "something was kept: " + r.steps());
            Comparison c = r.verification().throughput();
            assertEquals(4, c.pairs());
            assertEquals(c.ratio(), r.throughputGain(), 1e-12);
            // measured again, another way: 10 pairs in a fresh order with fresh noise
            Measurer again = sys.measurer(Synthetic::throughput, null, 0.05, 1.005, 1000 + seed);
            double logRatio = 0;
            for (int i = 0; i < 10; i++) {
                sys.apply(i % 2 == 0 ? fin : start);
                double first = again.measure(null).metrics().get(Metric.THROUGHPUT);
                sys.apply(i % 2 == 0 ? start : fin);
                double second = again.measure(null).metrics().get(Metric.THROUGHPUT);
                logRatio += i % 2 == 0 ? Math.log(first / second) : Math.log(second / first);
            }
            double remeasured = Math.exp(logRatio / 10);
            if (Math.abs(r.throughputGain() / remeasured - 1) > 0.10) {
                off.add("reported " + r.throughputGain() + ", measured again " + remeasured + " (seed " + seed + ")");
            }
            double truth = Synthetic.throughput(fin) / Synthetic.throughput(start);
            covered += c.ratioLow() <= truth && truth <= c.ratioHigh() ? 1 : 0;
        }
        // 4 pairs of 5% blocks against 10 fresh pairs: the two differ by more than 10% in ~2% of sessions
        assertTrue(off.size() <= 1, "reported gain more than 10% off the re-measurement: " + off);
        assertTrue(covered >= 26, "the 95% interval held the true gain in " + covered + " of 30 sessions");
    }

    @Test
    void verificationAlternatesStartAndFinalAndLeavesTheFinalInForce() {
        Sim sys = new Sim(Synthetic.SPACE);
        TuningReport r = TuningSession.builder(sys, sys.measurer(Synthetic::throughput, null, 0.03, 1, 5))
                .maxWindows(30).verifyRounds(3).seed(5).shutdownHook(false).build().run();
        Configuration start = Synthetic.SPACE.defaults();
        Configuration fin = new Configuration(r.finalConfiguration());
        List<Configuration> last = sys.blocks.subList(sys.blocks.size() - 6, sys.blocks.size());
        assertEquals(List.of(start, fin, fin, start, start, fin), last);
        assertEquals(fin, sys.currentConfiguration());
    }

    @Test
    void aFinalConfigurationThatTurnsOutWorseThanTheStartIsRolledBack() {
        // pipelining helps during the search, then (another workload arrives) it halves throughput
        ParameterSpace space = ParameterSpace.of(Parameter.bool("pipelining", false));
        java.util.concurrent.atomic.AtomicBoolean kept = new java.util.concurrent.atomic.AtomicBoolean();
        Sim sys = new Sim(space);
        // once pipelining has been kept (the space has nothing else to try: the verification comes next),
        // another workload arrives and pipelining halves throughput
        Measurer m = sys.measurer(c -> c.getBoolean("pipelining") ? (kept.get() ? 500.0 : 2000.0) : 1000.0, null, 0.02,
                1, 7);
        TuningReport r = TuningSession.builder(sys, m).maxWindows(12).verifyRounds(3).seed(1).shutdownHook(false)
                .listener(s -> kept.compareAndSet(false, s.decision() == Decision.KEEP)).build().run();
        assertEquals(1, r.keeps(), r.steps().toString());
        assertTrue(r.verification().throughput().ratioHigh() < 1, r.verification().toString());
        assertEquals(space.defaults().values(), r.finalConfiguration());
        assertEquals(space.defaults(), sys.currentConfiguration(), "the start is in force again");
        assertTrue(r.reason().contains("worse than the start"), r.reason());
    }

    @Test
    void nothingKeptGivesAGainOfExactlyOneAndNoVerification() {
        Sim sys = new Sim(Synthetic.SPACE);
        TuningReport r = TuningSession.builder(sys, sys.measurer(c -> 1000.0, null, 0.05, 1, 2)).maxWindows(20)
                .seed(2).shutdownHook(false).build().run();
        assertEquals(0, r.keeps());
        assertNull(r.verification());
        assertEquals(1.0, r.throughputGain());
        assertTrue(r.throughputGainLine().contains("no change kept"), r.throughputGainLine());
    }

    @Test
    void listenerSeesEveryStepTheVerificationAndTheFinishedReport() {
        Sim sys = new Sim(Synthetic.SPACE);
        List<TuningStep> steps = new ArrayList<>();
        List<Verification> verifications = new ArrayList<>();
        List<TuningReport> finished = new ArrayList<>();
        TuningReport r = TuningSession.builder(sys, sys.measurer(Synthetic::throughput, null, 0.03, 1, 4))
                .maxWindows(30).seed(4).shutdownHook(false).listener(new TuningListener() {
                    @Override
                    public void onStep(TuningStep step) {
                        steps.add(step);
                    }

                    @Override
                    public void onVerification(Verification v) {
                        verifications.add(v);
                    }

                    @Override
                    public void onFinished(TuningReport report) {
                        finished.add(report);
                    }
                }).build().run();
        assertEquals(r.steps(), steps);
        assertEquals(List.of(r.verification()), verifications);
        assertEquals(List.of(r), finished);
        assertNotNull(r.verification());
    }

    @Test
    void theWarmUpWindowIsNotPartOfTheBaseline() {
        Sim sys = new Sim(Synthetic.SPACE);
        Measurer warm = sys.measurer(c -> 1000.0, null, 0.0, 1, 1);
        AtomicInteger calls = new AtomicInteger();
        Measurer coldFirst = c -> {
            Measurement w = warm.measure(c);
            // a cold JVM: the first window runs at a tenth of the speed
            return calls.incrementAndGet() == 1
                    ? Measurement.of(Map.of(Metric.THROUGHPUT, w.metrics().get(Metric.THROUGHPUT) / 10), List.of()) : w;
        };
        TuningReport r = TuningSession.builder(sys, coldFirst).maxWindows(2).shutdownHook(false).build().run();
        assertEquals(1000.0, r.baseline().objective(), 1e-9);
        assertEquals(2, r.baseline().samples().size(), "two baseline blocks, the warm-up not among them");
        assertEquals(3, calls.get());
    }

    @Test
    void operatingPointLatencyIsComparedForStartAndFinal() {
        Sim sys = new Sim(Synthetic.SPACE);
        Random noise = new Random(3);
        Measurer atFixedRate = c -> {
            double p50 = sys.currentConfiguration().getBoolean("pipelining") ? 2.0 : 3.0;
            return Measurement.of(Map.of(Metric.THROUGHPUT, 200.0, Metric.P50_LATENCY_MS,
                    p50 * Math.exp(0.02 * noise.nextGaussian()), Metric.P99_LATENCY_MS, 3 * p50), List.of());
        };
        TuningReport r = TuningSession.builder(sys, sys.measurer(Synthetic::throughput, null, 0.03, 1, 3))
                .operatingPoint(atFixedRate).maxWindows(40).seed(3).shutdownHook(false).build().run();
        Verification v = r.verification();
        assertEquals(3, v.operatingPointRounds());
        Comparison p50 = v.operatingPoint().get(Metric.P50_LATENCY_MS);
        double expected = new Configuration(r.finalConfiguration()).getBoolean("pipelining") ? 2.0 / 3 : 1.0;
        assertEquals(expected, p50.ratio(), 0.03, v.toString());
        assertEquals(100 * (1 - p50.ratio()), r.p50ReductionPercent(), 1e-9);
    }
}
