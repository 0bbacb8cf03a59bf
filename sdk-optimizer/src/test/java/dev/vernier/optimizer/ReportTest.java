package dev.vernier.optimizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Metric;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** History, Jackson, Markdown, advisors, surrogate and offline search. */
class ReportTest {

    private static Measurement window(Configuration c) {
        double v = Synthetic.throughput(c);
        double p50 = 1_000_000 / v;
        return new Measurement(Map.of(Metric.THROUGHPUT, v, Metric.P50_LATENCY_MS, p50, Metric.P99_LATENCY_MS, p50 * 3),
                List.of(v * 0.99, v, v * 1.01, v * 1.005, v * 0.995), Map.of());
    }

    @Test
    void reportSerialisesAndRenders() throws Exception {
        Measurer atFixedRate = c -> { // latency at a fixed rate falls with the batch size's distance from 128
            double d = Math.log(c.getInt("maxBatchSize")) / Math.log(2) - 7;
            return Measurement.of(Map.of(Metric.THROUGHPUT, 500.0, Metric.P50_LATENCY_MS, 2 + d * d / 4,
                    Metric.P99_LATENCY_MS, 6 + d * d), List.of());
        };
        TuningReport r = TuningSession.builder(new Synthetic(), ReportTest::window).operatingPoint(atFixedRate)
                .initialPoints(2).maxWindows(16).seed(2).shutdownHook(false).build().run();
        String json = new ObjectMapper().writeValueAsString(r);
        JsonNode tree = new ObjectMapper().readTree(json);
        assertEquals(r.steps().size(), tree.get("steps").size());
        assertEquals("BASELINE", tree.get("steps").get(0).get("decision").asText());
        assertTrue(tree.get("steps").get(1).get("proposal").has("confidence"));
        String md = r.toMarkdown();
        assertTrue(md.contains("Throughput gain") && md.contains("p50 latency reduction") && md.contains("| 0 | BASELINE"), md);
        assertTrue(tree.has("verification") && tree.get("verification").get("windows").has("THROUGHPUT"), json);
        assertTrue(r.steps(Decision.KEEP).size() == r.keeps());
        assertTrue(r.p50ReductionPercent() > 0, "p50 falls as throughput rises: " + r.p50ReductionPercent());
        assertTrue(r.steps().get(1).reason().contains("regardless of confidence"), r.steps().get(1).reason());
        assertThrows(UnsupportedOperationException.class, () -> r.steps().clear());
    }

    @Test
    void advisorsGoFirst() {
        Synthetic sys = new Synthetic();
        Measurer m = c -> {
            double v = Synthetic.throughput(c);
            return new Measurement(Map.of(Metric.THROUGHPUT, v, Metric.P50_LATENCY_MS, 1.0, Metric.P99_LATENCY_MS, 20.0),
                    List.of(v, v * 1.01, v * 0.99), Map.of(Measurement.MAX_THROUGHPUT, v * 1.5, Measurement.OPTIMAL_THROUGHPUT, v));
        };
        TuningReport r = TuningSession.builder(sys, m).maxWindows(12).shutdownHook(false).build().run();
        TuningStep first = r.steps().get(1);
        assertEquals(Proposal.Source.ADVISOR, first.proposal().source());
        assertTrue(first.proposal().rationale().startsWith("THROUGHPUT_DEGRADATION on 'maxBatchSize'"));
        assertEquals(16, first.proposal().configuration().get("maxBatchSize"));
        assertEquals(0.8, first.proposal().confidence());
        TuningStep second = r.steps().get(2);
        assertTrue(second.proposal().rationale().startsWith("LATENCY_TAIL on 'pipelining'"), second.proposal().rationale());
    }

    @Test
    void surrogateFitsAndFallsBack() {
        RandomForestSurrogate s = new RandomForestSurrogate(50, 1);
        assertThrows(IllegalStateException.class, () -> s.predict(new double[] {0.5}));
        s.fit(List.of(new double[] {0.1}, new double[] {0.9}), new double[] {1, 3});
        assertEquals(2, s.predict(new double[] {0.5}).mean(), 1e-9);
        List<double[]> x = new ArrayList<>();
        double[] y = new double[20];
        for (int i = 0; i < 20; i++) {
            x.add(new double[] {i / 19.0});
            y[i] = i < 10 ? 0 : 10;
        }
        s.fit(x, y);
        Prediction lo = s.predict(new double[] {0.05});
        Prediction hi = s.predict(new double[] {0.95});
        assertTrue(lo.mean() < 3 && hi.mean() > 7, lo + " " + hi);
        assertTrue(lo.stdDev() >= 0 && !Double.isNaN(hi.stdDev()));
    }

    @Test
    void offlineSearchFindsTheBestConfiguration() {
        List<Configuration> seen = new ArrayList<>();
        TuningReport r = OfflineSearch.builder(Synthetic.SPACE, Synthetic.noisy(Synthetic::throughput, 0.02, 5, 3, seen))
                .maxTrials(15).seed(4).build().run();
        assertEquals(15, r.steps().size());
        assertTrue(r.steps().stream().allMatch(s -> s.decision() == Decision.TRIAL));
        double best = Synthetic.throughput(new Configuration(r.finalConfiguration()));
        assertTrue(best >= 0.9 * 13_000, "best " + best + " at " + r.finalConfiguration());
        assertFalse(r.toMarkdown().isEmpty());
    }
}
