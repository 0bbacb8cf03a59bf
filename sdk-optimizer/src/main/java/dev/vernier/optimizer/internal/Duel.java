package dev.vernier.optimizer.internal;

import dev.vernier.core.stats.Stats;
import dev.vernier.api.tuning.Metric;
import dev.vernier.api.tuning.Objective;
import dev.vernier.optimizer.Comparison;
import dev.vernier.optimizer.Measurement;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The blocks of one interleaved comparison, reference (the incumbent, or the start) against
 * candidate, in the order measured, and the decisions taken on them: the keep rule (significant
 * gain of at least the threshold, constraints shown to hold with a margin for noise), the early
 * stops (collapse, constraint broken by far), and the verification's intervals. Pairs are formed by
 * index: the i-th reference block with the i-th candidate block; with the ABBA order both blocks of
 * a pair are adjacent in time. Not thread-safe.
 */
public final class Duel {

    /** A candidate whose objective falls below this share of the incumbent's in one pair has collapsed. */
    public static final double COLLAPSE = 0.5;
    /** One-sided level of the futility stop: a gain that cannot reach the threshold at this level ends the comparison. */
    private static final double FUTILITY = 0.9;
    /** One-sided level of the margin for noise on constraints: a limit must hold at this level to count as respected. */
    public static final double CONSTRAINT_LEVEL = 0.95;

