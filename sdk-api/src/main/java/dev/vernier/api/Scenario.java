package dev.vernier.api;

import dev.vernier.api.internal.Check;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * What to run against a suite: load model, transaction mix, durations, phases and seed.
 *
 * <p>Immutable and thread-safe. Built with {@link #builder(String)}; every setter validates its
 * argument at once ({@link IllegalArgumentException} naming the field and the value) and
 * {@link Builder#build()} checks combinations ({@link IllegalStateException}).
 *
 * <p>Each phase runs the load for {@link #warmup()} (discarded), then {@link #iterations()}
 * measured iterations of {@link #duration()} each. After the last send, in-flight transactions get
 * up to {@link #timeout()} to complete; the rest are counted as timeouts.
 */
public final class Scenario {

    /** Default percentiles reported by the latency phase. */
    private static final double[] DEFAULT_PERCENTILES = {50, 75, 90, 95, 99, 99.9, 99.99};

    /** Longest per-transaction timeout: one hour (latency histograms track up to twice it plus 1 s). */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(1);
    /** Longest warm-up, measured duration or fault offset: 30 days. */
    public static final Duration MAX_DURATION = Duration.ofDays(30);

    /** Longest default throughput interval. */
    private static final Duration DEFAULT_MAX_THROUGHPUT_INTERVAL = Duration.ofSeconds(5);

    private final String name;
    private final Duration warmup;
    private final Duration duration;
    private final int iterations;
    private final LoadModel load;
    private final TransactionMix mix;
    private final Duration timeout;
    private final Set<Phase> phases;
    private final long seed;
    private final int maxInFlight;
    private final Duration snapshotInterval;
    private final Duration throughputInterval;
    /** The interval the user set, or null for the default that follows the duration. */
    private final Duration explicitThroughputInterval;
    private final long latencySamples;
    private final double[] percentiles;
    private final Duration lagThreshold;
    private final double maxLateShare;
    private final Duration resourceSampleInterval;
    private final java.util.List<Integer> clusterSizes;
    private final FaultPlan faultPlan;

    private Scenario(Builder b) {
        this.name = b.name;
        this.warmup = b.warmup;
        this.duration = b.duration;
        this.iterations = b.iterations;
        this.load = b.load;
        this.mix = b.mix;
        this.timeout = b.timeout;
        this.phases = Collections.unmodifiableSet(EnumSet.copyOf(b.phases));
        this.seed = b.seed;
        this.maxInFlight = b.maxInFlight;
        this.snapshotInterval = b.snapshotInterval;
        this.explicitThroughputInterval = b.throughputInterval;
        this.throughputInterval = b.throughputInterval != null ? b.throughputInterval
                : defaultThroughputInterval(b.duration);
        this.latencySamples = b.latencySamples;
        this.percentiles = b.percentiles.clone();
        this.lagThreshold = b.lagThreshold;
        this.maxLateShare = b.maxLateShare;
        this.resourceSampleInterval = b.resourceSampleInterval;
        this.clusterSizes = b.clusterSizes;
        this.faultPlan = b.faultPlan;
    }

    /**
     * @param name scenario name used in reports, not blank
     * @return a builder with defaults: warm-up 2 s, duration 10 s, 1 iteration, constant 1,000 ops/s,
     *     one 128-byte type, timeout 5 s, phases THROUGHPUT and LATENCY, seed 42
     * @throws IllegalArgumentException when the name is blank
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** @return a builder initialised from this scenario */
    public Builder toBuilder() {
        Builder b = new Builder(name);
        b.warmup = warmup;
        b.duration = duration;
        b.iterations = iterations;
        b.load = load;
        b.mix = mix;
        b.timeout = timeout;
        b.phases = EnumSet.copyOf(phases);
        b.seed = seed;
        b.maxInFlight = maxInFlight;
        b.snapshotInterval = snapshotInterval;
        b.throughputInterval = explicitThroughputInterval;
        b.latencySamples = latencySamples;
        b.percentiles = percentiles.clone();
        b.lagThreshold = lagThreshold;
        b.maxLateShare = maxLateShare;
        b.resourceSampleInterval = resourceSampleInterval;
        b.clusterSizes = clusterSizes;
        b.faultPlan = faultPlan;
        return b;
    }

    /** @return the name */
    public String name() {
        return name;
    }

    /** @return warm-up run before measuring each phase; results discarded */
    public Duration warmup() {
        return warmup;
    }

    /** @return measured duration of one iteration */
    public Duration duration() {
        return duration;
    }

    /** @return number of measured iterations per phase, 1 or more */
    public int iterations() {
        return iterations;
    }

    /** @return the load model */
    public LoadModel load() {
        return load;
    }

    /** @return the transaction mix */
    public TransactionMix mix() {
        return mix;
    }

    /** @return per-transaction timeout; a transaction not completed by then counts as a timeout */
    public Duration timeout() {
        return timeout;
    }

    /** @return the phases to run (iteration order is {@link Phase} order) */
    public Set<Phase> phases() {
        return phases;
    }

    /** @return the random seed for the mix and anything the suite derives from it */
    public long seed() {
        return seed;
    }

    /** @return maximum transactions in flight; sends beyond it are refused and counted */
    public int maxInFlight() {
        return maxInFlight;
    }

    /** @return how often interval snapshots go to listeners */
    public Duration snapshotInterval() {
        return snapshotInterval;
    }

    /**
     * @return length of one throughput measurement interval (and one step of the step search); unless
     *     set, a fifth of the duration, between 10 ms and 5 s
     */
    public Duration throughputInterval() {
        return throughputInterval;
    }

    /** Five intervals per iteration, at most 5 s and at least 10 ms each. */
    private static Duration defaultThroughputInterval(Duration duration) {
        Duration fifth = duration.dividedBy(5);
        if (fifth.compareTo(DEFAULT_MAX_THROUGHPUT_INTERVAL) > 0) {
            return DEFAULT_MAX_THROUGHPUT_INTERVAL;
        }
        return fifth.toMillis() < 10 ? Duration.ofMillis(10) : fifth;
    }

    /**
     * @return outcomes to collect per latency iteration (committed or not; the latency distribution
     *     holds the committed ones), or 0 to run for {@link #duration()}; the duration still bounds it
     */
    public long latencySamples() {
        return latencySamples;
    }

    /** @return the percentiles the latency phase reports, each in (0, 100) */
    public double[] percentiles() {
        return percentiles.clone();
    }

    /** @return scheduling-lag p99 above which a run is marked generator-limited */
    public Duration lagThreshold() {
        return lagThreshold;
    }

    /** @return share of sends made late or refused above which a run is marked generator-limited */
    public double maxLateShare() {
        return maxLateShare;
    }

    /** @return sampling interval of the resource phase */
    public Duration resourceSampleInterval() {
        return resourceSampleInterval;
    }

    /**
     * @return cluster sizes the SCALABILITY phase runs at, ascending; empty means every size the
     *     suite's {@link ClusterControl#supportedSizes()} lists
     */
    public java.util.List<Integer> clusterSizes() {
        return clusterSizes;
    }

    /** @return the faults of the FAULT_TOLERANCE phase (default: {@link FaultPlan#crashLeader(Duration)}) */
    public FaultPlan faultPlan() {
        return faultPlan == null ? FaultPlan.crashLeader(duration) : faultPlan;
    }

    /** Scenarios are equal when every setting is (a default interval equals the same interval set). */
    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        if (!(o instanceof Scenario s)) {
            return false;
        }
        return name.equals(s.name) && warmup.equals(s.warmup) && duration.equals(s.duration)
                && iterations == s.iterations && load.equals(s.load) && mix.equals(s.mix) && timeout.equals(s.timeout)
                && phases.equals(s.phases) && seed == s.seed && maxInFlight == s.maxInFlight
                && snapshotInterval.equals(s.snapshotInterval) && throughputInterval.equals(s.throughputInterval)
                && latencySamples == s.latencySamples && java.util.Arrays.equals(percentiles, s.percentiles)
                && lagThreshold.equals(s.lagThreshold) && Double.compare(maxLateShare, s.maxLateShare) == 0
                && resourceSampleInterval.equals(s.resourceSampleInterval) && clusterSizes.equals(s.clusterSizes)
                && faultPlan().equals(s.faultPlan());
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(name, duration, iterations, load, mix, phases, seed);
    }

    @Override
    public String toString() {
        return "Scenario{" + name + ", load=" + load + ", duration=" + duration + ", iterations=" + iterations
                + ", phases=" + phases + "}";
    }

    /** The lowest rate an open model runs at, or NaN for the closed model. */
    private static double slowestRate(LoadModel load) {
        if (load instanceof LoadModel.ConstantRate c) {
            return c.opsPerSecond();
        } else if (load instanceof LoadModel.LinearRamp r) {
            return Math.min(r.fromOpsPerSecond(), r.toOpsPerSecond());
        } else if (load instanceof LoadModel.StepSearch s) {
            return s.initialOpsPerSecond();
        }
        return Double.NaN;
    }

    /** Fluent builder; not thread-safe. Each setter validates its argument immediately. */
    public static final class Builder {
        private final String name;
        private Duration warmup = Duration.ofSeconds(2);
        private Duration duration = Duration.ofSeconds(10);
        private int iterations = 1;
        private LoadModel load = LoadModel.constantRate(1_000);
        private TransactionMix mix = TransactionMix.single("tx", 128);
        private Duration timeout = Duration.ofSeconds(5);
        private Set<Phase> phases = EnumSet.of(Phase.THROUGHPUT, Phase.LATENCY);
        private long seed = 42;
        private int maxInFlight = 10_000;
        private Duration snapshotInterval = Duration.ofSeconds(1);
        private Duration throughputInterval;
        private long latencySamples;
        private double[] percentiles = DEFAULT_PERCENTILES.clone();
        private Duration lagThreshold = Duration.ofMillis(1);
        private double maxLateShare = 0.001;
        private Duration resourceSampleInterval = Duration.ofSeconds(1);
        private java.util.List<Integer> clusterSizes = java.util.List.of();
        private FaultPlan faultPlan;

        private Builder(String name) {
            this.name = Check.notBlank("name", name);
        }

        /** @param warmup discarded warm-up per phase, 0 to {@link #MAX_DURATION} */
        public Builder warmup(Duration warmup) {
            this.warmup = Check.atMost("warmup", Check.nonNegative("warmup", warmup), MAX_DURATION);
            return this;
        }

        /** @param duration measured duration of one iteration, positive, at most {@link #MAX_DURATION} */
        public Builder duration(Duration duration) {
            this.duration = Check.atMost("duration", Check.positive("duration", duration), MAX_DURATION);
            return this;
        }

        /** @param iterations measured iterations per phase, 1 to 1000 */
        public Builder iterations(int iterations) {
            if (iterations < 1 || iterations > 1000) {
                throw new IllegalArgumentException("iterations must be between 1 and 1000, but was " + iterations);
            }
            this.iterations = iterations;
            return this;
        }

        /** @param load the load model */
        public Builder load(LoadModel load) {
            this.load = Check.notNull("load", load);
            return this;
        }

        /** @param mix the transaction mix */
        public Builder mix(TransactionMix mix) {
            this.mix = Check.notNull("mix", mix);
            return this;
        }

        /** @param timeout per-transaction timeout, 1 ms to {@link #MAX_TIMEOUT} */
        public Builder timeout(Duration timeout) {
            Check.atMost("timeout", Check.positive("timeout", timeout), MAX_TIMEOUT);
            if (timeout.compareTo(Duration.ofMillis(1)) < 0) {
                throw new IllegalArgumentException("timeout must be at least 1 ms, but was " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /** @param phases the phases to run, at least one */
        public Builder phases(Phase... phases) {
            Check.notNull("phases", phases);
            if (phases.length == 0) {
                throw new IllegalArgumentException("phases must name at least one phase, but was []");
            }
            for (Phase p : phases) {
                Check.notNull("phases[]", p);
            }
            this.phases = EnumSet.copyOf(Arrays.asList(phases));
            return this;
        }

        /** @param seed the random seed */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @param maxInFlight cap on in-flight transactions, 1 to 10,000,000 */
        public Builder maxInFlight(int maxInFlight) {
            if (maxInFlight < 1 || maxInFlight > 10_000_000) {
                throw new IllegalArgumentException("maxInFlight must be between 1 and 10000000, but was " + maxInFlight);
            }
            this.maxInFlight = maxInFlight;
            return this;
        }

        /** @param interval how often listeners get snapshots (and recorders are harvested), 10 ms to 60 s */
        public Builder snapshotInterval(Duration interval) {
            Check.positive("snapshotInterval", interval);
            if (interval.toMillis() < 10 || interval.compareTo(Duration.ofSeconds(60)) > 0) {
                throw new IllegalArgumentException("snapshotInterval must be between 10 ms and 60 s, but was " + interval);
            }
            this.snapshotInterval = interval;
            return this;
        }

        /**
         * @param interval length of one throughput interval / step, at least 10 ms and at most the
         *     duration (default: a fifth of the duration, at most 5 s)
         */
        public Builder throughputInterval(Duration interval) {
            Check.atMost("throughputInterval", Check.positive("throughputInterval", interval), MAX_DURATION);
            if (interval.toMillis() < 10) {
                throw new IllegalArgumentException("throughputInterval must be at least 10 ms, but was " + interval);
            }
            this.throughputInterval = interval;
            return this;
        }

        /** @param samples latency samples per iteration, 0 (use the duration) or more */
        public Builder latencySamples(long samples) {
            this.latencySamples = Check.nonNegative("latencySamples", samples);
            return this;
        }

        /** @param percentiles percentiles to report, each in (0, 100), at least one */
        public Builder percentiles(double... percentiles) {
            Check.notNull("percentiles", percentiles);
            if (percentiles.length == 0) {
                throw new IllegalArgumentException("percentiles must not be empty, but was []");
            }
            for (double p : percentiles) {
                Check.percentile("percentile", p);
            }
            this.percentiles = percentiles.clone();
            Arrays.sort(this.percentiles);
            return this;
        }

        /** @param threshold scheduling-lag p99 above which the run is harness-limited, positive, at most 1 h */
        public Builder lagThreshold(Duration threshold) {
            this.lagThreshold = Check.atMost("lagThreshold", Check.positive("lagThreshold", threshold), MAX_TIMEOUT);
            return this;
        }

        /** @param share late-or-refused share of sends above which the run is generator-limited, in [0, 1] */
        public Builder maxLateShare(double share) {
            this.maxLateShare = Check.inRange("maxLateShare", share, 0, 1);
            return this;
        }

        /** @param interval resource sampling interval, 10 ms to 1 h */
        public Builder resourceSampleInterval(Duration interval) {
            Check.atMost("resourceSampleInterval", Check.positive("resourceSampleInterval", interval), MAX_TIMEOUT);
            if (interval.toMillis() < 10) {
                throw new IllegalArgumentException("resourceSampleInterval must be at least 10 ms, but was " + interval);
            }
            this.resourceSampleInterval = interval;
            return this;
        }

        /** @param sizes cluster sizes for the SCALABILITY phase, each 1 to 1000, at least one */
        public Builder clusterSizes(int... sizes) {
            Check.notNull("clusterSizes", sizes);
            if (sizes.length == 0) {
                throw new IllegalArgumentException("clusterSizes must name at least one size, but was []");
            }
            java.util.TreeSet<Integer> set = new java.util.TreeSet<>();
            for (int n : sizes) {
                if (n < 1 || n > 1000) {
                    throw new IllegalArgumentException("clusterSize must be between 1 and 1000, but was " + n);
                }
                set.add(n);
            }
            this.clusterSizes = java.util.List.copyOf(set);
            return this;
        }

        /** @param plan the faults of the FAULT_TOLERANCE phase */
        public Builder faultPlan(FaultPlan plan) {
            this.faultPlan = Check.notNull("faultPlan", plan);
            return this;
        }

        /**
         * @return the immutable scenario
         * @throws IllegalStateException when settings conflict (named in the message)
         * @throws IllegalArgumentException when an open load's rate sends less than one transaction per
         *     duration (the interval between sends exceeds it), naming the field and value
         */
        public Scenario build() {
            double slowest = slowestRate(load);
            if (!Double.isNaN(slowest) && 1e9 / slowest > duration.toNanos()) {
                throw new IllegalArgumentException("load rate must send at least one transaction per duration ("
                        + duration + "), but " + slowest + " ops/s sends one every "
                        + Duration.ofNanos((long) (1e9 / slowest)));
            }
            if (faultPlan != null && phases.contains(Phase.FAULT_TOLERANCE) && faultPlan.end().compareTo(duration) >= 0) {
                throw new IllegalStateException("faultPlan steps must fall within duration (" + duration
                        + "), but the last is at " + faultPlan.end());
            }
            if (phases.contains(Phase.THROUGHPUT) && throughputInterval != null
                    && throughputInterval.compareTo(duration) > 0) {
                throw new IllegalStateException("throughputInterval (" + throughputInterval
                        + ") must not exceed duration (" + duration + ") when the THROUGHPUT phase runs;"
                        + " set a shorter throughputInterval or leave it unset (default: duration / 5, at most 5 s)");
            }
            if (load instanceof LoadModel.StepSearch && !phases.contains(Phase.THROUGHPUT)) {
                throw new IllegalStateException("a stepSearch load needs the THROUGHPUT phase, but phases were " + phases);
            }
            return new Scenario(this);
        }
    }
}
