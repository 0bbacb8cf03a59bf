package dev.vernier.core.stats;

import java.util.Locale;

/**
 * How one figure changed from a baseline to a candidate. Immutable and thread-safe.
 *
 * <p><b>Scale.</b> Positive figures (throughput, latency) change on the {@link Scale#RATIO} scale:
 * the estimate is {@code d = ln(candidate / baseline)}, and its interval is reported back as a
 * percentage {@code e^d - 1}, which can never fall below -100%. The error rate changes on the
 * {@link Scale#DIFFERENCE} scale: {@code candidate - baseline} as a share, clipped to [-1, 1].
 *
 * <p><b>Interval.</b> Student's pooled t: the per-iteration variances of both sides (relative
 * variances, {@code (s / mean)^2}, on the ratio scale; the delta method for the log of a ratio of
 * means) are pooled with {@code nb + nc - 2} degrees of freedom. On the ratio scale noise is
 * multiplicative, so a change shifts the log of a figure and leaves its spread alone: equal
 * variances is the natural model, and pooling gives two degrees of freedom at 2 iterations where
 * Welch's test would have about one. One side may have a single iteration when the other has two
 * or more. With one iteration on each side there is no run-to-run variance at all: the interval
 * is then within-run ({@link BatchMeans}, Welch-Satterthwaite degrees of freedom), labelled so,
 * and the verdict is always {@link Verdict#INCONCLUSIVE}.
 *
 * <p><b>Verdict</b>, from the interval at {@code 1 - alpha} and the noise band (as Criterion.rs):
 * the whole interval beyond the band is {@link Verdict#IMPROVED} or {@link Verdict#REGRESSED} by
 * {@link Figure#directionOf direction}; the whole interval inside the band is
 * {@link Verdict#UNCHANGED}; anything else is {@link Verdict#INCONCLUSIVE}. A figure whose candidate
 * value is NaN while the baseline's is not (a latency of a run in which nothing committed), or a
 * throughput that fell to 0, is REGRESSED whatever the iteration count; the reverse is IMPROVED.
 *
 * @param figure figure name
 * @param unit unit of the figure
 * @param direction which way the figure improves
 * @param scale how the change is measured
 * @param baseline baseline estimate
 * @param candidate candidate estimate
 * @param change the change with its interval at {@code 1 - alpha}: a fraction ({@code -0.1} = -10%)
 *     on the ratio scale, never below -1 (infinite only when the baseline was 0); a share
 *     difference on the difference scale. NaN when undefined
 * @param pValue two-sided p-value of "no change" (pooled t), in [0, 1]; NaN when undefined
 * @param verdict the verdict
 * @param detectableChange the smallest change these data would call IMPROVED or REGRESSED 80% of the
 *     time, a positive number: a fraction on the ratio scale ({@code 0.12} = by a factor of 1.12
 *     either way), a share on the difference scale; NaN when there is no run-to-run variance
 * @param reason one sentence that explains the verdict
 */
