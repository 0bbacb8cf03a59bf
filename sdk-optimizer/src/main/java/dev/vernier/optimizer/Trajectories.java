package dev.vernier.optimizer;

import dev.vernier.api.internal.Check;
import dev.vernier.api.tuning.Metric;
import dev.vernier.api.tuning.Objective;
import dev.vernier.core.report.TuningTrajectory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Converts a {@link TuningReport} into the neutral {@link TuningTrajectory} that sdk-core's reports
 * draw ({@code ReportSet.Builder.tuning}, {@code HtmlReport}): per step the configuration, the
 * objective and the constrained figures the session measured, the decision and why, and the headline
 * gain with its interval from the verification. Stateless and thread-safe.
 */
public final class Trajectories {

    private Trajectories() {
    }

    /**
     * @param report a finished session (or offline search)
     * @param objective the objective the session ran with (names the figure and its constraints)
     * @return the trajectory: one window per step, baseline first; the gain in percent of the
     *     objective (positive = better), null when the session verified nothing and kept something
     * @throws IllegalArgumentException when either is null
     */
    public static TuningTrajectory of(TuningReport report, Objective objective) {
        Check.notNull("report", report);
        Check.notNull("objective", objective);
        Metric target = objective.target();
        List<TuningTrajectory.Constraint> constraints = new ArrayList<>();
        for (Objective.Constraint c : objective.constraints()) {
            constraints.add(new TuningTrajectory.Constraint(figure(c.metric()), unit(c.metric()), c.limit(),
                    c.kind() == Objective.Constraint.Kind.AT_MOST));
        }
        List<TuningTrajectory.Window> windows = new ArrayList<>();
        for (TuningStep s : report.steps()) {
            Observation o = s.observation();
            Map<String, Double> figures = new LinkedHashMap<>();
            if (o != null) {
                for (Objective.Constraint c : objective.constraints()) {
                    Double v = o.metrics().get(c.metric());
                    if (v != null) {
                        figures.put(figure(c.metric()), v);
                    }
                }
            }
            double value = o == null ? Double.NaN : o.metric(target);
            windows.add(new TuningTrajectory.Window(s.index(), text(s.proposal().configuration()), value, figures,
                    decision(s.decision()), s.reason()));
        }
        Double gain = null;
        Double low = null;
        Double high = null;
        Comparison c = report.verification() == null ? null : report.verification().windows().get(target);
        boolean maximise = objective.maximize();
        if (c != null) {
            gain = percent(c.ratio(), maximise);
            low = percent(maximise ? c.ratioLow() : c.ratioHigh(), maximise);
            high = percent(maximise ? c.ratioHigh() : c.ratioLow(), maximise);
        } else if (report.verification() == null && report.startConfiguration().equals(report.finalConfiguration())
                && report.throughputGain() != null) {
            gain = 0.0; // nothing kept: the system is where it started
        }
        return new TuningTrajectory(figure(target), unit(target), maximise, constraints, windows,
                report.startConfiguration(), report.finalConfiguration(), gain, low, high, report.outcome().name());
    }

    private static Double percent(double ratio, boolean maximise) {
        if (Double.isInfinite(ratio) || Double.isNaN(ratio)) {
            return null;
        }
        return 100 * (maximise ? ratio - 1 : 1 - ratio);
    }

    /** @return the figure's name in reports: throughput, p50, p95, p99, mean latency, error rate */
    static String figure(Metric m) {
        return switch (m) {
            case THROUGHPUT -> "throughput";
            case P50_LATENCY_MS -> "p50";
            case P95_LATENCY_MS -> "p95";
            case P99_LATENCY_MS -> "p99";
            case MEAN_LATENCY_MS -> "mean latency";
            case ERROR_RATE -> "error rate";
            default -> m.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        };
    }

    private static String unit(Metric m) {
        return m.unit().isEmpty() ? "share" : m.unit();
    }

    private static String text(Map<String, Object> configuration) {
        return configuration.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }

    private static TuningTrajectory.Decision decision(Decision d) {
        return switch (d) {
            case BASELINE -> TuningTrajectory.Decision.BASELINE;
            case KEEP -> TuningTrajectory.Decision.KEPT;
            case REVERT -> TuningTrajectory.Decision.REVERTED;
            case REVERT_CONSTRAINT -> TuningTrajectory.Decision.REVERTED_CONSTRAINT;
            case TRIAL -> TuningTrajectory.Decision.TRIAL;
            case FAILED -> TuningTrajectory.Decision.FAILED;
            case CANCELLED -> TuningTrajectory.Decision.CANCELLED;
        };
    }
}
