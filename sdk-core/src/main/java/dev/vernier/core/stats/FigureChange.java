package dev.vernier.core.stats;

import java.util.Locale;
import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * How one figure changed from a baseline to a candidate. Immutable and thread-safe.
 *
 * <p>Rule: the p-value is Welch's two-sided t-test (Commons Math {@link TTest}) on the
 * per-iteration samples. The verdict is {@link Verdict#REGRESSED} or {@link Verdict#IMPROVED} only
 * when {@code pValue < 1 - confidence} <em>and</em> {@code |relativeChange| >= practicalThreshold};
 * the direction comes from {@link Figure#directionOf}. A figure whose candidate mean is NaN while
 * the baseline's is not (for example a latency percentile of a run in which nothing committed) is
 * REGRESSED; the reverse is IMPROVED; both NaN is UNCHANGED.
 *
 * @param figure figure name
 * @param unit unit of the figure
 * @param direction which way the figure improves
 * @param baseline baseline estimate
 * @param candidate candidate estimate
 * @param relativeChange (candidate - baseline) / |baseline| as a fraction, with a Welch interval of
 *     the difference of means divided by |baseline mean| (infinite when the baseline mean is 0)
 * @param pValue Welch t-test p-value, in [0, 1] (NaN when undefined, for example fewer than two samples)
 * @param verdict the verdict
 */
public record FigureChange(String figure, String unit, Direction direction, Estimate baseline, Estimate candidate,
                           Estimate relativeChange, double pValue, Verdict verdict) {

    static FigureChange of(Figure b, Figure c, StatisticsConfig config) {
        double conf = config.confidence();
        double[] xs = b.samples();
        double[] ys = c.samples();
        double mb = b.estimate().mean();
        double mc = c.estimate().mean();
        Direction dir = b.direction();
        if (Double.isNaN(mb) || Double.isNaN(mc)) {
            Verdict v = Double.isNaN(mb) == Double.isNaN(mc) ? Verdict.UNCHANGED
                    : Double.isNaN(mc) ? Verdict.REGRESSED : Verdict.IMPROVED;
            return new FigureChange(b.name(), b.unit(), dir, b.estimate(), c.estimate(),
                    new Estimate(Double.NaN, Double.NaN, Double.NaN, conf, Math.min(xs.length, ys.length)),
                    Double.NaN, v);
        }
        double vb = Estimate.variance(xs, mb);
        double vc = Estimate.variance(ys, mc);
        double diff = mc - mb;
        double p;
        double lo;
        double hi;
        if (xs.length < 2 || ys.length < 2) {
            p = Double.NaN;
            lo = Double.NaN;
            hi = Double.NaN;
        } else if (vb == 0 && vc == 0) {
            p = diff == 0 ? 1 : 0;
            lo = diff;
            hi = diff;
        } else {
            p = new TTest().tTest(xs, ys);
            double sb = vb / xs.length;
            double sc = vc / ys.length;
            double se = Math.sqrt(sb + sc);
            double df = (sb + sc) * (sb + sc)
                    / (sb * sb / (xs.length - 1) + sc * sc / (ys.length - 1));
            double t = new TDistribution(null, df).inverseCumulativeProbability(1 - (1 - conf) / 2);
            lo = diff - t * se;
            hi = diff + t * se;
        }
        double scale = Math.abs(mb);
        double rel = diff == 0 ? 0 : diff / scale;
        Estimate relative = new Estimate(rel, lo / scale, hi / scale, conf, Math.min(xs.length, ys.length));
        Verdict verdict = Verdict.UNCHANGED;
        if (p < config.alpha() && Math.abs(rel) >= config.practicalThreshold() && diff != 0) {
            boolean better = dir == Direction.HIGHER_IS_BETTER ? diff > 0 : diff < 0;
            verdict = better ? Verdict.IMPROVED : Verdict.REGRESSED;
        }
        return new FigureChange(b.name(), b.unit(), dir, b.estimate(), c.estimate(), relative, p, verdict);
    }

    /** @return e.g. {@code "throughput: -10.2% [-14.0%, -6.4%], p=0.0001, REGRESSED"} */
    public String describe() {
        return String.format(Locale.ROOT, "%s: %+.2f%% [%+.2f%%, %+.2f%%], p=%.4g, %s", figure,
                relativeChange.mean() * 100, relativeChange.lower() * 100, relativeChange.upper() * 100, pValue,
                verdict);
    }
}
