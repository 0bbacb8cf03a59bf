package dev.vernier.monitor.micrometer;

import dev.vernier.api.internal.Check;
import dev.vernier.core.alert.AlertSample;
import dev.vernier.core.alert.AlertSeverity;
import dev.vernier.core.event.AlertEvent;
import dev.vernier.core.event.AlertFired;
import dev.vernier.core.event.AlertResolved;
import dev.vernier.core.event.IntervalSnapshot;
import dev.vernier.core.event.RunListener;
import dev.vernier.core.event.VernierEvent;
import dev.vernier.core.recording.Recording;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;

/**
 * Publishes Vernier's figures to a Micrometer {@link MeterRegistry} the node already has (and so to
 * whatever backend it exports to: Prometheus, OTLP, Datadog, ...).
 *
 * <pre>{@code
 * VernierMeters meters = VernierMeters.bind(registry);
 * Vernier vernier = Vernier.builder().register(suite).listener(meters).build();   // synthetic runs
 * meters.record("node-1", recorder.snapshot().since(previous));                  // or a node's own traffic
 * }</pre>
 *
 * <p>Meters (Prometheus names in brackets; every traffic meter is tagged {@code source}, the suite
 * or recorder name, and {@code type}, the operation type or {@code all}):
 * <ul>
 *   <li>{@code vernier.throughput} gauge, committed ops/s in the latest interval
 *       [{@code vernier_throughput_ops_per_second}]</li>
 *   <li>{@code vernier.operations} counter tagged {@code outcome} = committed | failed
 *       [{@code vernier_operations_total}]</li>
 *   <li>{@code vernier.error.ratio} gauge, failed share of the latest interval, 0-1</li>
 *   <li>{@code vernier.inflight} gauge, transactions in flight (runs only)</li>
 *   <li>{@code vernier.latency.window} gauge tagged {@code quantile} = 0.5 | 0.95 | 0.99 | 1.0: the
 *       latest interval's percentiles, seconds, read from Vernier's own HdrHistogram of that interval
 *       (the one meaning of a percentile) [{@code vernier_latency_window_seconds}]</li>
 *   <li>{@code vernier.latency} timer with a percentile histogram, for windows of a node's own traffic
 *       only (a run's snapshots carry percentiles, not values): every operation of the window is
 *       recorded into it, so that {@code histogram_quantile} can aggregate nodes
 *       [{@code vernier_latency_seconds_bucket}]</li>
 *   <li>{@code vernier.alerts.active} gauge tagged {@code severity}; {@code vernier.alerts.fired}
 *       counter tagged {@code rule} and {@code severity}</li>
 * </ul>
 * A figure the interval has no data for is published as NaN.
 *
 * <p>Thread-safe. Nothing here runs on a node's request path: figures are published when a snapshot
 * or a window is handed over. Replaying a window into the timer costs one timer update per operation,
 * on the caller's thread (the monitor's sampler); {@link Builder#latencyHistogram(boolean)} turns it
 * off.
 */
public final class VernierMeters implements RunListener {

    /** Value of the {@code type} tag for figures of all operation types together. */
    public static final String ALL_TYPES = "all";

    private final MeterRegistry registry;
    private final Tags tags;
    private final boolean latencyHistogram;
    private final Map<String, SourceMeters> sources = new ConcurrentHashMap<>();
    private final Map<AlertSeverity, AtomicInteger> active = new EnumMap<>(AlertSeverity.class);

    private VernierMeters(Builder b) {
        this.registry = b.registry;
        this.tags = b.tags;
        this.latencyHistogram = b.latencyHistogram;
        for (AlertSeverity s : AlertSeverity.values()) {
            AtomicInteger n = new AtomicInteger();
            active.put(s, n);
            Gauge.builder("vernier.alerts.active", n, AtomicInteger::get).tags(tags).tag("severity", s.name())
                    .description("Vernier alerts active now").strongReference(true).register(registry);
        }
    }

