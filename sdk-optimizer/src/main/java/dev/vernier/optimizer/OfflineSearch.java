package dev.vernier.optimizer;

import dev.vernier.api.internal.Check;
import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Metric;
import dev.vernier.api.tuning.Objective;
import dev.vernier.api.tuning.ParameterSpace;
import dev.vernier.optimizer.internal.Calibration;
import dev.vernier.optimizer.internal.Observations;
import dev.vernier.optimizer.internal.Proposer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Offline search: each trial is a fresh measured run of one configuration through a
 * {@link Measurer} (for example a full scenario with setup and teardown). Uses the same proposer as
 * {@link TuningSession} (Latin hypercube, then constrained expected improvement on the surrogates),
 * on a {@link RandomForestSurrogate} (the session's Gaussian process was measured on live
 * sessions, not on independent trials)
 * without step bound, trust region, interleaving or revert: trials are independent runs, so there
 * is no incumbent to alternate with. The first trial is the parameters' defaults (or the given
 * start).
 *
 * <p>Thread-safety: {@link #run()} is confined to the calling thread; instances are not shared.
 * Starts no threads of its own; the forest fits its trees on the common fork-join pool.
 */
public final class OfflineSearch {

    private static final Logger LOG = LoggerFactory.getLogger(OfflineSearch.class);

    private final ParameterSpace space;
    private final Measurer measurer;
    private final Objective objective;
    private final int maxTrials;
    private final long seed;
    private final int initialPoints;
    private final Configuration start;

    private OfflineSearch(Builder b) {
        this.space = b.space;
        this.measurer = b.measurer;
        this.objective = b.objective;
        this.maxTrials = b.maxTrials;
        this.seed = b.seed;
        this.initialPoints = b.initialPoints;
        this.start = space.validate(space.defaults().with(b.start == null ? space.defaults() : b.start));
    }

    /** @return a builder for a search over {@code space} measured by {@code measurer} */
    public static Builder builder(ParameterSpace space, Measurer measurer) {
        return new Builder(space, measurer);
    }

    /**
     * Runs the trials.
     *
     * @return the report: {@code finalConfiguration} is the best feasible trial (the start when none)
     *     and every trial is a step with decision TRIAL
     */
    public TuningReport run() {
        long s = seed;
        Proposer proposer = new Proposer(space, objective, () -> new RandomForestSurrogate(100, s),
                new Proposer.Settings(seed, initialPoints, 1.0, 1000, false, 0.0, 0.0), Calibration.IDENTITY);
        List<TuningStep> steps = new ArrayList<>();
        Observation best = null;
        Observation first = null;
        TuningReport.Outcome outcome = TuningReport.Outcome.BUDGET_USED;
        String reason = "all " + maxTrials + " trials were used";
        String failure = null;
        Proposal p = new Proposal(start.values(), Proposal.Source.BASELINE, Double.NaN, Double.NaN, Double.NaN,
                Double.NaN, Double.NaN, "starting configuration");
        try {
            while (p != null && steps.size() < maxTrials) {
                if (Thread.currentThread().isInterrupted()) {
                    throw new InterruptedException("offline search interrupted");
                }
                Configuration cfg = new Configuration(p.configuration());
                Observation o = Observations.of(cfg, measurer.measure(cfg), objective);
                proposer.observe(cfg, o.objective(), o.metrics(), false);
                if (first == null) {
                    first = o;
                }
                boolean better = o.feasible() && (best == null || !best.feasible() || signed(o.objective()) > signed(best.objective()));
                if (best == null || better) {
                    best = o;
                }
                steps.add(new TuningStep(steps.size(), p, o, null, Decision.TRIAL,
                        String.format(Locale.ROOT, "%s%s", o.feasible() ? "feasible" : "breaks " + objective.violations(o.metrics()),
                                better ? ", best so far" : ""), 1));
                LOG.debug("trial {}: {} -> {}", steps.size(), cfg, o.objective());
                if (steps.size() < maxTrials) {
                    p = proposer.next(best.asConfiguration(), null, best.objective(), 1.0);
                    if (p == null) {
                        outcome = TuningReport.Outcome.CONVERGED;
                        reason = "nothing new was left to try after " + steps.size() + " trials";
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            outcome = TuningReport.Outcome.CANCELLED;
            reason = "interrupted";
            failure = e.toString();
        } catch (Exception e) {
            LOG.warn("offline search failed after {} trials", steps.size(), e);
            outcome = TuningReport.Outcome.FAILED;
            reason = "a trial failed";
            failure = e.toString();
        }
        Double tput = ratio(first, best, Metric.THROUGHPUT);
        Double p50 = ratio(first, best, Metric.P50_LATENCY_MS);
        return new TuningReport(outcome, reason, failure, start.values(),
                best == null ? start.values() : best.configuration(), first, best, steps, steps.size(), null, tput,
                p50 == null ? null : 100 * (1 - p50));
    }

    /** Offline trials are independent runs: the ratio of the best trial to the first, not re-measured. */
    private static Double ratio(Observation start, Observation end, Metric m) {
        if (start == null || end == null || !(start.metric(m) > 0) || Double.isNaN(end.metric(m))) {
            return null;
        }
        return end.metric(m) / start.metric(m);
    }

    private double signed(double v) {
        return objective.maximize() ? v : -v;
    }

    /** Fluent builder; not thread-safe. Setters validate at once. */
    public static final class Builder {
        private final ParameterSpace space;
        private final Measurer measurer;
        private Objective objective = Objective.maximize(Metric.THROUGHPUT);
        private int maxTrials = 20;
        private long seed = 42;
        private int initialPoints = 5;
        private Configuration start;

        private Builder(ParameterSpace space, Measurer measurer) {
            if (space == null || measurer == null) {
                throw new IllegalArgumentException("space and measurer must not be null, but were " + space + ", " + measurer);
            }
            this.space = space;
            this.measurer = measurer;
        }

        /** @param objective what to optimise */
        public Builder objective(Objective objective) {
            this.objective = Check.notNull("objective", objective);
            return this;
        }

        /** @param n trials in all, at least 1 */
        public Builder maxTrials(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxTrials must be at least 1, but was " + n);
            }
            this.maxTrials = n;
            return this;
        }

        /** @param seed random seed */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @param n initial design points, in [0, 100] */
        public Builder initialPoints(int n) {
            if (n < 0 || n > 100) {
                throw new IllegalArgumentException("initialPoints must be in [0, 100], but was " + n);
            }
            this.initialPoints = n;
            return this;
        }

        /** @param start the first configuration tried (default: the parameters' defaults) */
        public Builder start(Configuration start) {
            this.start = start;
            return this;
        }

        /** @return the search */
        public OfflineSearch build() {
            return new OfflineSearch(this);
        }
    }
}
