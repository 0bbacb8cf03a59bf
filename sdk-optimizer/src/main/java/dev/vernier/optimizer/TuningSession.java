package dev.vernier.optimizer;

import dev.vernier.api.internal.Check;
import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Metric;
import dev.vernier.api.tuning.Objective;
import dev.vernier.api.tuning.ParameterSpace;
import dev.vernier.api.tuning.Tunable;
import dev.vernier.optimizer.internal.Observations;
import dev.vernier.optimizer.internal.Proposer;
import dev.vernier.optimizer.internal.Welch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Tunes a live system: measures the starting configuration (the baseline), then repeatedly
 * proposes a configuration, applies it through {@link Tunable}, lets it settle, measures a window
 * and keeps it only when the one-sided lower confidence bound of the relative gain over the current
 * best (Welch t-interval on the window samples) exceeds the keep threshold and no constraint is
 * broken; otherwise it reverts at once.
 *
 * <p>Safety: the last good configuration is restored when measuring or applying fails, when the
 * session is cancelled ({@link #cancel()} or an interrupt of the running thread) and, through a
 * shutdown hook registered for the duration of {@link #run()}, when the JVM shuts down.
 *
 * <p>Thread-safety: {@link #run()} may be called once, from one thread; {@link #cancel()} may be
 * called from any thread. The session starts no threads of its own.
 *
 * <pre>{@code
 * TuningReport r = TuningSession.builder(tunable, new VernierMeasurer(vernier, suite, Duration.ofSeconds(10)))
 *         .objective(Objective.maximize(Metric.THROUGHPUT).atMost(Metric.P99_LATENCY_MS, 50))
 *         .maxWindows(20).keepThreshold(0.05).seed(7).build().run();
 * }</pre>
 */
public final class TuningSession {

    private static final Logger LOG = LoggerFactory.getLogger(TuningSession.class);

    private final Tunable tunable;
    private final Measurer measurer;
    private final Objective objective;
    private final int maxWindows;
    private final double keepThreshold;
    private final double confidence;
    private final double significance;
    private final long seed;
    private final int initialPoints;
    private final double maxStep;
    private final int candidates;
    private final boolean advisors;
    private final Duration settle;
    private final Supplier<SurrogateModel> surrogate;
    private final boolean shutdownHook;
    private final java.util.function.Consumer<TuningStep> listener;

    private final AtomicBoolean started = new AtomicBoolean();
    private final java.util.concurrent.locks.ReentrantLock applyLock = new java.util.concurrent.locks.ReentrantLock();
    private final Object runnerLock = new Object();
    private volatile boolean cancelled;
    /** Set by the shutdown hook: from then on nothing is applied but the restore. */
    private volatile boolean closed;
    private Thread runner;
    private volatile Configuration lastGood;
    private volatile Configuration inForce;

    private TuningSession(Builder b) {
        this.tunable = b.tunable;
        this.measurer = b.measurer;
        this.objective = b.objective;
        this.maxWindows = b.maxWindows;
        this.keepThreshold = b.keepThreshold;
        this.confidence = b.confidence;
        this.significance = b.significance;
        this.seed = b.seed;
        this.initialPoints = b.initialPoints;
        this.maxStep = b.maxStep;
        this.candidates = b.candidates;
        this.advisors = b.advisors;
        this.settle = b.settle;
        this.surrogate = b.surrogate;
        this.shutdownHook = b.shutdownHook;
        this.listener = b.listener;
    }

    /**
     * @param tunable the live system
     * @param measurer measures one window of it
     * @return a builder
     * @throws IllegalArgumentException when either is null
     */
    public static Builder builder(Tunable tunable, Measurer measurer) {
        return new Builder(tunable, measurer);
    }

    /** Asks the running session to stop; it restores the last good configuration. Any thread. */
    public void cancel() {
        synchronized (runnerLock) {
            cancelled = true;
            if (runner != null) {
                runner.interrupt();
            }
        }
    }

    /** The JVM is exiting: stop the session, then put the last good configuration back (bounded wait). */
    private void shutdown() {
        closed = true;
        cancel();
        try {
            if (applyLock.tryLock(5, java.util.concurrent.TimeUnit.SECONDS)) {
                try {
                    restore("JVM shutdown");
                } finally {
                    applyLock.unlock();
                }
            } else {
                LOG.error("JVM shutdown: an apply did not return within 5 s; the last good configuration {} could"
                        + " not be restored", lastGood);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void publish(TuningStep step) {
        try {
            listener.accept(step);
        } catch (RuntimeException e) {
            LOG.warn("tuning step listener failed", e);
        }
    }

    /**
     * Runs the session on the calling thread until the window budget is used, nothing is left to
     * propose, no proposal reaches the confidence threshold, or it fails or is cancelled.
     *
     * @return the report (never throws for measurement, apply or cancellation failures: see {@link TuningReport#outcome()})
     * @throws IllegalStateException when called twice
     * @throws IllegalArgumentException when the tunable's current configuration is invalid
     */
    public TuningReport run() {
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("a tuning session runs once; build a new one");
        }
        ParameterSpace space = tunable.parameterSpace();
        Configuration start = space.validate(space.defaults().with(tunable.currentConfiguration()));
        lastGood = start;
        inForce = start;
        synchronized (runnerLock) {
            runner = Thread.currentThread();
        }
        Thread hook = shutdownHook ? new Thread(this::shutdown, "vernier-tuning-restore") : null;
        if (hook != null) {
            Runtime.getRuntime().addShutdownHook(hook);
        }
        try {
            return loop(space, start);
        } finally {
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    LOG.debug("JVM shutting down; the restore hook stays", e);
                }
            }
            synchronized (runnerLock) {
                runner = null;
                if (cancelled) {
                    Thread.interrupted(); // a cancel() that raced the end must not leave the caller interrupted
                }
            }
        }
    }

    private TuningReport loop(ParameterSpace space, Configuration start) {
        List<TuningStep> steps = new ArrayList<>();
        List<Observation> history = new ArrayList<>();
        Map<Configuration, List<Double>> pooled = new HashMap<>();
        Proposer proposer = new Proposer(space, surrogate.get(), seed, initialPoints, maxStep, candidates,
                objective.maximize(), advisors, confidence);
        Observation baseline = null;
        Observation best = null;
        int windows = 0;
        TuningReport.Outcome outcome = TuningReport.Outcome.COMPLETED;
        String failure = null;
        Proposal proposal = new Proposal(start.values(), Proposal.Source.BASELINE, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, "starting configuration");
        try {
            checkCancelled();
            baseline = Observations.of(start, measurer.measure(start), objective);
            windows++;
            history.add(baseline);
            pooled.put(start, new ArrayList<>(baseline.samples()));
            proposer.measured(start, false);
            best = baseline;
            steps.add(new TuningStep(0, proposal, baseline, Double.NaN, Double.NaN, Decision.BASELINE,
                    baseline.feasible() ? "baseline" : "baseline breaks " + objective.violations(baseline.metrics())));
            publish(steps.get(0));
            LOG.info("tuning baseline {} -> {} {}", start, baseline.objective(), objective.target().unit());
            while (windows < maxWindows) {
                checkCancelled();
                proposal = proposer.next(lastGood, best, signed(meanOf(pooled.get(lastGood))), history);
                if (proposal == null) {
                    LOG.info("nothing new left to propose after {} windows", windows);
                    break;
                }
                if (proposal.source() != Proposal.Source.INITIAL_DESIGN && proposal.confidence() < confidence) {
                    LOG.info("best proposal {} has confidence {} < {}: stopping", proposal.configuration(),
                            proposal.confidence(), confidence);
                    break;
                }
                Configuration cfg = new Configuration(proposal.configuration());
                apply(cfg);
                sleepSettle();
                Measurement m = measurer.measure(cfg);
                checkCancelled(); // a window cut short by cancellation or shutdown decides nothing
                windows++;
                Observation obs = Observations.of(cfg, m, objective);
                history.add(obs);
                List<Double> samples = pooled.computeIfAbsent(cfg, k -> new ArrayList<>());
                samples.addAll(obs.samples());
                double gain = Double.NaN;
                double lower = Double.NaN;
                Decision decision;
                String reason;
                boolean inconclusive = false;
                if (!obs.feasible()) {
                    decision = Decision.REVERT_CONSTRAINT;
                    reason = "breaks " + objective.violations(obs.metrics()) + ": reverted";
                } else if (!best.feasible()) {
                    decision = Decision.KEEP;
                    reason = "respects the constraints the previous configuration broke";
                } else {
                    Welch.Result w = Welch.compare(samples, pooled.get(lastGood), objective.maximize(), significance);
                    gain = w.relativeGain();
                    lower = w.lowerBound();
                    if (lower > keepThreshold) {
                        decision = Decision.KEEP;
                        reason = String.format(Locale.ROOT, "gain %+.1f%%, %.0f%% lower bound %+.1f%% > threshold %.1f%%",
                                100 * gain, 100 * significance, 100 * lower, 100 * keepThreshold);
                    } else {
                        decision = Decision.REVERT;
                        inconclusive = gain > keepThreshold;
                        reason = String.format(Locale.ROOT, "gain %+.1f%%, %.0f%% lower bound %+.1f%% <= threshold %.1f%%%s",
                                100 * gain, 100 * significance, 100 * lower, 100 * keepThreshold,
                                inconclusive ? " (inconclusive: may be measured once more)" : "");
                    }
                }
                if (proposal.source() == Proposal.Source.INITIAL_DESIGN) {
                    reason = "initial design point, applied regardless of confidence; " + reason;
                }
                proposer.measured(cfg, inconclusive);
                if (decision == Decision.KEEP) {
                    lastGood = cfg;
                    best = obs;
                } else {
                    apply(lastGood);
                }
                LOG.info("step {}: {} -> {} {}: {} ({})", steps.size(), cfg, obs.objective(), objective.target().unit(),
                        decision, reason);
                steps.add(new TuningStep(steps.size(), proposal, obs, gain, lower, decision, reason));
                publish(steps.get(steps.size() - 1));
            }
        } catch (InterruptedException | CancellationException e) {
            outcome = TuningReport.Outcome.CANCELLED;
            failure = "cancelled";
            restoreAfter(steps, proposal, Decision.CANCELLED, "cancelled");
        } catch (Exception e) {
            if (cancelled || e.getCause() instanceof InterruptedException) {
                outcome = TuningReport.Outcome.CANCELLED;
                failure = "cancelled: " + e;
                restoreAfter(steps, proposal, Decision.CANCELLED, failure);
            } else {
                outcome = TuningReport.Outcome.FAILED;
                failure = e.toString();
                LOG.warn("tuning session failed; restoring the last good configuration {}", lastGood, e);
                restoreAfter(steps, proposal, Decision.FAILED, "failed: " + e);
            }
        }
        Double tput = TuningReport.ratio(baseline, best, Metric.THROUGHPUT);
        Double p50 = TuningReport.ratio(baseline, best, Metric.P50_LATENCY_MS);
        return new TuningReport(outcome, failure, start.values(), lastGood.values(), baseline, best, steps, windows,
                tput, p50 == null ? null : 100 * (1 - p50));
    }

    private static double meanOf(List<Double> xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return s / xs.size();
    }

    private double signed(double v) {
        return objective.maximize() ? v : -v;
    }

    private void restoreAfter(List<TuningStep> steps, Proposal proposal, Decision decision, String why) {
        boolean interrupted = Thread.interrupted();
        String restored = closed ? "the shutdown hook restored the last good configuration" : restore(why);
        steps.add(new TuningStep(steps.size(), proposal, null, Double.NaN, Double.NaN, decision, why + "; " + restored));
        if (interrupted && !cancelled) {
            Thread.currentThread().interrupt();
        }
    }

    private String restore(String why) {
        applyLock.lock();
        try {
            Configuration good = lastGood;
            if (good == null || good.equals(inForce)) {
                return "last good configuration still in force";
            }
            try {
                tunable.apply(good);
                inForce = good;
                LOG.info("restored the last good configuration {} ({})", good, why);
                return "restored " + good;
            } catch (Exception e) {
                LOG.error("could not restore the last good configuration {} ({})", good, why, e);
                return "could not restore " + good + ": " + e;
            }
        } finally {
            applyLock.unlock();
        }
    }

    private void apply(Configuration cfg) throws Exception {
        applyLock.lock(); // not interruptibly: an interrupt is the session's to see (cancellation), not the lock's
        try {
            if (closed) {
                throw new CancellationException("the JVM is shutting down; nothing more is applied");
            }
            inForce = null; // unknown until apply returns
            tunable.apply(cfg);
            inForce = cfg;
        } finally {
            applyLock.unlock();
        }
    }

    private void sleepSettle() throws InterruptedException {
        if (!settle.isZero()) {
            Thread.sleep(settle.toMillis());
        }
    }

    private void checkCancelled() {
        if (cancelled || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("tuning session cancelled");
        }
    }

    /** Fluent builder; not thread-safe. Setters validate at once and name the field and value. */
    public static final class Builder {
        private final Tunable tunable;
        private final Measurer measurer;
        private Objective objective = Objective.maximize(Metric.THROUGHPUT);
        private int maxWindows = 20;
        private double keepThreshold = 0.05;
        private double confidence = 0.6;
        private double significance = 0.95;
        private long seed = 42;
        private int initialPoints = 4;
        private double maxStep = 0.5;
        private int candidates = 500;
        private boolean advisors = true;
        private Duration settle = Duration.ZERO;
        private Supplier<SurrogateModel> surrogate;
        private boolean shutdownHook = true;
        private java.util.function.Consumer<TuningStep> listener = step -> { };

        private Builder(Tunable tunable, Measurer measurer) {
            if (tunable == null) {
                throw new IllegalArgumentException("tunable must not be null, but was null");
            }
            if (measurer == null) {
                throw new IllegalArgumentException("measurer must not be null, but was null");
            }
            this.tunable = tunable;
            this.measurer = measurer;
        }

        /** @param objective what to optimise and the constraints to respect (default: maximise throughput) */
        public Builder objective(Objective objective) {
            this.objective = Check.notNull("objective", objective);
            return this;
        }

        /** @param n measurement windows in all, baseline included, at least 2 (default 20) */
        public Builder maxWindows(int n) {
            if (n < 2) {
                throw new IllegalArgumentException("maxWindows must be at least 2, but was " + n);
            }
            this.maxWindows = n;
            return this;
        }

        /** @param threshold smallest relative gain (0.05 = 5%) whose lower confidence bound must be exceeded to keep a change, in [0, 10) */
        public Builder keepThreshold(double threshold) {
            if (!(threshold >= 0 && threshold < 10)) {
                throw new IllegalArgumentException("keepThreshold must be in [0, 10), but was " + threshold);
            }
            this.keepThreshold = threshold;
            return this;
        }

        /** @param c least confidence (probability of improvement) for a model or advisor proposal to be applied, in [0, 1] (default 0.6) */
        public Builder confidence(double c) {
            if (!(c >= 0 && c <= 1)) {
                throw new IllegalArgumentException("confidence must be in [0, 1], but was " + c);
            }
            this.confidence = c;
            return this;
        }

        /** @param level one-sided confidence level of the keep test, in [0.5, 1) (default 0.95) */
        public Builder significance(double level) {
            if (!(level >= 0.5 && level < 1)) {
                throw new IllegalArgumentException("significance must be in [0.5, 1), but was " + level);
            }
            this.significance = level;
            return this;
        }

        /** @param seed random seed of the design, candidates and default surrogate */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @param n initial Latin hypercube points, applied regardless of confidence, in [0, 100] (default 4) */
        public Builder initialPoints(int n) {
            if (n < 0 || n > 100) {
                throw new IllegalArgumentException("initialPoints must be in [0, 100], but was " + n);
            }
            this.initialPoints = n;
            return this;
        }

        /** @param step largest change of a numeric parameter per step, in unit coordinates, in (0, 1] (default 0.5) */
        public Builder maxStep(double step) {
            if (!(step > 0 && step <= 1)) {
                throw new IllegalArgumentException("maxStep must be in (0, 1], but was " + step);
            }
            this.maxStep = step;
            return this;
        }

        /** @param n random candidates scored by expected improvement per proposal, in [1, 100000] (default 500) */
        public Builder candidates(int n) {
            if (n < 1 || n > 100_000) {
                throw new IllegalArgumentException("candidates must be in [1, 100000], but was " + n);
            }
            this.candidates = n;
            return this;
        }

        /** @param enabled whether the rule-based advisors run first (default true) */
        public Builder advisors(boolean enabled) {
            this.advisors = enabled;
            return this;
        }

        /** @param settle wait between applying a change and measuring, at least 0 (default 0) */
        public Builder settle(Duration settle) {
            if (settle == null || settle.isNegative()) {
                throw new IllegalArgumentException("settle must be zero or positive, but was " + settle);
            }
            this.settle = settle;
            return this;
        }

        /** @param factory makes the surrogate (default: {@link RandomForestSurrogate} seeded with the session seed) */
        public Builder surrogate(Supplier<SurrogateModel> factory) {
            this.surrogate = Check.notNull("surrogate", factory);
            return this;
        }

        /** @param enabled whether run() registers a JVM shutdown hook that restores the last good configuration (default true) */
        public Builder shutdownHook(boolean enabled) {
            this.shutdownHook = enabled;
            return this;
        }

        /**
         * @param stepListener called on the session's thread after every step (baseline included);
         *     an exception it throws is logged and ignored
         * @return this builder
         */
        public Builder listener(java.util.function.Consumer<TuningStep> stepListener) {
            this.listener = Check.notNull("listener", stepListener);
            return this;
        }

        /** @return the session */
        public TuningSession build() {
            if (surrogate == null) {
                long s = seed;
                surrogate = () -> new RandomForestSurrogate(100, s);
            }
            Objects.requireNonNull(objective);
            return new TuningSession(this);
        }
    }
}
