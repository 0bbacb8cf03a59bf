package dev.vernier.optimizer;

import dev.vernier.api.NanoClock;
import dev.vernier.api.internal.Check;
import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Metric;
import dev.vernier.core.recording.OperationRecorder;
import dev.vernier.core.recording.Recording;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Measures a window of a node's own production traffic, with no synthetic load: the difference of
 * two {@link OperationRecorder#snapshot() snapshots} of the recorder the node records its operations
 * into, taken a window apart after a warm-up (operations served under the configuration just
 * applied), and the process's CPU time over the same window.
 *
 * <p>Metrics: P50/P95/P99 and mean latency (ms) of the window's merged histogram of committed
 * operations, ERROR_RATE (failed share of the operations that ended in the window),
 * CPU_US_PER_OPERATION (process CPU time over the window divided by the operations committed in it,
 * µs), and THROUGHPUT (committed operations per second). On production traffic the throughput is the
 * offered load, which the node does not choose: tune p99, the CPU cost per operation or the error
 * rate, not throughput. The offered load drifts during a session; a tuning session alternates
 * incumbent and candidate windows and decides on paired ratios, so drift common to both windows of a
 * pair cancels (a p99 that rises with the load rises in both).
 *
 * <pre>{@code
 * OperationRecorder recorder = ...;   // the node records each operation it serves
 * TuningSession.builder(node, RecordingMeasurer.builder(recorder).window(Duration.ofSeconds(5)).build())
 *         .objective(Objective.minimize(Metric.P99_LATENCY_MS).atMost(Metric.ERROR_RATE, 0.01))
 *         .build().run();
 * }</pre>
 *
 * <p>Thread-safety: {@link #measure} may be called from one thread at a time (a session's); the
 * recorder may be recorded into from any thread meanwhile. Waits go through the builder's clock.
 */
public final class RecordingMeasurer implements Measurer {

    private final OperationRecorder recorder;
    private final NanoClock clock;
    private final long windowNanos;
    private final long warmupNanos;
    private final String type;
    private final long minOperations;
    private final LongSupplier cpuNanos;

    private RecordingMeasurer(Builder b) {
        this.recorder = b.recorder;
        this.clock = b.clock != null ? b.clock : b.recorder.clock();
        this.windowNanos = b.window.toNanos();
        this.warmupNanos = (b.warmup != null ? b.warmup : b.window.dividedBy(4)).toNanos();
        this.type = b.type;
        this.minOperations = b.minOperations;
        this.cpuNanos = b.cpuNanos;
    }

    /**
     * @param recorder the recorder the node records its operations into
     * @return a builder: 2 s windows after a warm-up of a quarter window, all types, the process's CPU
     *     time, the recorder's clock
     * @throws IllegalArgumentException when the recorder is null
     */
    public static Builder builder(OperationRecorder recorder) {
        return new Builder(recorder);
    }

    /** @return the process's CPU time so far in ns (all threads), or -1 when the platform does not say */
    public static long processCpuNanos() {
        return ProcessHandle.current().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    @Override
    public Measurement measure(Configuration config) throws InterruptedException {
        clock.sleepUntil(clock.nanoTime() + warmupNanos);
        Recording before = recorder.snapshot();
        long cpuBefore = cpuNanos.getAsLong();
        clock.sleepUntil(before.endNanos() + windowNanos);
        Recording after = recorder.snapshot();
        long cpuAfter = cpuNanos.getAsLong();
        return of(after.since(before), cpuBefore < 0 || cpuAfter < 0 ? -1 : cpuAfter - cpuBefore);
    }

    /**
     * @param window what the recorder saw in one window
     * @param cpuNanos process CPU time over the window, ns, or a negative value when unknown
     * @return the window's metrics
     */
    Measurement of(Recording window, long cpuNanos) {
        Recording.TypeRecording r = type == null ? window.all() : window.type(type).orElse(null);
        long committed = r == null ? 0 : r.committed();
        long ended = r == null ? 0 : r.committed() + r.failed();
        double seconds = window.seconds();
        Map<Metric, Double> m = new EnumMap<>(Metric.class);
        m.put(Metric.THROUGHPUT, seconds > 0 ? committed / seconds : 0);
        if (ended > 0) {
            m.put(Metric.ERROR_RATE, r.errorRate());
        }
        Histogram h = r == null ? null : r.histogram();
        if (h != null && h.getTotalCount() > 0) {
            m.put(Metric.P50_LATENCY_MS, h.getValueAtPercentile(50) / 1e6);
            m.put(Metric.P95_LATENCY_MS, h.getValueAtPercentile(95) / 1e6);
            m.put(Metric.P99_LATENCY_MS, h.getValueAtPercentile(99) / 1e6);
            m.put(Metric.MEAN_LATENCY_MS, h.getMean() / 1e6);
        }
        if (cpuNanos >= 0 && committed > 0) {
            m.put(Metric.CPU_US_PER_OPERATION, cpuNanos / 1e3 / committed);
        }
        String limit = committed < minOperations ? String.format(Locale.ROOT, "little traffic: %d operations"
                + " committed in the %.1f s window (fewer than %d), so its percentiles rest on few values",
                committed, seconds, minOperations) : "";
        return new Measurement(m, List.of(), Map.of(), limit);
    }

    /** Settings of a recording measurer; not thread-safe. */
    public static final class Builder {
        private final OperationRecorder recorder;
        private NanoClock clock;
        private Duration window = Duration.ofSeconds(2);
        private Duration warmup;
        private String type;
        private long minOperations = 200;
        private LongSupplier cpuNanos = RecordingMeasurer::processCpuNanos;

        private Builder(OperationRecorder recorder) {
            this.recorder = Check.notNull("recorder", recorder);
        }

        /**
         * @param window length of one window, at least 100 ms (default 2 s)
         * @return this builder
         */
        public Builder window(Duration window) {
            Check.notNull("window", window);
            if (window.toMillis() < 100) {
                throw new IllegalArgumentException("window must be at least 100 ms, but was " + window);
            }
            this.window = window;
            return this;
        }

        /**
         * @param warmup wait before each window, so that it holds operations served under the
         *     configuration in force, zero or more (default a quarter of the window)
         * @return this builder
         */
        public Builder warmup(Duration warmup) {
            Check.notNull("warmup", warmup);
            if (warmup.isNegative()) {
                throw new IllegalArgumentException("warmup must not be negative, but was " + warmup);
            }
            this.warmup = warmup;
            return this;
        }

        /**
         * @param type only this operation type counts (default: every type, merged)
         * @return this builder
         */
        public Builder type(String type) {
            this.type = Check.notBlank("type", type);
            return this;
        }

        /**
         * @param n fewest committed operations for a window's percentiles to count as well founded,
         *     0 or more (default 200); a window with fewer says so in {@link Measurement#loadLimit()}
         * @return this builder
         */
        public Builder minOperations(long n) {
            if (n < 0) {
                throw new IllegalArgumentException("minOperations must not be negative, but was " + n);
            }
            this.minOperations = n;
            return this;
        }

        /**
         * @param clock the clock the windows are waited on (default the recorder's)
         * @return this builder
         */
        public Builder clock(NanoClock clock) {
            this.clock = Check.notNull("clock", clock);
            return this;
        }

        /**
         * @param cpuNanos the process's CPU time so far, ns, negative when unknown (default
         *     {@link RecordingMeasurer#processCpuNanos()}); a test or a node that knows its own cost
         *     better may supply another
         * @return this builder
         */
        public Builder cpuTime(LongSupplier cpuNanos) {
            this.cpuNanos = Check.notNull("cpuTime", cpuNanos);
            return this;
        }

        /** @return the measurer */
        public RecordingMeasurer build() {
            return new RecordingMeasurer(this);
        }
    }
}
