package dev.vernier.optimizer;

import dev.vernier.api.NanoClock;
import dev.vernier.api.internal.Check;
import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Metric;
import dev.vernier.api.tuning.Objective;
import dev.vernier.api.tuning.ParameterSpace;
import dev.vernier.api.tuning.Tunable;
import dev.vernier.core.event.RunListener;
import dev.vernier.core.event.TuningEvent;
import dev.vernier.optimizer.internal.Calibration;
import dev.vernier.optimizer.internal.Duel;
import dev.vernier.optimizer.internal.NoisePool;
import dev.vernier.optimizer.internal.Paired;
import dev.vernier.optimizer.internal.Observations;
import dev.vernier.optimizer.internal.Proposer;
import dev.vernier.optimizer.internal.TrustRegion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Tunes a live system. It warms up, measures the starting configuration (the baseline), then
 * repeatedly proposes a configuration and compares it with the incumbent <em>interleaved</em>:
 * short blocks of each in alternation (incumbent, candidate, candidate, incumbent, ...), each after
 * the settle time, decided on the paired block differences with the block pair as the unit of
 * replication, so that drift common to both cancels. A change is kept only when its gain is
 * significant and at least the keep threshold (default 5%) and every constraint holds with a margin
 * for noise; otherwise it is reverted at once (after one pair already when the system collapses or a
 * constraint is broken by far). At the end the start and the final configuration are measured again,
 * interleaved, and that gain, with its confidence interval, is the headline
 * ({@link TuningReport#throughputGain()}).
 *
 * <p>Every {@link Measurer} call is one block. The budget ({@link Builder#maxWindows}) counts the
 * blocks of the search, baseline included; warm-up and verification blocks are extra. A session
 * uses its budget unless it states a reason to stop ({@link TuningReport.Outcome}).
 *
 * <p>Safety: the last good configuration is restored when measuring or applying fails, when the
 * session is cancelled ({@link #cancel()} or an interrupt of the running thread) and, through a
 * shutdown hook registered for the duration of {@link #run()}, when the JVM shuts down.
 *
 * <p>Thread-safety: {@link #run()} may be called once, from one thread; {@link #cancel()} may be
 * called from any thread. The session starts no threads of its own (a {@link RandomForestSurrogate},
 * when chosen, fits its trees on the common fork-join pool).
 *
 * <pre>{@code
 * TuningReport r = TuningSession.builder(tunable, VernierMeasurer.throughput(vernier, suite, 30_000, Duration.ofSeconds(2)))
 *         .objective(Objective.maximize(Metric.THROUGHPUT).atMost(Metric.P99_LATENCY_MS, 50))
 *         .operatingPoint(VernierMeasurer.throughput(vernier, suite, 2_000, Duration.ofSeconds(2)))
 *         .maxWindows(40).seed(7).build().run();
 * log.info(r.throughputGainLine());
 * }</pre>
 */
public final class TuningSession {

    private static final Logger LOG = LoggerFactory.getLogger(TuningSession.class);
    /** Which side each block of an ABBA round measures: false = incumbent, true = candidate. */
    private static final boolean[] ABBA = {false, true, true, false};
    /** Degrees of freedom the pooled paired noise must have before one pair alone may keep a change. */
    private static final double MIN_DF_FOR_SINGLE_PAIR = 4;
    /** Least share of a comparison's error rate one look is tested at (a look that spent nothing new). */
    private static final double MIN_LOOK_ALPHA = 1e-6;
    /**
     * Share of the keep rule's margin for noise after a full comparison ({@code Duel.constraintMargin})
     * by which proposals aim inside each limit. The whole margin kept the search off the limit, where
     * a constrained optimum lies, once the constraint models' trend carried on from the data; the
     * keep rule still checks every candidate with the whole margin, so no breaking candidate is kept.
     * Constrained system, session only, seeds 1-20 / 21-60: whole margin 0.858 / 0.866 (0.9% / 1.5%
     * of the time in violating configurations), 1.5 times 0.854 / 0.854, half 0.862 / 0.863, a quarter
     * 0.871 / 0.879 (1.9% / 2.5%), none 0.871 / 0.883 (2.8% / 3.1%); none left violating.
     */
    private static final double PROPOSAL_MARGIN_SHARE = 0.25;

    private final Tunable tunable;
    private final Measurer measurer;
    private final Measurer operatingPoint;
    private final Objective objective;
    private final int maxWindows;
    private final int warmupWindows;
    private final int baselineWindows;
    private final int rounds;
    private final int verifyRounds;
    private final double keepThreshold;
    private final double confidence;
    private final double significance;
    private final boolean stopWhenNotConfident;
    private final long seed;
    private final int initialPoints;
    private final double maxStep;
    private final int candidates;
    private final boolean advisors;
    private final Duration settle;
    private final NanoClock clock;
    private final Supplier<SurrogateModel> surrogate;
    private final Supplier<SurrogateModel> constraintSurrogate;
    private final boolean shutdownHook;
    private final String name;
    private final List<TuningListener> listeners;

    private final AtomicBoolean started = new AtomicBoolean();
    private final ReentrantLock applyLock = new ReentrantLock();
    private final Object runnerLock = new Object();
    private volatile boolean cancelled;
    /** Set by the shutdown hook: from then on nothing is applied but the restore. */
    private volatile boolean closed;
    private Thread runner;
    private volatile Configuration lastGood;
    private volatile Configuration inForce;
    /** When the last change was applied (the session's clock), or {@link Long#MIN_VALUE} before any. */
    private volatile long appliedAt = Long.MIN_VALUE;

    private TuningSession(Builder b) {
        this.tunable = b.tunable;
        this.measurer = b.measurer;
        this.operatingPoint = b.operatingPoint;
        this.objective = b.objective;
        this.maxWindows = b.maxWindows;
        this.warmupWindows = b.warmupWindows;
        this.baselineWindows = b.baselineWindows;
        this.rounds = b.rounds;
        this.verifyRounds = b.verifyRounds;
        this.keepThreshold = b.keepThreshold;
        this.confidence = b.confidence;
        this.significance = b.significance;
        this.stopWhenNotConfident = b.stopWhenNotConfident;
        this.seed = b.seed;
        this.initialPoints = b.initialPoints;
        this.maxStep = b.maxStep;
        this.candidates = b.candidates;
        this.advisors = b.advisors;
        this.settle = b.settle;
        this.clock = b.clock;
        this.surrogate = b.surrogate != null ? b.surrogate : GaussianProcessSurrogate::new;
        this.constraintSurrogate = b.constraintSurrogate != null ? b.constraintSurrogate : b.surrogate != null
                ? b.surrogate : () -> new GaussianProcessSurrogate(GaussianProcessSurrogate.CONSTRAINT_PRIOR_LINEAR);
        this.shutdownHook = b.shutdownHook;
        this.name = b.name;
        this.listeners = List.copyOf(b.listeners);
    }

    /**
     * @param tunable the live system
     * @param measurer measures one block of it (the tuning windows)
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
            if (applyLock.tryLock(5, TimeUnit.SECONDS)) {
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

    private void publish(Consumer<TuningListener> event) {
        for (TuningListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException e) {
                LOG.warn("tuning listener failed", e);
            }
        }
    }

    /**
     * Runs the session on the calling thread until the budget is used or it states another reason
     * to stop (see {@link TuningReport.Outcome}), then verifies the result.
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
            TuningReport report = new Run(space, start).run();
            publish(l -> l.onFinished(report));
            SessionEnded ended = new SessionEnded(name, report);
            publish(l -> l.onEvent(ended));
            return report;
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

    /** The mutable state of one run, confined to the running thread. */
    private final class Run {
        private final ParameterSpace space;
        private final Configuration start;
        private final List<TuningStep> steps = new ArrayList<>();
        private final NoisePool pool = new NoisePool(20);
        private final TrustRegion trust = new TrustRegion(maxStep, maxStep / 2);
        /** Promising comparisons left open (gain at least the threshold, not yet significant), by candidate. */
        private final Map<Configuration, Duel> open = new java.util.HashMap<>();
        private final Proposer proposer;
        private Observation baseline;
        private Observation incumbentObs;
        private double incumbentLevel;
        private int windows;
        private TuningReport.Outcome outcome;
        private String reason;
        private Proposal proposal;
        /** What the tuning measurer said about the load of each block of the current step (empty = not limited). */
        private final List<String> loads = new ArrayList<>();

        Run(ParameterSpace space, Configuration start) {
            this.space = space;
            this.start = start;
            this.proposer = new Proposer(space, objective, surrogate, constraintSurrogate, new Proposer.Settings(seed, initialPoints, maxStep,
                    candidates, advisors, confidence, keepThreshold), Calibration.DEFAULT);
            this.proposal = new Proposal(start.values(), Proposal.Source.BASELINE, Double.NaN, Double.NaN, Double.NaN,
                    Double.NaN, Double.NaN, "starting configuration");
        }

        TuningReport run() {
            String failure = null;
            Verification verification = null;
            try {
                warmUp();
                baseline();
                while (step()) {
                    // each step decides one proposal
                }
                verification = verify();
            } catch (InterruptedException | CancellationException e) {
                outcome = TuningReport.Outcome.CANCELLED;
                reason = "cancelled";
                failure = "cancelled";
                restoreAfter(Decision.CANCELLED, "cancelled");
            } catch (Exception e) {
                if (cancelled || e.getCause() instanceof InterruptedException) {
                    outcome = TuningReport.Outcome.CANCELLED;
                    reason = "cancelled";
                    failure = "cancelled: " + e;
                    restoreAfter(Decision.CANCELLED, failure);
                } else {
                    outcome = TuningReport.Outcome.FAILED;
                    reason = "applying or measuring failed";
                    failure = e.toString();
                    LOG.warn("tuning session failed; restoring the last good configuration {}", lastGood, e);
                    restoreAfter(Decision.FAILED, "failed: " + e);
                }
                verification = null;
            }
            Double gain = null;
            Double p50 = null;
            if (outcome != TuningReport.Outcome.FAILED && outcome != TuningReport.Outcome.CANCELLED) {
                if (verification == null && lastGood.equals(start)) {
                    gain = 1.0; // nothing kept: the system is where it started
                    p50 = operatingPoint == null ? null : 0.0;
                } else if (verification != null) {
                    Comparison t = verification.throughput();
                    gain = t == null ? null : t.ratio();
                    Comparison op50 = verification.operatingPoint().get(Metric.P50_LATENCY_MS);
                    p50 = op50 == null ? null : 100 * (1 - op50.ratio());
                }
            }
            Observation best = lastGood.equals(start) ? baseline : incumbentObs;
            LOG.info("tuning session ended: {} ({}); {}", outcome, reason, gain == null ? "no verified gain"
                    : String.format(Locale.ROOT, "verified throughput gain %.2fx", gain));
            return new TuningReport(outcome, reason, failure, start.values(), lastGood.values(), baseline, best, steps,
                    windows, verification, gain, p50);
        }

        private void warmUp() throws Exception {
            for (int i = 0; i < warmupWindows; i++) {
                block(measurer, start); // discarded: the JVM, caches and connections warm up before the baseline
            }
            loads.clear();
        }

        private void baseline() throws Exception {
            List<Measurement> blocks = new ArrayList<>();
            for (int i = 0; i < baselineWindows; i++) {
                blocks.add(block(measurer, start));
                windows++;
            }
            for (Measurement b : blocks) {
                if (!b.metrics().containsKey(objective.target())) {
                    throw new IllegalStateException("the starting configuration's window measured no "
                            + objective.target() + ": nothing to tune against (" + b + ")");
                }
            }
            baseline = Observations.of(start, blocks, objective);
            incumbentObs = baseline;
            incumbentLevel = baseline.objective();
            for (Metric m : baseline.metrics().keySet()) {
                double[] v = blocks.stream().mapToDouble(b -> b.metrics().get(m)).toArray();
                Duel.addReplicates(pool, m, v);
                // two independent blocks of one configuration differ by noise alone: var(b - a) = 2 var(block)
                NoisePool scratch = new NoisePool(Double.MAX_VALUE);
                Duel.addReplicates(scratch, m, v);
                NoisePool.Estimate e = scratch.estimate("rep:" + m);
                if (Paired.logScale(m)) {
                    pool.add("diff:" + m, 2 * e.variance() * e.degreesOfFreedom(), e.degreesOfFreedom());
                }
            }
            proposer.observe(start, incumbentLevel, baseline.metrics(), false);
            record(new TuningStep(0, proposal, baseline, null, Decision.BASELINE, (baseline.feasible() ? "baseline"
                    : "baseline breaks " + objective.violations(baseline.metrics())) + loadNote(0, start), windows));
        }

        /** @return false when the session ends (outcome and reason set) */
        private boolean step() throws Exception {
            if (maxWindows - windows < 2) {
                return end(TuningReport.Outcome.BUDGET_USED, "the budget of " + maxWindows + " windows was used");
            }
            if (trust.converged()) {
                return end(TuningReport.Outcome.CONVERGED, String.format(Locale.ROOT,
                        "the trust region shrank below %.3f after %d reverted proposals in a row", trust.minimum(),
                        trust.failuresInARow()));
            }
            // proposals aim inside the limits by a share of the margin the keep rule will ask of a full comparison
            proposer.constraintMargins(objective.constraints().stream()
                    .mapToDouble(c -> PROPOSAL_MARGIN_SHARE * Duel.constraintMargin(c.metric(), pool, 2 * rounds))
                    .toArray());
            Proposal p = proposer.next(lastGood, incumbentObs, incumbentLevel, trust.radius());
            if (p == null) {
                return end(TuningReport.Outcome.CONVERGED, String.format(Locale.ROOT,
                        "nothing new is left to try within the trust region (radius %.3f)", trust.radius()));
            }
            if (p.source() == Proposal.Source.EXPLORATION && stopWhenNotConfident) {
                return end(TuningReport.Outcome.NO_CONFIDENT_PROPOSAL, String.format(Locale.ROOT,
                        "the chosen proposal is below confidence %.2f (its own %.2f) and the session was asked to"
                        + " stop then", confidence, p.confidence()));
            }
            proposal = p;
            Configuration incumbent = lastGood;
            Configuration candidate = new Configuration(p.configuration());
            int before = windows;
            // a promising candidate compared again with the same incumbent goes on from its earlier pairs
            Duel duel = open.getOrDefault(candidate, new Duel());
            Duel.Outcome out = compare(incumbent, candidate, duel, significance);
            if (out.verdict() == Duel.Verdict.KEEP && !objective.operatingLimits().isEmpty()) {
                out = checkOperatingPoint(candidate, out);
            }
            decide(p, incumbent, candidate, duel, out, windows - before);
            return true;
        }

        /**
         * ABBA rounds until the keep rule decides, the rounds are used or the budget ends; the rule is
         * asked after every complete pair (a collapse, a constraint broken by far, or a gain clear
         * beyond the threshold ends the comparison early).
         */
        private Duel.Outcome compare(Configuration incumbent, Configuration candidate, Duel duel, double level)
                throws Exception {
            int maxPairs = duel.pairs() + 2 * rounds;
            // the keep test looks after the first pair and after every ABBA round; each look is tested at the
            // error rate spent since the last one (Duel.spent), so that looking early does not raise the chance
            // of a false keep; a promising comparison continued spends only the share of its new pairs
            double alpha = 1 - level;
            double spent = Duel.spent(alpha, (double) duel.pairs() / maxPairs);
            for (int k = 0; k < 4 * rounds; k++) {
                if (windows >= maxWindows) {
                    break;
                }
                boolean isCandidate = ABBA[k % ABBA.length];
                int pairs = duel.pairs();
                duel.add(isCandidate, block(measurer, isCandidate ? candidate : incumbent));
                windows++;
                if (duel.pairs() > pairs) {
                    Duel.Outcome early = duel.early(objective, pool);
                    if (early != null) {
                        return early;
                    }
                    boolean last = duel.pairs() >= maxPairs || maxWindows - windows < 2;
                    // a single pair may keep only when the session already knows its block-to-block noise
                    // from earlier pairs: the baseline's two blocks alone give one degree of freedom, and two
                    // p99s in one histogram bucket make that estimate the variance floor (1%), not the noise
                    boolean firstLook = duel.pairs() == 1 && pool.estimate("diff:" + objective.target())
                            .degreesOfFreedom() >= MIN_DF_FOR_SINGLE_PAIR;
                    boolean look = firstLook || duel.pairs() % 2 == 0 || last;
                    double cumulative = last ? alpha : Duel.spent(alpha, (double) duel.pairs() / maxPairs);
                    double perLook = 1 - Math.max(cumulative - spent, MIN_LOOK_ALPHA * alpha);
                    if (look) {
                        spent = cumulative;
                    }
                    // the pairs it can still reach within the budget, for the constraints' futility stop
                    int most = Math.min(maxPairs, duel.pairs() + (maxWindows - windows) / 2);
                    Duel.Outcome out = duel.evaluate(objective, pool, perLook, keepThreshold, last, look, most);
                    if (out.verdict() != Duel.Verdict.CONTINUE) {
                        return out;
                    }
                }
            }
            return duel.evaluate(objective, pool, 1 - Math.max(alpha - spent, MIN_LOOK_ALPHA * alpha), keepThreshold,
                    true, true, maxPairs);
        }

        /**
         * A kept candidate must also respect the operating-point limits, measured interleaved with the
         * start (one ABBA round, a second one while a limit is uncertain and the budget allows).
         */
        private Duel.Outcome checkOperatingPoint(Configuration candidate, Duel.Outcome kept) throws Exception {
            Duel op = new Duel();
            List<String> broken = new ArrayList<>();
            List<String> held = new ArrayList<>();
            for (int round = 0; round < 2; round++) {
                for (boolean isCandidate : ABBA) {
                    if (windows >= maxWindows) {
                        break;
                    }
                    op.add(isCandidate, block(operatingPoint, isCandidate ? candidate : start));
                    windows++;
                }
                if (op.pairs() == 0) {
                    return new Duel.Outcome(Duel.Verdict.REVERT_CONSTRAINT, kept.comparison(), false, kept.reason()
                            + "; no window left to check the operating point: reverted");
                }
                broken.clear();
                held.clear();
                boolean uncertain = false;
                NoisePool priorAndOwn = opPrior(op);
                for (Objective.OperatingLimit limit : objective.operatingLimits()) {
                    Comparison c = op.compare(limit.metric(), priorAndOwn, "opdiff:", 2 * Duel.CONSTRAINT_LEVEL - 1);
                    if (c == null) {
                        broken.add(limit + " (not measured)");
                        continue;
                    }
                    double worst = limit.metric().higherIsBetter() ? c.ratioLow() : c.ratioHigh();
                    String text = String.format(Locale.ROOT, "%s at the operating point %.4g -> %.4g (x%.3f, bound"
                            + " x%.3f, limit x%.3f)", limit.metric(), c.referenceMean(), c.candidateMean(), c.ratio(),
                            worst, limit.bound(1.0));
                    boolean ok = limit.isSatisfiedBy(1.0, worst);
                    uncertain |= !ok && limit.isSatisfiedBy(1.0, c.ratio());
                    (ok ? held : broken).add(text);
                }
                if (!uncertain || windows + 4 > maxWindows) {
                    break;
                }
            }
            op.addNoiseTo(pool, "opdiff:");
            if (!broken.isEmpty()) {
                return new Duel.Outcome(Duel.Verdict.REVERT_CONSTRAINT, kept.comparison(), false, kept.reason()
                        + "; but " + String.join(", ", broken) + ": reverted");
            }
            return new Duel.Outcome(Duel.Verdict.KEEP, kept.comparison(), false, kept.reason() + "; "
                    + String.join(", ", held));
        }

        /**
         * The session's operating-point noise plus what the blocks of this check say by themselves:
         * the start's blocks and the candidate's are replicates, and two independent blocks differ
         * by twice the block variance.
         */
        private NoisePool opPrior(Duel op) {
            NoisePool p = pool.copy();
            for (Metric m : op.commonMetrics()) {
                if (!Paired.logScale(m)) {
                    continue;
                }
                NoisePool scratch = new NoisePool(Double.MAX_VALUE);
                scratch.addReplicates("x", blockValues(op.referenceBlocks(), m));
                scratch.addReplicates("x", blockValues(op.candidateBlocks(), m));
                NoisePool.Estimate e = scratch.estimate("x");
                p.add("opdiff:" + m, 2 * e.variance() * e.degreesOfFreedom(), e.degreesOfFreedom());
            }
            return p;
        }

        private double[] blockValues(List<Measurement> blocks, Metric m) {
            return blocks.stream().mapToDouble(b -> b.metrics().getOrDefault(m, Double.NaN)).filter(v -> !Double.isNaN(v))
                    .toArray();
        }

        private void decide(Proposal p, Configuration incumbent, Configuration candidate, Duel duel, Duel.Outcome out,
                            int used) throws Exception {
            Comparison cmp = out.comparison();
            List<Measurement> cand = duel.candidateBlocks();
            Observation obs = cand.isEmpty() ? null : Observations.of(candidate, cand, objective);
            double level = cmp == null ? Double.NaN : incumbentLevel * cmp.ratio();
            boolean inconclusive = out.verdict() == Duel.Verdict.REVERT && cmp != null && !out.collapsed()
                    && duel.promising(objective, pool, keepThreshold);
            // a comparison left open adds its noise to the pool only once it is closed: its pairs are tested again
            // when it goes on, and a pool that held their spread already would count it twice, as if the prior
            // were independent of them (and the spread of a promising comparison is selected small, since a small
            // spread is what makes a gain look promising); with it counted twice a flat knob's candidates compared
            // again were kept in 11 of 195 continued comparisons (NoiseTest's setup, 1000 sessions)
            if (inconclusive) {
                open.put(candidate, duel);
            } else {
                open.remove(candidate);
                duel.addNoiseTo(pool, "diff:");
            }
            if (obs != null && out.collapsed()) {
                proposer.observeCollapse(candidate, obs.metrics(), incumbent, incumbentLevel);
            } else if (obs != null) {
                proposer.observe(candidate, level, obs.metrics(), inconclusive);
            }
            Decision decision;
            if (out.verdict() == Duel.Verdict.KEEP) {
                decision = Decision.KEEP;
                if (!candidate.equals(inForce)) {
                    apply(candidate);
                }
                lastGood = candidate;
                // earlier pairs were against the old incumbent: those comparisons are closed, their noise pooled
                open.values().forEach(d -> d.addNoiseTo(pool, "diff:"));
                open.clear();
                incumbentObs = obs;
                incumbentLevel = level;
                trust.success();
            } else {
                decision = out.verdict() == Duel.Verdict.REVERT_CONSTRAINT || out.verdict() == Duel.Verdict.REVERT_UNSHOWN
                        ? Decision.REVERT_CONSTRAINT : Decision.REVERT;
                if (!incumbent.equals(inForce)) {
                    apply(incumbent);
                }
                if (!duel.referenceBlocks().isEmpty()) {
                    incumbentObs = Observations.of(incumbent, duel.referenceBlocks(), objective);
                }
                // a constraint shown broken shrinks the region faster; a candidate only too close to a limit to be shown
                // is near the boundary, where the best feasible point of a constrained objective usually lies
                trust.failure(out.verdict() == Duel.Verdict.REVERT_CONSTRAINT);
            }
            String why = (p.source() == Proposal.Source.INITIAL_DESIGN
                    ? "initial design point, applied regardless of confidence; " + out.reason() : out.reason())
                    + loadNote(steps.size(), candidate);
            LOG.info("step {}: {} {} -> {} ({})", steps.size(), p.source(), candidate, decision, why);
            record(new TuningStep(steps.size(), p, obs, cmp, decision, why, used));
        }

        /** Start and final measured again, interleaved (S F, F S, ...), for the headline. */
        private Verification verify() throws Exception {
            Configuration fin = lastGood;
            if (fin.equals(start) || verifyRounds == 0) {
                return null;
            }
            Duel windowsDuel = interleave(measurer, fin, verifyRounds);
            Duel opDuel = operatingPoint == null ? null : interleave(operatingPoint, fin, verifyRounds);
            if (!fin.equals(inForce)) {
                apply(fin);
            }
            Map<Metric, Comparison> w = comparisons(windowsDuel, "diff:");
            Map<Metric, Comparison> op = opDuel == null ? Map.of() : comparisons(opDuel, "opdiff:");
            Verification v = new Verification(verifyRounds, w, opDuel == null ? 0 : verifyRounds, op, String.format(
                    Locale.ROOT, "start and final configuration measured again in %d interleaved pairs (start, final,"
                            + " final, start, ...)%s; 95%% intervals on paired block differences%s",
                    verifyRounds, opDuel == null ? "" : ", and as many at the operating point", loadNote(-1, fin)));
            publish(l -> l.onVerification(v));
            Comparison target = w.get(objective.target());
            if (target != null && target.significant() && target.gain() < 0) {
                LOG.warn("verification: the final configuration {} is worse than the start ({}); restoring the start",
                        fin, target);
                apply(start);
                lastGood = start;
                reason = reason + "; the verification found the final configuration worse than the start, which was"
                        + " restored";
            }
            return v;
        }

        private Duel interleave(Measurer m, Configuration fin, int n) throws Exception {
            Duel d = new Duel();
            for (int i = 0; i < n; i++) {
                boolean finalFirst = i % 2 == 1;
                d.add(finalFirst, block(m, finalFirst ? fin : start));
                d.add(!finalFirst, block(m, finalFirst ? start : fin));
            }
            return d;
        }

        private Map<Metric, Comparison> comparisons(Duel d, String prefix) {
            Map<Metric, Comparison> out = new EnumMap<>(Metric.class);
            for (Metric m : d.commonMetrics()) {
                Comparison c = d.compare(m, pool, prefix, 0.95);
                if (c != null) {
                    out.put(m, c);
                }
            }
            return out;
        }

        private Measurement block(Measurer m, Configuration c) throws Exception {
            checkCancelled();
            if (!c.equals(inForce)) {
                apply(c);
            }
            settle(); // also after a revert or keep applied between two comparisons
            Measurement w = m.measure(c);
            checkCancelled(); // a window cut short by cancellation or shutdown decides nothing
            if (m == operatingPoint && m != measurer) {
                return w;
            }
            loads.add(w.loadLimit());
            return Observations.withTarget(objective, w);
        }

        private boolean end(TuningReport.Outcome o, String why) {
            outcome = o;
            reason = why;
            LOG.info("tuning session stops: {} ({})", o, why);
            return false;
        }

        private void record(TuningStep s) {
            steps.add(s);
            publish(l -> l.onStep(s));
            StepDecided decided = new StepDecided(name, s);
            publish(l -> l.onEvent(decided));
        }

        /**
         * @param step the step's index, -1 for the verification
         * @param config the step's candidate
         * @return "" when no block of the step was load-limited, else a clause for the step's reason;
         *     publishes a {@link LoadLimited} event then. Starts the next step's count.
         */
        private String loadNote(int step, Configuration config) {
            List<String> limited = loads.stream().filter(x -> !x.isEmpty()).toList();
            int blocks = loads.size();
            loads.clear();
            if (limited.isEmpty()) {
                return "";
            }
            LoadLimited e = new LoadLimited(name, step, config.values(), limited.size(), blocks, limited.get(0));
            LOG.info("{}", e.describe()); // the event is the channel: listeners print it
            publish(l -> l.onEvent(e));
            return String.format(Locale.ROOT, "; the load limited %d of %d windows (%s)", limited.size(), blocks,
                    limited.get(0));
        }

        private void restoreAfter(Decision decision, String why) {
            boolean interrupted = Thread.interrupted();
            String restored = closed ? "the shutdown hook restored the last good configuration" : restore(why);
            record(new TuningStep(steps.size(), proposal, null, null, decision, why + "; " + restored, 0));
            if (interrupted && !cancelled) {
                Thread.currentThread().interrupt();
            }
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
            appliedAt = clock.nanoTime();
        } finally {
            applyLock.unlock();
        }
    }

    /** Waits on the session's clock until the settle time has passed since the last change was applied. */
    private void settle() throws InterruptedException {
        long since = appliedAt;
        if (!settle.isZero() && since != Long.MIN_VALUE) {
            clock.sleepUntil(since + settle.toNanos());
        }
    }

    private void checkCancelled() {
        if (cancelled || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("tuning session cancelled");
        }
    }

    /**
     * Fluent builder; not thread-safe. Setters validate at once and name the field and value;
     * {@link #build()} checks combinations and returns an immutable session without changing the
     * builder.
     */
    public static final class Builder {
        private final Tunable tunable;
        private final Measurer measurer;
        private Measurer operatingPoint;
        private Objective objective = Objective.maximize(Metric.THROUGHPUT);
        private int maxWindows = 40;
        private int warmupWindows = 1;
        private int baselineWindows = 2;
        private int rounds = 3;
        private int verifyRounds = 3;
        private double keepThreshold = 0.05;
        private double confidence = 0.6;
        private double significance = 0.997;
        private boolean stopWhenNotConfident;
        private long seed = 42;
        private int initialPoints = 0;
        private double maxStep = 0.5;
        private int candidates = 500;
        private boolean advisors = true;
        private Duration settle = Duration.ZERO;
        private NanoClock clock = NanoClock.system();
        private Supplier<SurrogateModel> surrogate;
        private Supplier<SurrogateModel> constraintSurrogate;
        private boolean shutdownHook = true;
        private String name = "tuning";
        private final List<TuningListener> listeners = new ArrayList<>();

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

        /**
         * @param m measures one block at the operating point: a fixed open rate that both the start and
         *     any candidate can carry, so that latency is compared where it means something (not in
         *     closed-loop windows, where it mirrors throughput). Used by the verification (p50, p99 of
         *     start and final) and to check {@link Objective#notWorseAtOperatingPoint} limits before a
         *     keep. Default: none.
         */
        public Builder operatingPoint(Measurer m) {
            this.operatingPoint = Check.notNull("operatingPoint", m);
            return this;
        }

        /**
         * @param n measurement windows (blocks) of the search in all, baseline and operating-point checks
         *     included, at least 2 (default 40); warm-up and verification come on top
         */
        public Builder maxWindows(int n) {
            if (n < 2) {
                throw new IllegalArgumentException("maxWindows must be at least 2, but was " + n);
            }
            this.maxWindows = n;
            return this;
        }

        /** @param n windows of the starting configuration measured and discarded before the baseline, in [0, 100] (default 1) */
        public Builder warmupWindows(int n) {
            if (n < 0 || n > 100) {
                throw new IllegalArgumentException("warmupWindows must be in [0, 100], but was " + n);
            }
            this.warmupWindows = n;
            return this;
        }

        /** @param n blocks of the starting configuration in the baseline, in [1, 100] (default 2) */
        public Builder baselineWindows(int n) {
            if (n < 1 || n > 100) {
                throw new IllegalArgumentException("baselineWindows must be in [1, 100], but was " + n);
            }
            this.baselineWindows = n;
            return this;
        }

        /**
         * @param n most ABBA rounds (incumbent, candidate, candidate, incumbent) per comparison, in [1, 10]
         *     (default 3); a comparison ends earlier when the keep rule decides
         */
        public Builder roundsPerComparison(int n) {
            if (n < 1 || n > 10) {
                throw new IllegalArgumentException("roundsPerComparison must be in [1, 10], but was " + n);
            }
            this.rounds = n;
            return this;
        }

        /**
         * @param n block pairs in which the start and the final configuration are measured again,
         *     interleaved, at the end (and as many at the operating point), in [0, 50] (default 3);
         *     0 skips the verification and leaves the headline gain null
         */
        public Builder verifyRounds(int n) {
            if (n < 0 || n > 50) {
                throw new IllegalArgumentException("verifyRounds must be in [0, 50], but was " + n);
            }
            this.verifyRounds = n;
            return this;
        }

        /** @param threshold smallest relative gain (0.05 = 5%) a change must bring, significantly, to be kept, in [0, 10) (default 0.05) */
        public Builder keepThreshold(double threshold) {
            if (!(threshold >= 0 && threshold < 10)) {
                throw new IllegalArgumentException("keepThreshold must be in [0, 10), but was " + threshold);
            }
            this.keepThreshold = threshold;
            return this;
        }

        /**
         * @param c least calibrated confidence (probability that the change pays) for a model
         *     proposal, or an advisor's rule, to be applied as such, in [0, 1] (default 0.6, the source
         *     documents'); below it the session explores (or stops, see {@link #stopWhenNotConfident})
         */
        public Builder confidence(double c) {
            if (!(c >= 0 && c <= 1)) {
                throw new IllegalArgumentException("confidence must be in [0, 1], but was " + c);
            }
            this.confidence = c;
            return this;
        }

        /**
         * @param level one-sided confidence level of the keep test of one comparison, in [0.5, 1)
         *     (default 0.997, the same for every proposal whatever its source or confidence); the
         *     comparison looks after its first pair and after every ABBA round, and the error rate is
         *     spent over those looks in proportion to the pairs measured (each look tested at its
         *     share, Bonferroni), so that looking early does not raise the chance of keeping a change
         *     that does not pay
         */
        public Builder significance(double level) {
            if (!(level >= 0.5 && level < 1)) {
                throw new IllegalArgumentException("significance must be in [0.5, 1), but was " + level);
            }
            this.significance = level;
            return this;
        }

        /**
         * @param stop true to end the session (outcome NO_CONFIDENT_PROPOSAL) when the proposal chosen
         *     (by constrained expected improvement) is below the confidence threshold; false (default) to
         *     spend the window on it as a labelled exploration step
         */
        public Builder stopWhenNotConfident(boolean stop) {
            this.stopWhenNotConfident = stop;
            return this;
        }

        /** @param seed random seed of the design and the candidates (the default surrogate is deterministic) */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * @param n initial Latin hypercube points within the trust region, applied regardless of
         *     confidence, in [0, 100] (default 0: the first proposals are labelled exploration steps of
         *     the model, which in the comparison with other tuners did as well or better)
         */
        public Builder initialPoints(int n) {
            if (n < 0 || n > 100) {
                throw new IllegalArgumentException("initialPoints must be in [0, 100], but was " + n);
            }
            this.initialPoints = n;
            return this;
        }

        /**
         * @param step safe step size: largest change of a numeric parameter per step, in unit
         *     coordinates, in (0, 1] (default 0.5); the trust region starts at half of it, grows after a
         *     kept change and shrinks after a reverted one, never beyond it
         */
        public Builder maxStep(double step) {
            if (!(step > 0 && step <= 1)) {
                throw new IllegalArgumentException("maxStep must be in (0, 1], but was " + step);
            }
            this.maxStep = step;
            return this;
        }

        /** @param n random candidates scored per model proposal, in [1, 100000] (default 500) */
        public Builder candidates(int n) {
            if (n < 1 || n > 100_000) {
                throw new IllegalArgumentException("candidates must be in [1, 100000], but was " + n);
            }
            this.candidates = n;
            return this;
        }

        /** @param enabled whether the rule-based advisors (keyed on parameter roles) run first (default true) */
        public Builder advisors(boolean enabled) {
            this.advisors = enabled;
            return this;
        }

        /** @param settle wait after applying a configuration before its next block is measured, on the session's {@link Builder#clock clock}, at least 0 (default 0) */
        public Builder settle(Duration settle) {
            if (settle == null || settle.isNegative()) {
                throw new IllegalArgumentException("settle must be zero or positive, but was " + settle);
            }
            this.settle = settle;
            return this;
        }

        /**
         * @param clock the clock the session waits on (the settle time after each change); default
         *     {@link NanoClock#system()}; a test clock makes the waits take no wall time
         * @return this builder
         */
        public Builder clock(NanoClock clock) {
            this.clock = Check.notNull("clock", clock);
            return this;
        }

        /**
         * @param factory makes each surrogate (the objective's model, and the constraints' models unless
         *     {@link #constraintSurrogate} is set; default: {@link GaussianProcessSurrogate})
         * @return this builder
         */
        public Builder surrogate(Supplier<SurrogateModel> factory) {
            this.surrogate = Check.notNull("surrogate", factory);
            return this;
        }

        /**
         * @param factory makes each constraint's model (default: the {@link #surrogate} factory when set,
         *     else a {@link GaussianProcessSurrogate} whose linear trend carries on from the data,
         *     {@link GaussianProcessSurrogate#CONSTRAINT_PRIOR_LINEAR})
         * @return this builder
         */
        public Builder constraintSurrogate(Supplier<SurrogateModel> factory) {
            this.constraintSurrogate = Check.notNull("constraintSurrogate", factory);
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
        public Builder listener(Consumer<TuningStep> stepListener) {
            Check.notNull("listener", stepListener);
            return listener(new TuningListener() {
                @Override
                public void onStep(TuningStep step) {
                    stepListener.accept(step);
                }
            });
        }

        /**
         * @param l receives steps, the verification and the finished report, on the session's thread;
         *     may be called more than once to add listeners
         * @return this builder
         */
        public Builder listener(TuningListener l) {
            listeners.add(Check.notNull("listener", l));
            return this;
        }

        /**
         * @param listener receives the session's typed events ({@link StepDecided}, {@link LoadLimited},
         *     {@link SessionEnded}: {@link dev.vernier.core.event.TuningEvent}s) on the session's thread, e.g.
         *     the same listener a {@link dev.vernier.core.Vernier} run reports to; an exception it throws is
         *     logged and ignored
         * @return this builder
         */
        public Builder eventListener(RunListener listener) {
            Check.notNull("eventListener", listener);
            return listener(new TuningListener() {
                @Override
                public void onEvent(TuningEvent event) {
                    listener.onEvent(event);
                }
            });
        }

        /**
         * @param name what the session's events carry as their suite (default "tuning"), not blank
         * @return this builder
         */
        public Builder name(String name) {
            this.name = Check.notBlank("name", name);
            return this;
        }

        /**
         * @return the session
         * @throws IllegalStateException when the objective limits the operating point but no
         *     operating-point measurer was given, or the budget cannot hold the baseline
         */
        public TuningSession build() {
            if (!objective.operatingLimits().isEmpty() && operatingPoint == null) {
                throw new IllegalStateException("objective limits the operating point (" + objective.operatingLimits()
                        + ") but no operatingPoint measurer was given");
            }
            if (baselineWindows > maxWindows) {
                throw new IllegalStateException("baselineWindows (" + baselineWindows + ") must fit in maxWindows ("
                        + maxWindows + ")");
            }
            return new TuningSession(this);
        }
    }
}