    /**
     * @param registry the node's registry
     * @return a bridge with the defaults (latency histogram on, no extra tags)
     */
    public static VernierMeters bind(MeterRegistry registry) {
        return builder(registry).build();
    }

    /**
     * @param registry the node's registry
     * @return a builder
     * @throws IllegalArgumentException when the registry is null
     */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(Check.notNull("registry", registry));
    }

    /** @return the registry published to */
    public MeterRegistry registry() {
        return registry;
    }

    /**
     * Publishes interval snapshots and alert events; ignores other events.
     *
     * @param event an event of a run or of an alert engine
     */
    @Override
    public void onEvent(VernierEvent event) {
        if (event instanceof IntervalSnapshot s) {
            record(s);
        } else if (event instanceof AlertEvent a) {
            alert(a);
        }
    }

    /**
     * Publishes a run's interval snapshot (gauges and counters; the latency timer is left alone).
     *
     * @param s the snapshot
     */
    public void record(IntervalSnapshot s) {
        SourceMeters m = source(s.suite(), ALL_TYPES);
        m.committed.increment(AlertSample.committed(s));
        m.failed.increment(s.errors());
        m.throughput = s.throughputOpsPerSecond();
        m.errorRatio = AlertSample.errorRatePercent(s) / 100.0;
        m.inFlight = s.inFlight();
        m.p50 = s.p50Ms() / 1e3;
        m.p95 = s.p95Ms() / 1e3;
        m.p99 = s.p99Ms() / 1e3;
        m.max = s.maxMs() / 1e3;
    }

    /**
     * Publishes a window of a node's own traffic: per operation type and for all types together.
     *
     * @param source the name to tag with, e.g. the node's name
     * @param window {@code later.since(earlier)} of one recorder
     */
    public void record(String source, Recording window) {
        Check.notBlank("source", source);
        Check.notNull("window", window);
        double seconds = window.seconds();
        for (Recording.TypeRecording t : window.types()) {
            SourceMeters m = source(source, t.type());
            publish(m, t, seconds);
            if (latencyHistogram) {
                replay(m.timer(), t.histogram());
            }
        }
        SourceMeters all = source(source, ALL_TYPES);
        Recording.TypeRecording merged = window.all();
        // counters of "all" would double-count the per-type ones in a sum(); keep gauges only
        all.throughput = seconds > 0 ? merged.committed() / seconds : Double.NaN;
        all.errorRatio = errorRatio(merged);
        all.p50 = merged.percentileMs(50) / 1e3;
        all.p95 = merged.percentileMs(95) / 1e3;
        all.p99 = merged.percentileMs(99) / 1e3;
        all.max = merged.percentileMs(100) / 1e3;
    }

    private static void publish(SourceMeters m, Recording.TypeRecording t, double seconds) {
        m.committed.increment(t.committed());
        m.failed.increment(t.failed());
        m.throughput = seconds > 0 ? t.committed() / seconds : Double.NaN;
        m.errorRatio = errorRatio(t);
        m.p50 = t.percentileMs(50) / 1e3;
        m.p95 = t.percentileMs(95) / 1e3;
        m.p99 = t.percentileMs(99) / 1e3;
        m.max = t.percentileMs(100) / 1e3;
    }

    private static double errorRatio(Recording.TypeRecording t) {
        long ended = t.committed() + t.failed();
        return ended == 0 ? Double.NaN : (double) t.failed() / ended;
    }

    /** Records each value of the histogram into the timer as many times as it was counted. */
    private static void replay(Timer timer, Histogram h) {
        if (h.getTotalCount() == 0) {
            return;
        }
        for (HistogramIterationValue v : h.recordedValues()) {
            long nanos = h.medianEquivalentValue(v.getValueIteratedTo());
            for (long i = v.getCountAtValueIteratedTo(); i > 0; i--) {
                timer.record(nanos, TimeUnit.NANOSECONDS);
            }
        }
    }

    /**
     * Publishes an alert event.
     *
     * @param event fired or resolved
     */
    public void alert(AlertEvent event) {
        AlertSeverity severity = event.rule().severity();
        if (event instanceof AlertFired) {
            active.get(severity).incrementAndGet();
            Counter.builder("vernier.alerts.fired").tags(tags).tag("rule", event.rule().name())
                    .tag("severity", severity.name()).description("Vernier alerts fired").register(registry)
                    .increment();
        } else if (event instanceof AlertResolved) {
            active.get(severity).updateAndGet(n -> Math.max(0, n - 1));
        }
    }

    private SourceMeters source(String source, String type) {
        return sources.computeIfAbsent(source + '\u0000' + type, k -> new SourceMeters(source, type));
    }

    /** The meters of one source and operation type; fields are written by one publisher at a time. */
    private final class SourceMeters {
        final Tags id;
        final Counter committed;
        final Counter failed;
        private volatile Timer timer;
        volatile double throughput = Double.NaN;
        volatile double errorRatio = Double.NaN;
        volatile double inFlight = Double.NaN;
        volatile double p50 = Double.NaN;
        volatile double p95 = Double.NaN;
        volatile double p99 = Double.NaN;
        volatile double max = Double.NaN;

        SourceMeters(String source, String type) {
            this.id = tags.and("source", source, "type", type);
            committed = Counter.builder("vernier.operations").tags(id).tag("outcome", "committed")
                    .description("operations that ended, by outcome").register(registry);
            failed = Counter.builder("vernier.operations").tags(id).tag("outcome", "failed")
                    .description("operations that ended, by outcome").register(registry);
            Gauge.builder("vernier.throughput", this, m -> m.throughput).tags(id).baseUnit("ops.per.second")
                    .description("committed operations per second in the latest interval").strongReference(true)
                    .register(registry);
            Gauge.builder("vernier.error.ratio", this, m -> m.errorRatio).tags(id)
                    .description("failed share of the operations that ended in the latest interval, 0-1")
                    .strongReference(true).register(registry);
            Gauge.builder("vernier.inflight", this, m -> m.inFlight).tags(id)
                    .description("transactions in flight at the end of the latest interval").strongReference(true)
                    .register(registry);
            quantile("0.5", m -> m.p50);
            quantile("0.95", m -> m.p95);
            quantile("0.99", m -> m.p99);
            quantile("1.0", m -> m.max);
        }

        private void quantile(String q, java.util.function.ToDoubleFunction<SourceMeters> f) {
            Gauge.builder("vernier.latency.window", this, f).tags(id).tag("quantile", q).baseUnit("seconds")
                    .description("latency percentile of the latest interval, from Vernier's HdrHistogram")
                    .strongReference(true).register(registry);
        }

        Timer timer() {
            Timer t = timer;
            if (t == null) {
                t = Timer.builder("vernier.latency").tags(id).publishPercentileHistogram()
                        .minimumExpectedValue(Duration.ofNanos(1_000)).maximumExpectedValue(Duration.ofSeconds(60))
                        .description("latency of each operation of a node's own traffic").register(registry);
                timer = t;
            }
            return t;
        }
    }

    /** Settings of the bridge. Not thread-safe. */
    public static final class Builder {
        private final MeterRegistry registry;
        private Tags tags = Tags.empty();
        private boolean latencyHistogram = true;

        private Builder(MeterRegistry registry) {
            this.registry = registry;
        }

        /**
         * @param extra tags added to every meter, e.g. the node's id
         * @return this builder
         */
        public Builder tags(Tags extra) {
            this.tags = Check.notNull("tags", extra);
            return this;
        }

        /**
         * @param on whether windows of a node's own traffic are also recorded, operation by operation,
         *     into the {@code vernier.latency} timer's histogram (default true)
         * @return this builder
         */
        public Builder latencyHistogram(boolean on) {
            this.latencyHistogram = on;
            return this;
        }

        /** @return the bridge, its meters registered */
        public VernierMeters build() {
            return new VernierMeters(this);
        }
    }
}
