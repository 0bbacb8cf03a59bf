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
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.DoubleAdder;
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
 *   <li>{@code vernier.latency.buckets} counters tagged {@code le} (seconds, 1-2-5 steps from 10 µs to
 *       50 s, and {@code +Inf}): cumulative counts of committed operations at or below each bound
 *       (to HdrHistogram's 3 significant digits),
 *       for windows of a node's own traffic and for run snapshots that carry their interval's
 *       histogram, so that
 *       {@code histogram_quantile(0.99, sum by (le) (rate(vernier_latency_buckets_total[1m])))}
 *       aggregates nodes; {@code vernier.latency.time} counter, seconds summed. Filled from the window's
 *       HdrHistogram, at a cost per distinct recorded value, not per operation
 *       [{@code vernier_latency_buckets_total}] (Prometheus reserves the {@code _bucket} suffix for its own histograms)</li>
 *   <li>optionally ({@link Builder#latencyTimer(boolean)}) a {@code vernier.latency} Micrometer timer
 *       with a percentile histogram, for backends that want a timer: every operation of a window is
 *       recorded into it, about 0.4 µs each on the monitor's thread (measured)
 *       [{@code vernier_latency_seconds_bucket}]</li>
 *   <li>{@code vernier.alerts.active} gauge tagged {@code severity}; {@code vernier.alerts.fired}
 *       counter tagged {@code rule} and {@code severity}</li>
 * </ul>
 * A figure the interval has no data for is published as NaN.
 *
 * <p>Thread-safe. Nothing here runs on a node's request path: figures are published when a snapshot
 * or a window is handed over (one window at a time per source).
 */
public final class VernierMeters implements RunListener {

    /** Value of the {@code type} tag for figures of all operation types together. */
    public static final String ALL_TYPES = "all";
    /** Upper bounds of the latency buckets, seconds (then {@code +Inf}). */
    public static final List<Double> BUCKET_BOUNDS_SECONDS = List.of(1e-5, 2e-5, 5e-5, 1e-4, 2e-4, 5e-4, 1e-3, 2e-3,
            5e-3, 0.01, 0.02, 0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0);
    private static final long[] BOUNDS_NANOS = BUCKET_BOUNDS_SECONDS.stream()
            .mapToLong(b -> Math.round(b * 1e9)).toArray();

    private final MeterRegistry registry;
    private final Tags tags;
    private final boolean latencyTimer;
    private final Map<String, SourceMeters> sources = new ConcurrentHashMap<>();
    private final Map<AlertSeverity, AtomicInteger> active = new EnumMap<>(AlertSeverity.class);

    private VernierMeters(Builder b) {
        this.registry = b.registry;
        this.tags = b.tags;
        this.latencyTimer = b.latencyTimer;
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
     * Publishes a run's interval snapshot: gauges, counters, and the latency buckets when the snapshot
     * carries its interval's histogram (the optional timer is left alone).
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
        if (s.histograms() != null) {
            m.buckets().add(s.histograms().all());
        }
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
            Histogram h = t.histogram();
            m.buckets().add(h);
            if (latencyTimer) {
                replay(m.timer(), h);
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
        private volatile Buckets buckets;
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

        Buckets buckets() {
            Buckets b = buckets;
            if (b == null) {
                b = new Buckets(id);
                buckets = b;
            }
            return b;
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

    /** Cumulative latency buckets of one source and type, exposed as counters tagged {@code le}. */
    private final class Buckets {
        private final AtomicLongArray cumulative = new AtomicLongArray(BOUNDS_NANOS.length + 1);
        private final DoubleAdder sumSeconds = new DoubleAdder();

        Buckets(Tags id) {
            for (int k = 0; k <= BOUNDS_NANOS.length; k++) {
                int index = k;
                String le = k == BOUNDS_NANOS.length ? "+Inf" : BigDecimal.valueOf(BUCKET_BOUNDS_SECONDS.get(k))
                        .stripTrailingZeros().toPlainString();
                FunctionCounter.builder("vernier.latency.buckets", cumulative, a -> a.get(index)).tags(id).tag("le", le)
                        .description("committed operations with latency at or below le seconds").register(registry);
            }
            FunctionCounter.builder("vernier.latency.time", sumSeconds, DoubleAdder::sum).tags(id).baseUnit("seconds")
                    .description("summed latency of committed operations").register(registry);
        }

        /** Adds a window's histogram: one step per distinct recorded value. */
        void add(Histogram h) {
            if (h.getTotalCount() == 0) {
                return;
            }
            long[] add = new long[BOUNDS_NANOS.length + 1];
            double sum = 0;
            for (HistogramIterationValue v : h.recordedValues()) {
                long count = v.getCountAtValueIteratedTo();
                sum += (double) h.medianEquivalentValue(v.getValueIteratedTo()) * count;
                // the lowest value HdrHistogram may have recorded as this one: a latency exactly on a
                // bound counts as at or below it (le)
                long value = h.lowestEquivalentValue(v.getValueIteratedTo());
                int k = 0;
                while (k < BOUNDS_NANOS.length && value > BOUNDS_NANOS[k]) {
                    k++;
                }
                add[k] += count;
            }
            long running = 0;
            for (int k = 0; k < add.length; k++) {
                running += add[k];
                if (running > 0) {
                    cumulative.addAndGet(k, running);
                }
            }
            sumSeconds.add(sum / 1e9);
        }
    }

    /** Settings of the bridge. Not thread-safe. */
    public static final class Builder {
        private final MeterRegistry registry;
        private Tags tags = Tags.empty();
        private boolean latencyTimer;

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
         *     into a {@code vernier.latency} Micrometer timer with a percentile histogram (default false:
         *     the {@code vernier.latency.buckets} counters carry the same distribution at a cost per
         *     distinct value, not per operation)
         * @return this builder
         */
        public Builder latencyTimer(boolean on) {
            this.latencyTimer = on;
            return this;
        }

        /** @return the bridge, its meters registered */
        public VernierMeters build() {
            return new VernierMeters(this);
        }
    }
}
