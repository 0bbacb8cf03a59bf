package dev.vernier.optimizer;

import dev.vernier.api.tuning.Metric;
import dev.vernier.api.tuning.Objective;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tuning report built by hand, with every kind of step and a verification, so that its renderings
 * are the same on every machine (golden files, the trajectory converter).
 */
final class FixedReport {

    static final Objective OBJECTIVE = Objective.maximize(Metric.THROUGHPUT).atMost(Metric.P99_LATENCY_MS, 300)
            .atMost(Metric.ERROR_RATE, 0.01);

    private FixedReport() {
    }

    static Map<String, Object> config(int batch, boolean pipelining) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("maxBatchSize", batch);
        c.put("pipelining", pipelining);
        return c;
    }

    static Observation observation(Map<String, Object> config, double throughput, double p99, double errors) {
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        m.put(Metric.THROUGHPUT, throughput);
        m.put(Metric.P99_LATENCY_MS, p99);
        m.put(Metric.ERROR_RATE, errors);
        return new Observation(config, m, throughput, p99 <= 300 && errors <= 0.01, List.of(throughput * 0.98,
                throughput * 1.02), Map.of());
    }

    static TuningReport report() {
        Map<String, Object> start = config(1, false);
        Map<String, Object> b8 = config(8, false);
        Map<String, Object> b64 = config(64, true);
        Map<String, Object> b512 = config(512, true);
        Observation base = observation(start, 850.5, 210.25, 0);
        Proposal baseline = new Proposal(start, Proposal.Source.BASELINE, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, "starting configuration");
        Proposal advisor = new Proposal(b8, Proposal.Source.ADVISOR, 0.8, 0.2, Double.NaN, Double.NaN, Double.NaN,
                "THROUGHPUT_DEGRADATION on 'maxBatchSize' (BATCH_SIZE): double the batch size");
        Proposal model = new Proposal(b64, Proposal.Source.MODEL, 0.71, 1.5, 9_000, 1_200, 0.93,
                "model: constrained expected improvement");
        Proposal explore = new Proposal(b512, Proposal.Source.EXPLORATION, 0.31, 0.4, 14_000, 4_000, 0.42,
                "exploration: below confidence 0.60");
        Observation o8 = observation(b8, 4_100, 40.5, 0);
        Observation o64 = observation(b64, 12_050, 9.75, 0);
        Observation o512 = observation(b512, 11_800, 420, 0.002);
        List<TuningStep> steps = List.of(
                new TuningStep(0, baseline, base, null, Decision.BASELINE, "baseline", 2),
                new TuningStep(1, advisor, o8, new Comparison(Metric.THROUGHPUT, 2, 860, 4_100, 4.767, 4.2, 5.41, 0.98,
                        21), Decision.KEEP, "gain +376.7% (99% lower bound +320.0%, 2 pairs, 21 df): significant and"
                        + " at least 5.0%", 4),
                new TuningStep(2, model, o64, new Comparison(Metric.THROUGHPUT, 4, 4_050, 12_050, 2.975, 2.6, 3.4,
                        0.98, 23), Decision.KEEP, "gain +197.5%: significant and at least 5.0%", 8),
                new TuningStep(3, explore, o512, new Comparison(Metric.THROUGHPUT, 1, 12_100, 11_800, 0.975, 0.7,
                        1.36, 0.98, 20), Decision.REVERT_CONSTRAINT, "breaks P99_LATENCY_MS <= 300: 420 | reverted",
                        2));
        Map<Metric, Comparison> windows = new EnumMap<>(Metric.class);
        windows.put(Metric.THROUGHPUT, new Comparison(Metric.THROUGHPUT, 3, 845, 11_950, 14.14, 12.9, 15.5, 0.95, 24));
        windows.put(Metric.P99_LATENCY_MS, new Comparison(Metric.P99_LATENCY_MS, 3, 205, 10.1, 0.0493, 0.031, 0.078,
                0.95, 24));
        Map<Metric, Comparison> op = new EnumMap<>(Metric.class);
        op.put(Metric.P50_LATENCY_MS, new Comparison(Metric.P50_LATENCY_MS, 3, 1.64, 1.57, 0.957, 0.77, 1.19, 0.95, 24));
        op.put(Metric.P99_LATENCY_MS, new Comparison(Metric.P99_LATENCY_MS, 3, 15.2, 9.8, 0.645, 0.18, 2.31, 0.95, 24));
        Verification v = new Verification(3, windows, 3, op, "start and final configuration measured again in 3"
                + " interleaved pairs (start, final, final, start, ...), and as many at the operating point; 95%"
                + " intervals on paired block differences");
        return new TuningReport(TuningReport.Outcome.BUDGET_USED, "the budget of 16 windows was used", null, start, b64,
                base, o64, steps, 16, v, 14.14, 100 * (1 - 0.957));
    }
}