    /**
     * The error rate of a comparison's keep test spent by the time a share {@code t} of its most pairs
     * is measured: {@code alpha * t}, an error-spending function linear in the information (Lan and
     * DeMets; Kim and DeMets' power family with exponent 1). A look is tested at the increment since
     * the last look, and the increments add up to {@code alpha} (Bonferroni), so that looking early
     * does not raise the chance of a false keep; the looks after one or two pairs, where the noise is
     * least known, spend less than the later ones. Spending that leans harder on the last look
     * (exponent 2 or 3, or O'Brien-Fleming's) was measured and lost: with a pooled noise of a few
     * degrees of freedom early in a session, the t quantile of a tiny level rises steeply and clear
     * early gains went unconfirmed (peak system, seeds 1-20: 0.949 to 0.85 and 0.77).
     *
     * @param alpha the comparison's one-sided error rate, in (0, 1)
     * @param t pairs measured over the most pairs, clamped to [0, 1]
     * @return the error rate spent so far, in [0, alpha]
     */
    public static double spent(double alpha, double t) {
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in (0, 1), but was " + alpha);
        }
        if (Double.isNaN(t)) {
            throw new IllegalArgumentException("t must be a share of the pairs, but was " + t);
        }
        return alpha * Math.min(1, Math.max(0, t));
    }

    /**
     * What the rule says about the blocks so far: {@code REVERT_CONSTRAINT} when a constraint is shown
     * to break (or a limit at the operating point), {@code REVERT_UNSHOWN} when a constraint could not
     * be shown to hold with its margin for noise: a candidate near the limit, on either side of it.
     */
    public enum Verdict { KEEP, REVERT, REVERT_CONSTRAINT, REVERT_UNSHOWN, CONTINUE }

    /**
     * A verdict with its comparison of the target metric and the reason in words.
     *
     * @param verdict what to do
     * @param comparison target metric, candidate against reference; null without a complete pair
     * @param collapsed whether the candidate collapsed
     * @param reason why
     */
    public record Outcome(Verdict verdict, Comparison comparison, boolean collapsed, String reason) {
    }

    private final List<Measurement> reference = new ArrayList<>();
    private final List<Measurement> candidate = new ArrayList<>();

    /** @param isCandidate which configuration the block measured */
    public void add(boolean isCandidate, Measurement m) {
        (isCandidate ? candidate : reference).add(m);
    }

    /** @return complete pairs so far */
    public int pairs() {
        return Math.min(reference.size(), candidate.size());
    }

    /** @return blocks measured (both configurations) */
    public int blocks() {
        return reference.size() + candidate.size();
    }

    /** @return the candidate's blocks */
    public List<Measurement> candidateBlocks() {
        return List.copyOf(candidate);
    }

    /** @return the reference's blocks */
    public List<Measurement> referenceBlocks() {
        return List.copyOf(reference);
    }

    /**
     * @param m a metric
     * @param isCandidate which side
     * @return the metric of that side's blocks of complete pairs, or null when a block lacks it
     */
    public double[] values(Metric m, boolean isCandidate) {
        List<Measurement> side = isCandidate ? candidate : reference;
        int n = pairs();
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            Double x = side.get(i).metrics().get(m);
            if (x == null) {
                return null;
            }
            v[i] = x;
        }
        return v;
    }

    /** @return the metrics every block of complete pairs measured */
    public Set<Metric> commonMetrics() {
        Set<Metric> common = EnumSet.allOf(Metric.class);
        for (int i = 0; i < pairs(); i++) {
            common.retainAll(reference.get(i).metrics().keySet());
            common.retainAll(candidate.get(i).metrics().keySet());
        }
        return pairs() == 0 ? EnumSet.noneOf(Metric.class) : common;
    }

    /**
     * @param m a metric every block measured
     * @param pool the session's pooled noise (key {@code diff:<metric>} is used)
     * @param twoSidedLevel confidence level of the interval
     * @return the comparison, or null when a block lacks the metric or no pair is complete
     */
    public Comparison compare(Metric m, NoisePool pool, double twoSidedLevel) {
        return compare(m, pool, "diff:", twoSidedLevel);
    }

    /**
     * @param m a metric every block measured
     * @param pool the session's pooled noise
     * @param prefix pool key prefix ({@code diff:} for tuning windows, {@code opdiff:} for the operating point)
     * @param twoSidedLevel confidence level of the interval
     * @return the comparison, or null when a block lacks the metric or no pair is complete
     */
    public Comparison compare(Metric m, NoisePool pool, String prefix, double twoSidedLevel) {
        return compare(m, paired(m, pool, prefix), twoSidedLevel);
    }

    /** The comparison of an already computed paired result (null when there is none). */
    private static Comparison compare(Metric m, Paired.Result r, double twoSidedLevel) {
        if (r == null || (!r.log() && Math.abs(r.incumbentMean()) < 1e-9)) {
            return null; // no ratio to a reference of 0 (an error rate of 0)
        }
        double q = r.quantile((1 + twoSidedLevel) / 2);
        double half = q * r.standardError();
        // every metric is a quantity of at least 0: a ratio of two cannot fall below 0, even when a block of
        // 0 (a stalled window) forces relative differences instead of log ratios
        double ratio = Math.max(0, r.ratioOf(r.meanDifference()));
        return new Comparison(m, r.pairs(), r.incumbentMean(), r.candidateMean(), ratio,
                Double.isInfinite(half) ? 0 : Math.max(0, r.ratioOf(r.meanDifference() - half)),
                Double.isInfinite(half) ? Double.POSITIVE_INFINITY : Math.max(0, r.ratioOf(r.meanDifference() + half)),
                twoSidedLevel, r.degreesOfFreedom());
    }

    private Paired.Result paired(Metric m, NoisePool pool, String prefix) {
        double[] a = values(m, false);
        double[] b = values(m, true);
        if (a == null || b == null || a.length == 0) {
            return null;
        }
        return Paired.compare(a, b, pool.estimate(prefix + m), Paired.logScale(m));
    }

    /**
     * Adds this comparison's noise to the pool: the paired differences of every common metric
     * (key {@code prefix + metric}) and, for tuning windows, the replicate blocks of each side (key
     * {@code rep:<metric>}). Called once, when the comparison is closed: a comparison left open to be
     * continued must not be in the pool its own later looks are moderated with.
     */
    public void addNoiseTo(NoisePool pool, String prefix) {
        if (pairs() < 2) {
            return;
        }
        for (Metric m : commonMetrics()) {
            double[] a = values(m, false);
            double[] b = values(m, true);
            Paired.Result r = Paired.compare(a, b, NoisePool.Estimate.NONE, Paired.logScale(m));
            if (r.log() == Paired.logScale(m)) {
                pool.add(prefix + m, r.ownVariance(), r.pairs() - 1);
            }
            if (prefix.equals("diff:")) {
                addReplicates(pool, m, a);
                addReplicates(pool, m, b);
            }
        }
    }

    /**
     * Adds one configuration's blocks to the pool of block-to-block noise of {@code m} (key
     * {@code rep:<metric>}): relative (log) deviations, or absolute ones for shares such as error
     * rates.
     */
    public static void addReplicates(NoisePool pool, Metric m, double[] v) {
        if (Paired.logScale(m)) {
            pool.addReplicates("rep:" + m, v);
        } else {
            pool.addAbsolute("rep:" + m, v);
        }
    }

    /**
     * The checks after each complete pair: a collapse, or a constraint broken by far, ends the
     * comparison at once.
     *
     * @return the outcome, or null to go on
     */
    public Outcome early(Objective objective, NoisePool pool) {
        int i = pairs() - 1;
        if (i < 0) {
            return null;
        }
        Double a = reference.get(i).metrics().get(objective.target());
        Double b = candidate.get(i).metrics().get(objective.target());
        if (a != null && b == null) {
            return new Outcome(Verdict.REVERT, null, true, String.format(Locale.ROOT, "collapse: the candidate's"
                    + " window measured no %s (nothing committed%s) in pair %d; reverted at once", objective.target(),
                    candidate.get(i).loadLimited() ? ": " + candidate.get(i).loadLimit() : "", i + 1));
        }
        if (a != null && b != null && a > 0) {
            double ratio = b / a;
            boolean collapsed = objective.maximize() ? ratio < COLLAPSE : ratio > 1 / COLLAPSE;
            if (collapsed) {
                return new Outcome(Verdict.REVERT, compare(objective.target(), pool, 0.9), true, String.format(Locale.ROOT,
                        "collapse: %s %.4g against the incumbent's %.4g in pair %d; reverted at once",
                        objective.target(), b, a, i + 1));
            }
        }
        for (Objective.Constraint c : objective.constraints()) {
            Double v = candidate.get(i).metrics().get(c.metric());
            if (v == null) {
                continue;
            }
            double sd = pool.estimate("rep:" + c.metric()).stdDev();
            double margin = sd > 0 ? 3 * sd : 0.5;
            boolean far = c.kind() == Objective.Constraint.Kind.AT_MOST ? v > c.limit() * (1 + margin) && v > c.limit()
                    : v < c.limit() * (1 - margin) && v < c.limit();
            if (far) {
                return new Outcome(Verdict.REVERT_CONSTRAINT, compare(objective.target(), pool, 0.9), false,
                        String.format(Locale.ROOT, "breaks %s by far: %.4g in pair %d; reverted at once", c, v, i + 1));
            }
        }
        return null;
    }

    /**
     * The keep rule on the complete pairs so far.
     *
     * @param objective what is optimised
     * @param pool the session's pooled noise
     * @param significance one-sided level of the keep test
     * @param threshold smallest relative gain kept (0.05 = 5%)
     * @param last whether no more blocks will be measured (an open question then reverts)
     * @param look whether this is one of the looks the keep test is allowed (else only reverts are decided)
     * @param mostPairs the pairs this comparison will have when it runs to its end (the constraints'
     *     futility stop projects their margins for noise to it)
     * @return the outcome
     */
    public Outcome evaluate(Objective objective, NoisePool pool, double significance, double threshold, boolean last,
                            boolean look, int mostPairs) {
        // the target's paired result is computed once per look and shared by the keep test, the futility stop
        // and the promising check
        Paired.Result target = paired(objective.target(), pool, "diff:");
        Comparison cmp = compare(objective.target(), target, 2 * significance - 1);
        if (cmp == null) {
            return new Outcome(Verdict.REVERT, null, false, "no complete pair of blocks; reverted");
        }
        List<String> broken = new ArrayList<>();
        List<String> uncertain = new ArrayList<>();
        for (Objective.Constraint c : objective.constraints()) {
            double[] v = values(c.metric(), true);
            if (v == null) {
                broken.add(c + " (not measured)");
                continue;
            }
            double[] mb = meanAndBounds(c.metric(), v, pool, CONSTRAINT_LEVEL);
            boolean atMost = c.kind() == Objective.Constraint.Kind.AT_MOST;
            double worst = atMost ? mb[2] : mb[1];
            double bestCase = atMost ? mb[1] : mb[2];
            if (!c.isSatisfiedBy(bestCase)) {
                broken.add(String.format(Locale.ROOT, "%s: %.4g (bounds %.4g-%.4g)", c, mb[0], mb[1], mb[2]));
            } else if (!c.isSatisfiedBy(worst)) {
                uncertain.add(String.format(Locale.ROOT, "%s: %.4g, bound %.4g", c, mb[0], worst));
            }
        }
        double lower = lowerGain(cmp);
        String gain = String.format(Locale.ROOT, "gain %+.1f%% (%.4g%% lower bound %+.1f%%, %d pair%s, %.0f df)",
                100 * cmp.gain(), 100 * significance, 100 * lower, cmp.pairs(), cmp.pairs() == 1 ? "" : "s",
                cmp.degreesOfFreedom());
        if (!broken.isEmpty()) {
            return new Outcome(Verdict.REVERT_CONSTRAINT, cmp, false, "breaks " + String.join(", ", broken) + "; " + gain
                    + "; reverted");
        }
        boolean single = cmp.pairs() == 1;
        if (!uncertain.isEmpty()) {
            if (last) {
                return new Outcome(Verdict.REVERT_UNSHOWN, cmp, false, "not shown to respect "
                        + String.join(", ", uncertain) + " with a margin for noise; " + gain + "; reverted");
            }
            String hopeless = cannotShow(objective, pool, mostPairs);
            if (hopeless != null) {
                return new Outcome(Verdict.REVERT_UNSHOWN, cmp, false, "cannot be shown to respect " + hopeless
                        + String.format(Locale.ROOT, " within %d pairs; ", mostPairs) + gain + "; reverted");
            }
            Outcome futile = referenceBroken(objective, pool) ? null
                    : futility(objective, target, threshold, cmp, gain);
            return futile != null ? futile : new Outcome(Verdict.CONTINUE, cmp, false, "constraint uncertain");
        }
        if (referenceBroken(objective, pool)) {
            return single && !last ? new Outcome(Verdict.CONTINUE, cmp, false, "open")
                    : new Outcome(Verdict.KEEP, cmp, false, "respects the constraints the incumbent broke; " + gain);
        }
        // one pair decides only what is clear beyond the threshold itself; two pairs (one ABBA round) or more
        // decide on significance and the threshold
        if (look && (single ? lower > threshold : lower > 0 && cmp.gain() >= threshold)) {
            return new Outcome(Verdict.KEEP, cmp, false, gain + ": significant and at least "
                    + String.format(Locale.ROOT, "%.1f%%", 100 * threshold));
        }
        Outcome futile = futility(objective, target, threshold, cmp, gain);
        if (futile != null) {
            return futile;
        }
        if (!last) {
            return new Outcome(Verdict.CONTINUE, cmp, false, gain + ": open");
        }
        return new Outcome(Verdict.REVERT, cmp, false, gain + ": not significant at least "
                + String.format(Locale.ROOT, "%.1f%%", 100 * threshold) + "; reverted"
                + (promising(objective, target, threshold) ? " (promising: may be compared again, its pairs count)" : ""));
    }

    /** @return a revert when the gain cannot reach the threshold even at its {@value #FUTILITY} upper bound, else null */
    private static Outcome futility(Objective objective, Paired.Result r, double threshold, Comparison cmp,
                                    String gain) {
        double upper = r.upperBound(objective.maximize(), FUTILITY);
        if (upper < threshold) {
            return new Outcome(Verdict.REVERT, cmp, false, gain + String.format(Locale.ROOT,
                    ": cannot reach %.1f%% (%.0f%% upper bound %+.1f%%); reverted", 100 * threshold, 100 * FUTILITY,
                    100 * upper));
        }
        return null;
    }

    /**
     * The futility stop of a constraint: a candidate whose metric, even at the favourable end of its
     * {@value #FUTILITY} interval, would still be too close to the limit for the margin for noise the
     * rule asks after {@code mostPairs} pairs ({@link #constraintMargin}) cannot be shown to respect
     * it in this comparison; measuring it further spends blocks on a foregone revert. It only ever
     * ends a comparison reverted, so it cannot make a false keep.
     *
     * @return the constraint and its projection in words, or null when every uncertain constraint can still be shown
     */
    private String cannotShow(Objective objective, NoisePool pool, int mostPairs) {
        for (Objective.Constraint c : objective.constraints()) {
            double[] v = values(c.metric(), true);
            if (v == null || v.length >= mostPairs) {
                continue;
            }
            double[] mb = meanAndBounds(c.metric(), v, pool, FUTILITY);
            boolean atMost = c.kind() == Objective.Constraint.Kind.AT_MOST;
            double favourable = atMost ? mb[1] : mb[2];
            double margin = constraintMargin(c.metric(), pool, mostPairs);
            double sign = atMost ? 1 : -1;
            double projected = Paired.logScale(c.metric()) ? favourable * Math.exp(sign * margin)
                    : favourable + sign * margin;
            if (Double.isFinite(projected) && !c.isSatisfiedBy(projected)) {
                return String.format(Locale.ROOT, "%s: %.4g (%.0f%% bound %.4g, margin for noise after %d pairs"
                        + " to %.4g)", c, mb[0], 100 * FUTILITY, favourable, mostPairs, projected);
            }
        }
        return null;
    }

    /** One-sided level at which a reverted comparison must still clear the threshold to be worth more pairs later. */
    private static final double PROMISING = 0.75;

    /**
     * @return whether the gain, though not significant, probably clears the threshold: its lower bound
     *     at {@value #PROMISING} does, so that more pairs would likely make it significant
     */
    public boolean promising(Objective objective, NoisePool pool, double threshold) {
        return promising(objective, paired(objective.target(), pool, "diff:"), threshold);
    }

    private static boolean promising(Objective objective, Paired.Result r, double threshold) {
        return r != null && r.lowerBound(objective.maximize(), PROMISING) >= threshold;
    }

    private static double lowerGain(Comparison c) {
        return c.metric().higherIsBetter() ? c.ratioLow() - 1 : 1 - c.ratioHigh();
    }

    /**
     * The margin for noise the keep rule will put on a constraint's metric when a candidate has
     * {@code blocks} blocks: the half-width of its one-sided bound at {@link #CONSTRAINT_LEVEL} with
     * the block-to-block noise the session has pooled so far (the candidate's own spread, which the
     * rule adds, is not known before it is measured). On the scale the rule bounds the metric on:
     * logarithmic for a metric with relative noise (a candidate must measure at most
     * {@code limit * exp(-margin)} on average to respect an at-most limit), absolute for shares
     * such as error rates.
     *
     * @param m the constrained metric
     * @param pool the session's pooled noise (key {@code rep:<metric>} is used)
     * @param blocks the candidate's blocks when its comparison runs to the end, at least 1
     * @return the margin, at least 0; 0 while the pool knows nothing of the metric's noise
     */
    public static double constraintMargin(Metric m, NoisePool pool, int blocks) {
        if (blocks < 1) {
            throw new IllegalArgumentException("blocks must be at least 1, but was " + blocks);
        }
        NoisePool.Estimate prior = pool.estimate("rep:" + m);
        if (prior.degreesOfFreedom() <= 0) {
            return 0;
        }
        double half = Paired.quantile(prior.degreesOfFreedom() + blocks - 1, CONSTRAINT_LEVEL)
                * Math.sqrt(prior.variance() / blocks);
        return Double.isFinite(half) ? half : 0;
    }

    /**
     * @return mean, lower and upper one-sided bounds at {@code level} of a metric over the candidate's
     *     blocks, with the block-to-block noise pooled over the session (key {@code rep:<metric>})
     *     moderated with these blocks' own spread
     */
    private static double[] meanAndBounds(Metric m, double[] v, NoisePool pool, double level) {
        int n = v.length;
        double mean = Stats.mean(v);
        NoisePool own = new NoisePool(Double.MAX_VALUE);
        addReplicates(own, m, v);
        NoisePool.Estimate mine = own.estimate("rep:" + m);
        NoisePool.Estimate prior = pool.estimate("rep:" + m);
        double df = prior.degreesOfFreedom() + mine.degreesOfFreedom();
        double ss = prior.degreesOfFreedom() * prior.variance() + mine.degreesOfFreedom() * mine.variance();
        double half;
        if (df > 0 && ss == 0) {
            half = 0; // every block alike (an error rate of 0 throughout): nothing to allow for
        } else {
            half = df > 0 ? Paired.quantile(df, level) * Math.sqrt(ss / df / n) : Double.POSITIVE_INFINITY;
        }
        if (Double.isInfinite(half) || Double.isNaN(half)) {
            return new double[] {mean, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
        }
        if (!Paired.logScale(m)) {
            return new double[] {mean, mean - half, mean + half}; // absolute noise, e.g. of an error rate
        }
        // block noise is relative (log scale): bounds multiply the mean
        return new double[] {mean, mean * Math.exp(-half), mean * Math.exp(half)};
    }

    /**
     * @return whether the reference's blocks show it to break a constraint: even the favourable bound
     *     of a metric at {@link #CONSTRAINT_LEVEL} is beyond its limit, or a block lacks the metric. A
     *     reference whose mean is past a limit by noise alone (an incumbent kept at 38 ms under a 40 ms
     *     limit that measured 41 ms in this comparison) is not taken to break it: any candidate that
     *     respects the limits would otherwise be kept without a gain, and the one that looked feasible
     *     by luck with it.
     */
    private boolean referenceBroken(Objective objective, NoisePool pool) {
        for (Objective.Constraint c : objective.constraints()) {
            double[] v = values(c.metric(), false);
            if (v == null) {
                return true;
            }
            double[] mb = meanAndBounds(c.metric(), v, pool, CONSTRAINT_LEVEL);
            if (!c.isSatisfiedBy(c.kind() == Objective.Constraint.Kind.AT_MOST ? mb[1] : mb[2])) {
                return true;
            }
        }
        return false;
    }
}
