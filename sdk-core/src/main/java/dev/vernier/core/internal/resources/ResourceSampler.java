package dev.vernier.core.internal.resources;

import dev.vernier.core.resources.*;

import dev.vernier.api.internal.Check;
import dev.vernier.api.NanoClock;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Samples resource metrics on its own daemon thread at a fixed interval (default one second) while
 * a phase runs, and keeps the samples in a bounded buffer.
 *
 * <p>Thread-safe: {@link #start()}, {@link #stop()}, {@link #sampleNow()}, {@link #subscribe} and
 * {@link #close()} may be called from any thread; sources are always called one sample at a time.
 * The sampler owns its thread: {@link #stop()} and {@link #close()} shut it down and wait for it, so
 * no thread is left after {@code close()}. A source that throws loses its metrics for that sample
 * only (logged once, then at most once a minute per source); the other sources are still delivered.
 * When the buffer is full (default 100,000 samples, 27 hours at one second) the oldest sample is
 * dropped and counted.
 *
 * <pre>{@code
 * try (ResourceSampler sampler = ResourceSampler.builder().build()) {
 *     sampler.start();
 *     ... run the load ...
 *     ResourceResult result = new ResourceAnalyzer().analyze(sampler.stop());
 * }
 * }</pre>
 */
public final class ResourceSampler implements AutoCloseable {

    /** The default sampling interval. */
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    /** The shortest interval accepted. */
    public static final Duration MIN_INTERVAL = Duration.ofMillis(10);
    /** The default number of samples kept. */
    public static final int DEFAULT_MAX_SAMPLES = 100_000;
    /** The name of the sampling thread. */
    public static final String THREAD_NAME = "vernier-resource-sampler";

    private static final Logger LOG = LoggerFactory.getLogger(ResourceSampler.class);
    private static final long FAILURE_LOG_PERIOD_NANOS = TimeUnit.MINUTES.toNanos(1);
    private static final long STOP_GRACE_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final NanoClock clock;
    private final long intervalNanos;
    private final List<MetricSource> sources;
    private final int maxSamples;
    private final List<Consumer<ResourceSample>> listeners = new CopyOnWriteArrayList<>();
    private final java.util.Set<Consumer<ResourceSample>> failedListeners =
            java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ThreadMXBean threadBean = ManagementFactory.getThreadMXBean();
    private final boolean cpuTimeSupported;

    /** Guards the sources and everything below. */
    private final Object lock = new Object();
    private final ArrayDeque<ResourceSample> buffer = new ArrayDeque<>();
    private final Map<String, String> absentReasons = new HashMap<>();
    private final Map<String, Long> failures = new HashMap<>();
    private final Map<String, Long> failuresUnlogged = new HashMap<>();
    private final Map<String, Long> lastFailureLog = new HashMap<>();
    private long dropped;
    private long costSamples;
    private long costWallNanos;
    private long costMaxWallNanos;
    private long costCpuNanos;
    private boolean costCpuValid;

    /** Guards the lifecycle. */
    private final Object lifecycle = new Object();
    private Thread sampling;
    private volatile boolean running;
    private boolean closed;
    private final ThreadFactory threads;

    private volatile ResourceSample latest;

    private ResourceSampler(Builder b) {
        this.clock = b.clock;
        this.threads = b.threads;
        this.intervalNanos = b.interval.toNanos();
        this.sources = List.copyOf(b.sources != null ? b.sources : DefaultSources.create());
        this.maxSamples = b.maxSamples;
        this.listeners.addAll(b.listeners);
        boolean supported;
        try {
            supported = threadBean.isCurrentThreadCpuTimeSupported() && threadBean.isThreadCpuTimeEnabled();
        } catch (UnsupportedOperationException e) {
            supported = false;
        }
        this.cpuTimeSupported = supported;
        this.costCpuValid = supported;
    }

    /** @return a builder with the default interval, clock, sources and buffer size */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a sampler with every default: one second, system clock, {@link DefaultSources} */
    public static ResourceSampler withDefaults() {
        return builder().build();
    }

    /**
     * Starts sampling on the sampler's daemon thread; the first sample is taken at once. Clears the
     * samples of a previous run.
     *
     * @throws IllegalStateException when already running or closed
     */
    public void start() {
        synchronized (lifecycle) {
            if (closed) {
                throw new IllegalStateException("resource sampler is closed");
            }
            if (sampling != null) {
                throw new IllegalStateException("resource sampler is already running");
            }
            synchronized (lock) {
                buffer.clear();
                absentReasons.clear();
                failures.clear();
                dropped = 0;
                costSamples = 0;
                costWallNanos = 0;
                costMaxWallNanos = 0;
                costCpuNanos = 0;
                costCpuValid = cpuTimeSupported;
            }
            running = true;
            sampling = threads.newThread(this::loop);
            sampling.setName(THREAD_NAME);
            sampling.setDaemon(true);
            sampling.start();
        }
    }

    /**
     * Stops sampling, waits for the sampling thread to end, and returns what was sampled.
     *
     * @return the series of this run (also when not running: whatever was sampled so far)
     */
    public ResourceSeries stop() {
        synchronized (lifecycle) {
            if (sampling != null) {
                shutdown();
            }
        }
        return series();
    }

    /** @return whether the sampler is running */
    public boolean isRunning() {
        synchronized (lifecycle) {
            return sampling != null;
        }
    }

    /**
     * Takes one sample now on the calling thread, records it and gives it to the listeners, whether
     * or not the sampler is running. Useful at phase boundaries and in tests.
     *
     * @return the sample
     */
    public ResourceSample sampleNow() {
        return takeSample();
    }

    /** @return the latest sample, or {@code null} before the first */
    public ResourceSample latest() {
        return latest;
    }

    /**
     * Subscribes to every new sample, for example to put resource figures in interval snapshots.
     * The listener runs on the sampling thread and must return quickly; what it throws is logged
     * and ignored.
     *
     * @param listener called with each new sample
     * @return a handle whose {@code close()} unsubscribes
     */
    public Subscription subscribe(Consumer<ResourceSample> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** @return a copy of the series sampled so far */
    public ResourceSeries series() {
        synchronized (lock) {
            return new ResourceSeries(new ArrayList<>(buffer), intervalNanos, dropped, absentReasons,
                    failures, cost());
        }
    }

    /** @return the sampling interval */
    public Duration interval() {
        return Duration.ofNanos(intervalNanos);
    }

    /** Stops sampling if running and releases the listeners; idempotent. */
    @Override
    public void close() {
        synchronized (lifecycle) {
            if (sampling != null) {
                shutdown();
            }
            closed = true;
        }
        listeners.clear();
        failedListeners.clear();
    }

    /** Samples at once, then every interval on the clock (at fixed rate: a late sample does not shift the next). */
    private void loop() {
        long next = clock.nanoTime();
        while (running) {
            sampleSafely();
            next += intervalNanos;
            while (running && clock.nanoTime() - next < 0) {
                clock.parkUntil(next);
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        }
    }

    /** Stops the sampling thread and waits up to 5 s on the clock for it. Holds the lifecycle lock. */
    private void shutdown() {
        Thread t = sampling;
        sampling = null;
        running = false;
        t.interrupt();
        clock.unpark(t);
        long deadline = clock.nanoTime() + STOP_GRACE_NANOS;
        boolean interrupted = false;
        while (t.isAlive() && clock.nanoTime() - deadline < 0) {
            clock.parkUntil(Math.min(deadline, clock.nanoTime() + 1_000_000L));
            interrupted |= Thread.interrupted();
        }
        if (t.isAlive()) {
            // a source blocked in uninterruptible I/O must not hang the run: leave the daemon thread
            LOG.warn("resource sampler thread still running 5 s after stop (a metric source is blocked);"
                    + " leaving it, the series ends here");
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private void sampleSafely() {
        try {
            takeSample();
        } catch (RuntimeException e) {
            // never let an exception cancel the periodic task
            LOG.warn("resource sample failed", e);
        }
    }

    private ResourceSample takeSample() {
        ResourceSample sample;
        synchronized (lock) {
            long cpuStart = costCpuValid ? threadBean.getCurrentThreadCpuTime() : -1;
            long start = clock.nanoTime();
            long wallStart = System.nanoTime();
            Map<String, Double> values = new HashMap<>();
            for (MetricSource source : sources) {
                SampleBuilder part = new SampleBuilder();
                try {
                    source.collect(part);
                } catch (Exception | LinkageError e) {
                    recordFailure(source, e, start);
                    continue;
                }
                values.putAll(part.values());
                absentReasons.putAll(part.absentReasons());
            }
            sample = new ResourceSample(start, values);
            if (buffer.size() >= maxSamples) {
                buffer.removeFirst();
                dropped++;
            }
            buffer.addLast(sample);
            long wall = System.nanoTime() - wallStart;
            costSamples++;
            costWallNanos += wall;
            costMaxWallNanos = Math.max(costMaxWallNanos, wall);
            if (costCpuValid) {
                long cpuEnd = threadBean.getCurrentThreadCpuTime();
                if (cpuStart >= 0 && cpuEnd >= cpuStart) {
                    costCpuNanos += cpuEnd - cpuStart;
                } else {
                    costCpuValid = false;
                }
            }
            latest = sample;
        }
        for (Consumer<ResourceSample> listener : listeners) {
            try {
                listener.accept(sample);
            } catch (RuntimeException e) {
                if (failedListeners.add(listener)) {
                    LOG.warn("resource sample listener {} failed (further failures logged at debug level)",
                            listener, e);
                } else {
                    LOG.debug("resource sample listener {} failed again: {}", listener, e.toString());
                }
            }
        }
        return sample;
    }

    private void recordFailure(MetricSource source, Throwable e, long now) {
        String name = source.name();
        failures.merge(name, 1L, Long::sum);
        Long last = lastFailureLog.get(name);
        if (last == null) {
            lastFailureLog.put(name, now);
            LOG.warn("resource source {} failed; its metrics are absent from this sample "
                    + "(further failures logged at most once a minute)", name, e);
        } else if (now - last >= FAILURE_LOG_PERIOD_NANOS) {
            long missed = failuresUnlogged.getOrDefault(name, 0L);
            lastFailureLog.put(name, now);
            failuresUnlogged.remove(name);
            LOG.warn("resource source {} failed again ({} more failures since last report): {}",
                    name, missed + 1, e.toString());
        } else {
            failuresUnlogged.merge(name, 1L, Long::sum);
            LOG.debug("resource source {} failed: {}", name, e.toString());
        }
    }

    private SamplerCost cost() {
        long intervalMillis = intervalNanos / 1_000_000;
        if (costSamples == 0) {
            return SamplerCost.none(intervalMillis);
        }
        double meanWallMicros = costWallNanos / 1e3 / costSamples;
        Double meanCpuMicros = costCpuValid ? costCpuNanos / 1e3 / costSamples : null;
        double perSample = meanCpuMicros != null ? meanCpuMicros : meanWallMicros;
        double share = perSample / (intervalNanos / 1e3) * 100.0;
        return new SamplerCost(costSamples, meanWallMicros, costMaxWallNanos / 1e3, meanCpuMicros,
                intervalMillis, share);
    }

    /** A subscription to samples; {@link #close()} unsubscribes. Thread-safe. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        /** Unsubscribes; idempotent. */
        @Override
        void close();
    }

    /**
     * Builds a {@link ResourceSampler}. Not thread-safe; validates each setting when it is given.
     */
    public static final class Builder {
        private Duration interval = DEFAULT_INTERVAL;
        private NanoClock clock = NanoClock.system();
        private ThreadFactory threads = Thread::new;
        private List<MetricSource> sources;
        private int maxSamples = DEFAULT_MAX_SAMPLES;
        private final List<Consumer<ResourceSample>> listeners = new ArrayList<>();

        private Builder() {
        }

        /**
         * @param interval time between samples, at least {@link #MIN_INTERVAL}; default one second
         * @return this builder
         * @throws IllegalArgumentException naming {@code interval} and the value
         */
        public Builder interval(Duration interval) {
            Check.positive("interval", interval);
            if (interval.compareTo(MIN_INTERVAL) < 0) {
                throw new IllegalArgumentException("interval must be at least " + MIN_INTERVAL
                        + ", but was " + interval);
            }
            this.interval = interval;
            return this;
        }

        /**
         * @param clock the clock of sample timestamps; default {@link NanoClock#system()}
         * @return this builder
         */
        public Builder clock(NanoClock clock) {
            this.clock = Check.notNull("clock", clock);
            return this;
        }

        /**
         * @param threads where the sampling thread comes from; default plain threads
         * @return this builder
         */
        public Builder threads(ThreadFactory threads) {
            this.threads = Check.notNull("threads", threads);
            return this;
        }

        /**
         * @param sources the sources to read, in order; default {@link DefaultSources#create()}
         * @return this builder
         */
        public Builder sources(List<? extends MetricSource> sources) {
            Check.notNull("sources", sources);
            for (int i = 0; i < sources.size(); i++) {
                Check.notNull("sources[" + i + "]", sources.get(i));
            }
            this.sources = new ArrayList<>(sources);
            return this;
        }

        /**
         * @param maxSamples samples kept before the oldest are dropped; positive; default 100,000
         * @return this builder
         * @throws IllegalArgumentException naming {@code maxSamples} and the value
         */
        public Builder maxSamples(int maxSamples) {
            Check.positive("maxSamples", (long) maxSamples);
            this.maxSamples = maxSamples;
            return this;
        }

        /**
         * @param listener called with each new sample, on the sampling thread
         * @return this builder
         */
        public Builder listener(Consumer<ResourceSample> listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /** @return the sampler, not yet started */
        public ResourceSampler build() {
            return new ResourceSampler(this);
        }
    }
}