public record FigureChange(String figure, String unit, Direction direction, Scale scale, Estimate baseline,
                           Estimate candidate, Estimate change, double pValue, Verdict verdict, double detectableChange,
                           String reason) {

    /** How a change is measured. */
    public enum Scale {
        /** {@code candidate / baseline - 1}, estimated on the log scale. */
        RATIO,
        /** {@code candidate - baseline}, in the figure's unit. */
        DIFFERENCE
    }

    /** Power at which {@link #detectableChange()} is stated. */
    public static final double DETECTION_POWER = 0.8;

    static FigureChange of(Figure b, Figure c, StatisticsConfig config) {
        Scale scale = b.scale();
        double conf = config.decisionConfidence();
        double threshold = scale == Scale.RATIO ? config.practicalThreshold() : config.errorRateThreshold();
        double mb = b.estimate().mean();
        double mc = c.estimate().mean();
        double[] xs = b.samples();
        double[] ys = c.samples();
        int n = Math.min(xs.length, ys.length);
        Direction dir = b.direction();
        Builder out = new Builder(b, c, scale, conf, threshold);

        if (Double.isNaN(mb) || Double.isNaN(mc)) {
            if (Double.isNaN(mb) && Double.isNaN(mc)) {
                return out.point(Double.NaN, n, Verdict.INCONCLUSIVE, "no value on either side (nothing committed?)");
            }
            boolean candidateMissing = Double.isNaN(mc);
            return out.point(Double.NaN, n, candidateMissing ? Verdict.REGRESSED : Verdict.IMPROVED,
                    candidateMissing ? "the candidate has no value (nothing committed?), the baseline has one"
                            : "the baseline has no value (nothing committed?), the candidate has one");
        }
        if (scale == Scale.RATIO && (mb <= 0 || mc <= 0)) {
            if (mb <= 0 && mc <= 0) {
                return out.point(0, n, Verdict.UNCHANGED, "0 on both sides");
            }
            boolean up = mb <= 0;
            boolean better = up == (dir == Direction.HIGHER_IS_BETTER);
            return out.point(up ? Double.POSITIVE_INFINITY : -1, n, better ? Verdict.IMPROVED : Verdict.REGRESSED,
                    up ? "the baseline was 0" : "the candidate fell to 0");
        }
        double d = scale == Scale.RATIO ? Math.log(mc / mb) : mc - mb;

        if (xs.length + ys.length < 3) {
            return withinRun(out, b, c, d, n);
        }
        double vb = relativeVariance(xs, scale);
        double vc = relativeVariance(ys, scale);
        int df = xs.length + ys.length - 2;
        double pooled = ((xs.length - 1) * vb + (ys.length - 1) * vc) / df;
        double se = Math.sqrt(pooled * (1.0 / xs.length + 1.0 / ys.length));
        if (Double.isNaN(se)) {
            return out.point(d, n, Verdict.INCONCLUSIVE, "a sample is not a number");
        }
        double tq = Stats.tCritical(conf, df);
        double p = se == 0 ? (d == 0 ? 1 : 0) : Stats.twoSidedP(d / se, df);
        double detectable = bandHalf(scale, threshold) + (tq + Stats.tQuantile(DETECTION_POWER, df)) * se;
        return out.decide(d, d - tq * se, d + tq * se, n, Estimate.Basis.ITERATIONS, p, detectable, dir);
    }

    /** One iteration on each side: a labelled within-run interval, and never a verdict. */
    private static FigureChange withinRun(Builder out, Figure b, Figure c, double d, int n) {
        String why = "one iteration on each side: run-to-run variation is unknown, so no verdict (measure 2 or more"
                + " iterations on at least one side)";
        double[] bb = b.withinRunBatches();
        double[] cb = c.withinRunBatches();
        if (bb.length < 2 || cb.length < 2) {
            return out.point(d, n, Verdict.INCONCLUSIVE, why);
        }
        double sb = relativeVariance(bb, out.scale) / bb.length;
        double sc = relativeVariance(cb, out.scale) / cb.length;
        double se = Math.sqrt(sb + sc);
        double df = se == 0 ? bb.length + cb.length - 2
                : (sb + sc) * (sb + sc) / (sb * sb / (bb.length - 1) + sc * sc / (cb.length - 1));
        double tq = Stats.tCritical(out.conf, df);
        FigureChange f = out.decide(d, d - tq * se, d + tq * se, n, Estimate.Basis.WITHIN_RUN, Double.NaN, Double.NaN,
                b.direction());
        return new FigureChange(f.figure, f.unit, f.direction, f.scale, f.baseline, f.candidate, f.change, Double.NaN,
                Verdict.INCONCLUSIVE, Double.NaN, why + "; the interval shown is within-run only");
    }

    /** Variance of the samples: relative to their squared mean on the ratio scale. */
    private static double relativeVariance(double[] xs, Scale scale) {
        if (xs.length < 2) {
            return 0;
        }
        double m = Stats.mean(xs);
        double v = Stats.variance(xs);
        return scale == Scale.RATIO ? v / (m * m) : v;
    }

    /** Half-width of the noise band on the scale the test works on (log for ratios). */
    private static double bandHalf(Scale scale, double threshold) {
        return scale == Scale.RATIO ? Math.log1p(threshold) : threshold;
    }

    /** @return true when the change is beyond the noise band, better or worse */
    public boolean changed() {
        return verdict.changed();
    }

    /**
     * @return e.g. {@code "throughput: -10.2% [-14.0%, -6.4%] (95% CI), p=0.0001, REGRESSED"}, with
     *     the reason appended for INCONCLUSIVE verdicts
     */
    public String describe() {
        String s = String.format(Locale.ROOT, "%s: %s, p=%s, %s", figure, formatChange(), formatP(pValue), verdict);
        return verdict == Verdict.INCONCLUSIVE ? s + " (" + reason + ")" : s;
    }

    /** @return the change with its interval, e.g. {@code "-10.2% [-14.0%, -6.4%] (95% CI)"} or {@code "+0.50 pp [...]"} */
    public String formatChange() {
        if (!change.hasInterval() || Double.isNaN(change.mean())) {
            return formatChangeCell();
        }
        String label = change.basis() == Estimate.Basis.WITHIN_RUN ? "within-run " : "";
        return formatChangeCell().replace(" (within-run)", "") + " (" + Estimate.stripZeros(change.confidence() * 100)
                + "% " + label + "CI)";
    }

    /** The change with its interval, without the level; "(within-run)" when it is. */
    String formatChangeCell() {
        if (Double.isNaN(change.mean())) {
            return "n/a";
        }
        if (!change.hasInterval()) {
            return formatValue(change.mean());
        }
        return String.format(Locale.ROOT, "%s [%s, %s]%s", formatValue(change.mean()), formatValue(change.lower()),
                formatValue(change.upper()), change.basis() == Estimate.Basis.WITHIN_RUN ? " (within-run)" : "");
    }

    /** @return the detectable change, e.g. {@code "±12.3%"}, or "n/a" */
    public String formatDetectable() {
        if (Double.isNaN(detectableChange)) {
            return "n/a";
        }
        return scale == Scale.RATIO ? String.format(Locale.ROOT, "±%.1f%%", 100 * detectableChange)
                : String.format(Locale.ROOT, "±%.2f pp", 100 * detectableChange);
    }

    private String formatValue(double v) {
        if (scale == Scale.DIFFERENCE) {
            return Math.abs(100 * v) < 0.005 ? "0.00 pp" : String.format(Locale.ROOT, "%+.2f pp", 100 * v);
        }
        if (Double.isInfinite(v)) {
            return "from 0";
        }
        if (Math.abs(100 * v) < 0.05) {
            return "0.0%";
        }
        return String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%+.0f%%" : "%+.1f%%", 100 * v);
    }

    static String formatP(double p) {
        return Double.isNaN(p) ? "n/a" : p < 1e-4 ? "<0.0001" : String.format(Locale.ROOT, "%.2g", p);
    }

    /** Collects the fixed parts of a change while the rule decides the rest. */
    private static final class Builder {
        private final Figure b;
        private final Figure c;
        private final Scale scale;
        private final double conf;
        private final double threshold;

        Builder(Figure b, Figure c, Scale scale, double conf, double threshold) {
            this.b = b;
            this.c = c;
            this.scale = scale;
            this.conf = conf;
            this.threshold = threshold;
        }

        /** A change without interval: d is the change itself (fraction or share difference). */
        FigureChange point(double change, int n, Verdict verdict, String reason) {
            return new FigureChange(b.name(), b.unit(), b.direction(), scale, b.estimate(), c.estimate(),
                    Estimate.point(change, conf, n), Double.NaN, verdict, Double.NaN, reason);
        }

        /** Applies the verdict rule to an interval [lo, hi] of d, on the test's scale. */
        FigureChange decide(double d, double lo, double hi, int n, Estimate.Basis basis, double p, double detectable,
                            Direction dir) {
            double bandLo = scale == Scale.RATIO ? Math.log1p(-threshold) : -threshold;
            double bandHi = scale == Scale.RATIO ? Math.log1p(threshold) : threshold;
            String band = scale == Scale.RATIO ? "±" + Estimate.stripZeros(100 * threshold) + "%"
                    : "±" + Estimate.stripZeros(100 * threshold) + " pp";
            String level = Estimate.stripZeros(100 * conf) + "%";
            Verdict verdict;
            String reason;
            if (lo > bandHi || hi < bandLo) {
                boolean up = lo > bandHi;
                verdict = up == (dir == Direction.HIGHER_IS_BETTER) ? Verdict.IMPROVED : Verdict.REGRESSED;
                reason = "the whole " + level + " interval lies beyond the " + band + " noise band";
            } else if (lo >= bandLo && hi <= bandHi) {
                verdict = Verdict.UNCHANGED;
                reason = "the whole " + level + " interval lies inside the " + band + " noise band";
            } else {
                verdict = Verdict.INCONCLUSIVE;
                reason = (p < 1 - conf ? "significant (p=" + formatP(p) + ") but the " + level
                        + " interval reaches inside the " + band + " noise band"
                        : "the " + level + " interval reaches both inside and outside the " + band + " noise band")
                        + "; these data detect changes of about " + formatDetectable(detectable)
                        + " (80% of the time); more iterations narrow it";
            }
            Estimate change = scale == Scale.RATIO
                    ? new Estimate(Math.expm1(d), Math.expm1(lo), Math.expm1(hi), conf, n, basis)
                    : new Estimate(d, Math.max(-1, lo), Math.min(1, hi), conf, n, basis);
            return new FigureChange(b.name(), b.unit(), b.direction(), scale, b.estimate(), c.estimate(), change, p,
                    verdict, scale == Scale.RATIO ? Math.expm1(detectable) : detectable, reason);
        }

        private String formatDetectable(double detectable) {
            return scale == Scale.RATIO ? String.format(Locale.ROOT, "±%.1f%%", 100 * Math.expm1(detectable))
                    : String.format(Locale.ROOT, "±%.2f pp", 100 * detectable);
        }
    }
}
