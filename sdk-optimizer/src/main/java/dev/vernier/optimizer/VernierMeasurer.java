package dev.vernier.optimizer;

import dev.vernier.api.Phase;
import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.Scenario;
import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Metric;
import dev.vernier.api.LoadModel;
import dev.vernier.core.Vernier;
import dev.vernier.core.hlog.HistogramMerge;
import dev.vernier.core.result.GeneratorHealth;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.result.ThroughputInterval;
import dev.vernier.core.result.ThroughputResult;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * Measures one window (one block of a tuning session) of a running suite with
 * {@link Vernier#measure(ProtocolSuite, Scenario)} (no setup or teardown): a THROUGHPUT phase only,
 * which first runs the template's warm-up (discarded, so that each block starts warm after a change;
 * never set to zero behind the caller's back), then the window.
 *
 * <p>Metrics, one value per window: THROUGHPUT (ops/s, achieved over the window), the latency
 * percentiles P50/P95/P99 and the mean (ms) of the window's <em>merged</em> histogram (every due
 * transaction of the window, {@link ThroughputResult#encodedHistogram()}: one meaning of a
 * percentile, never a median of interval figures), ERROR_RATE (share of the window's reconciled
 * outcomes that are not committed: rejected, failed, timed out, refused, not sent). Samples: the
 * target metric per throughput interval (informational). Signals for the advisors: maximum and
 * optimal interval throughput.
 *
 * <p>Each window also says whether its <em>load</em>, not the configuration, may have set its figures
 * ({@link Measurement#loadLimit()}): the harness could not keep the open schedule, or the closed
 * clients used the machine's CPU (the engine's harness-limited verdict); an open rate the
 * configuration carried in full (the window's throughput is then the offered rate, so a throughput
 * gain cannot show); closed clients that saturated the system into timeouts. A session says so in
 * the step's reason and as a {@link LoadLimited} event.
 *
 * <p>With an open load at a fixed rate both configurations can carry, it is an operating-point
 * measurer ({@link TuningSession.Builder#operatingPoint}): latency there is comparable between
 * configurations, unlike latency under a closed load, which mirrors throughput.
 *
 * <p>Thread-safety: as safe as the {@link Vernier} instance, which serialises its runs.
 */
public final class VernierMeasurer implements Measurer {

    /** An open window whose throughput reached this share of its offered rate carried all of it. */
    static final double CARRIED = 0.97;

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
        Scenario template = Scenario.builder("tuning-window").load(LoadModel.constantRate(opsPerSecond))
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

    /**
     * @param t a throughput window
     * @param target the metric whose per-interval values become the samples
     * @return the window's figures (latency from its merged histogram), samples, signals and load verdict
     */
    static Measurement toMeasurement(ThroughputResult t, Metric target) {
        Map<Metric, Double> metrics = new EnumMap<>(Metric.class);
        metrics.put(Metric.THROUGHPUT, t.averageOpsPerSecond());
        if (t.outcomes().total() > 0) {
            metrics.put(Metric.ERROR_RATE, t.outcomes().errorRate());
        }
        Histogram merged = merged(t);
        if (merged != null && merged.getTotalCount() > 0) {
            metrics.put(Metric.P50_LATENCY_MS, merged.getValueAtPercentile(50) / 1e6);
            metrics.put(Metric.P95_LATENCY_MS, merged.getValueAtPercentile(95) / 1e6);
            metrics.put(Metric.P99_LATENCY_MS, merged.getValueAtPercentile(99) / 1e6);
            metrics.put(Metric.MEAN_LATENCY_MS, merged.getMean() / 1e6);
        }
        metrics.values().removeIf(v -> v == null || v.isNaN());
        List<Double> samples = new ArrayList<>();
        for (ThroughputInterval i : t.intervals()) {
            double v = switch (target) {
                case THROUGHPUT -> i.achievedOpsPerSecond();
                case P50_LATENCY_MS -> i.p50Ms();
                case P95_LATENCY_MS -> i.p95Ms();
                case P99_LATENCY_MS -> i.p99Ms();
                case MEAN_LATENCY_MS -> i.meanMs();
                case ERROR_RATE -> 1 - i.successRate();
                default -> Double.NaN;
            };
            if (!Double.isNaN(v)) {
                samples.add(v);
            }
        }
        Map<String, Double> signals = new HashMap<>();
        signals.put(Measurement.MAX_THROUGHPUT, t.maxOpsPerSecond());
        signals.put(Measurement.OPTIMAL_THROUGHPUT, t.optimalOpsPerSecond());
        return new Measurement(metrics, samples, signals, loadLimit(t));
    }

    /** @return the window's merged histogram (ns), or null when the result carries none */
    private static Histogram merged(ThroughputResult t) {
        if (t.encodedHistogram() == null || t.encodedHistogram().isEmpty()) {
            return null;
        }
        return HistogramMerge.decode(t.encodedHistogram(), "the tuning window");
    }

    /**
     * @param t a throughput window
     * @return why the load, not the configuration, may have set the window's figures; empty when
     *     nothing says so
     */
    static String loadLimit(ThroughputResult t) {
        GeneratorHealth g = t.generator();
        if (g.limitedBy() == GeneratorHealth.Limit.HARNESS) {
            return g.verdict();
        }
        LoadModel load = t.load();
        if (load instanceof LoadModel.ConstantRate rate && g.limitedBy() == GeneratorHealth.Limit.NONE
                && t.averageOpsPerSecond() >= CARRIED * rate.opsPerSecond()) {
            return String.format(Locale.ROOT, "offered-rate-limited: the window carried its whole open rate (%.0f of"
                    + " %.0f ops/s), so its throughput is the load's, not the configuration's capacity: a throughput"
                    + " gain cannot show; use a closed load or a rate above capacity", t.averageOpsPerSecond(),
                    rate.opsPerSecond());
        }
        if (!load.isOpen() && g.limitedBy() == GeneratorHealth.Limit.SYSTEM) {
            return g.verdict();
        }
        return "";
    }
}
