package dev.vernier.optimizer;

import dev.vernier.api.Phase;
import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.Scenario;
import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Metric;
import dev.vernier.core.Vernier;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.result.ThroughputInterval;
import dev.vernier.core.result.ThroughputResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Measures one window (one block of a tuning session) of a running suite with
 * {@link Vernier#measure(ProtocolSuite, Scenario)} (no setup or teardown): a THROUGHPUT phase only,
 * which first runs the template's warm-up (discarded, so that each block starts warm after a change;
 * never set to zero behind the caller's back), then the window, whose intervals give the samples of
 * the target metric and whose per-interval p50/p95/p99/mean latencies (ms) give the latency metrics
 * (the median over intervals). Metrics: THROUGHPUT (ops/s, achieved over the window), latency
 * percentiles (ms), ERROR_RATE (share). Signals for the advisors: maximum and optimal interval
 * throughput.
 *
 * <p>With an open load at a fixed rate both configurations can carry, it is an operating-point
 * measurer ({@link TuningSession.Builder#operatingPoint}): latency there is comparable between
 * configurations, unlike latency under a closed load, which mirrors throughput.
 *
 * <p>Thread-safety: as safe as the {@link Vernier} instance, which serialises its runs.
 */
public final class VernierMeasurer implements Measurer {

    private final Vernier vernier;
    private final ProtocolSuite suite;
    private final Scenario window;
    private final Metric target;

    /**
     * @param vernier the Vernier instance
     * @param suite the running suite being tuned
     * @param template the scenario whose load, mix and warm-up are used (the warm-up runs before every
     *     window); its phases are replaced by THROUGHPUT, and its duration and interval by the window's
     * @param window window length, at least 200 ms
     * @param interval sub-interval (one sample each), at least 10 ms and at most window / 2
     * @param target the metric whose per-interval values become the samples
     * @throws IllegalArgumentException naming the field and value when invalid
     */
    public VernierMeasurer(Vernier vernier, ProtocolSuite suite, Scenario template, Duration window, Duration interval,
                           Metric target) {
        if (vernier == null || suite == null || template == null || target == null) {
            throw new IllegalArgumentException("vernier, suite, template and target must not be null, but were "
                    + Arrays.asList(vernier, suite, template, target));
        }
        if (window == null || window.toMillis() < 200) {
            throw new IllegalArgumentException("window must be at least 200 ms, but was " + window);
        }
        if (interval == null || interval.toMillis() < 10 || interval.multipliedBy(2).compareTo(window) > 0) {
            throw new IllegalArgumentException("interval must be in [10 ms, window/2], but was " + interval);
        }
        this.vernier = vernier;
        this.suite = suite;
        this.target = target;
        this.window = template.toBuilder().phases(Phase.THROUGHPUT).duration(window)
                .throughputInterval(interval).iterations(1).build();
    }

    /**
     * A window of {@code window} split into five samples, measuring throughput, with a constant
     * rate of {@code opsPerSecond}, after a warm-up of half the window.
     *
     * @throws IllegalArgumentException naming the field and value when invalid
     */
    public static VernierMeasurer throughput(Vernier vernier, ProtocolSuite suite, double opsPerSecond, Duration window) {
        return throughput(vernier, suite, opsPerSecond, window, window == null ? null : window.dividedBy(2));
    }

    /**
     * A window of {@code window} split into five samples, measuring throughput, with a constant
     * rate of {@code opsPerSecond}, after {@code warmup}.
     *
     * @param warmup load run and discarded before each window, zero or more
     * @throws IllegalArgumentException naming the field and value when invalid
     */
    public static VernierMeasurer throughput(Vernier vernier, ProtocolSuite suite, double opsPerSecond, Duration window,
                                             Duration warmup) {
        if (window == null) {
            throw new IllegalArgumentException("window must be at least 200 ms, but was null");
        }
        Scenario template = Scenario.builder("tuning-window").load(dev.vernier.api.LoadModel.constantRate(opsPerSecond))
                .phases(Phase.THROUGHPUT).warmup(warmup).build();
        return new VernierMeasurer(vernier, suite, template, window, window.dividedBy(5), Metric.THROUGHPUT);
    }

    /** @return the warm-up run before every window */
    public Duration warmup() {
        return window.warmup();
    }

    @Override
    public Measurement measure(Configuration config) {
        ScenarioResult r = vernier.measure(suite, window);
        return toMeasurement(Objects.requireNonNull(r.throughput(), "throughput result"), target);
    }

    static Measurement toMeasurement(ThroughputResult t, Metric target) {
        List<ThroughputInterval> iv = t.intervals();
        Map<Metric, Double> metrics = new EnumMap<>(Metric.class);
        metrics.put(Metric.THROUGHPUT, t.averageOpsPerSecond());
        metrics.put(Metric.ERROR_RATE, t.outcomes().errorRate());
        if (!iv.isEmpty()) {
            metrics.put(Metric.P50_LATENCY_MS, median(iv, ThroughputInterval::p50Ms));
            metrics.put(Metric.P95_LATENCY_MS, median(iv, ThroughputInterval::p95Ms));
            metrics.put(Metric.P99_LATENCY_MS, median(iv, ThroughputInterval::p99Ms));
            metrics.put(Metric.MEAN_LATENCY_MS, median(iv, ThroughputInterval::meanMs));
        }
        metrics.values().removeIf(v -> v == null || v.isNaN());
        List<Double> samples = new ArrayList<>();
        for (ThroughputInterval i : iv) {
            double v = switch (target) {
                case THROUGHPUT -> i.achievedOpsPerSecond();
                case P50_LATENCY_MS -> i.p50Ms();
                case P95_LATENCY_MS -> i.p95Ms();
                case P99_LATENCY_MS -> i.p99Ms();
                case MEAN_LATENCY_MS -> i.meanMs();
                case ERROR_RATE -> 1 - i.successRate();
            };
            if (!Double.isNaN(v)) {
                samples.add(v);
            }
        }
        Map<String, Double> signals = new HashMap<>();
        signals.put(Measurement.MAX_THROUGHPUT, t.maxOpsPerSecond());
        signals.put(Measurement.OPTIMAL_THROUGHPUT, t.optimalOpsPerSecond());
        return new Measurement(metrics, samples, signals);
    }

    private static double median(List<ThroughputInterval> iv, java.util.function.ToDoubleFunction<ThroughputInterval> f) {
        double[] v = iv.stream().mapToDouble(f).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}
