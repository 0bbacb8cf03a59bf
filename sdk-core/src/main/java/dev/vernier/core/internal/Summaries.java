package dev.vernier.core.internal;

import dev.vernier.api.TransactionMix;
import dev.vernier.core.result.HistogramBucket;
import dev.vernier.core.result.LatencySummary;
import dev.vernier.core.result.Percentile;
import dev.vernier.core.result.Outcomes;
import dev.vernier.core.result.Outliers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

/** Turns recorded buckets into result records. Stateless and thread-safe. */
public final class Summaries {

    private Summaries() {
    }

    /**
     * Figures of one interval, kept instead of its histograms.
     *
     * @param outcomes outcome counts
     * @param offered transactions the load model offered in the interval (sends including refused
     *     ones for open models; outcomes for the closed model)
     * @param meanMs mean latency, ms
     * @param p50Ms median, ms
     * @param p95Ms 95th percentile, ms
     * @param p99Ms 99th percentile, ms
     */
    public record IntervalStats(Outcomes outcomes, long offered, double meanMs, double p50Ms, double p95Ms, double p99Ms) {
    }

    /** @return nanoseconds as milliseconds */
    public static double ms(double nanos) {
        return nanos / 1e6;
    }

    /**
     * Committed share of what was offered: for open models the interval's sends (so a system that
     * falls behind shows it at once, before its transactions time out), else its outcomes.
     *
     * @return the success rate in [0, 1], 0 when nothing was offered
     */
    public static double successRate(Bucket b) {
        long offered = offered(b);
        return offered == 0 ? 0 : Math.min(1.0, (double) b.count(OutcomeKind.COMMITTED) / offered);
    }

    static long offered(Bucket b) {
        return Math.max(b.totalOutcomes(), b.lag().getTotalCount());
    }

    static IntervalStats copyOf(Bucket b) {
        AbstractHistogram h = b.latency();
        boolean empty = h.getTotalCount() == 0;
        return new IntervalStats(outcomes(b), offered(b), empty ? Double.NaN : ms(h.getMean()),
                empty ? Double.NaN : ms(h.getValueAtPercentile(50)),
                empty ? Double.NaN : ms(h.getValueAtPercentile(95)),
                empty ? Double.NaN : ms(h.getValueAtPercentile(99)));
    }

    /** @return outcome counts over all types */
    public static Outcomes outcomes(Bucket b) {
        return new Outcomes(b.count(OutcomeKind.COMMITTED), b.count(OutcomeKind.REJECTED),
                b.count(OutcomeKind.FAILED), b.count(OutcomeKind.TIMED_OUT), b.count(OutcomeKind.SUBMIT_ERROR),
                b.count(OutcomeKind.REFUSED));
    }

    /** @return outcome counts of one type */
    public static Outcomes outcomes(Bucket b, int type) {
        return new Outcomes(b.count(type, OutcomeKind.COMMITTED), b.count(type, OutcomeKind.REJECTED),
                b.count(type, OutcomeKind.FAILED), b.count(type, OutcomeKind.TIMED_OUT),
                b.count(type, OutcomeKind.SUBMIT_ERROR), b.count(type, OutcomeKind.REFUSED));
    }

    /** @return outcome counts per type name */
    public static Map<String, Outcomes> outcomesByType(Bucket b, TransactionMix mix) {
        Map<String, Outcomes> map = new LinkedHashMap<>();
        for (int t = 0; t < mix.types().size(); t++) {
            map.put(mix.types().get(t).name(), outcomes(b, t));
        }
        return map;
    }

    /**
     * @param h a histogram in nanoseconds
     * @param percentiles percentiles to report
     * @return its summary in ms (NaN figures when empty)
     */
    public static LatencySummary latency(AbstractHistogram h, double[] percentiles) {
        List<Percentile> p = new ArrayList<>(percentiles.length);
        boolean empty = h.getTotalCount() == 0;
        for (double q : percentiles) {
            p.add(new Percentile(q, empty ? Double.NaN : ms(h.getValueAtPercentile(q))));
        }
        if (empty) {
            return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, p);
        }
        return new LatencySummary(h.getTotalCount(), ms(h.getMean()), ms(h.getStdDeviation()), ms(h.getMinValue()),
                ms(h.getMaxValue()), p);
    }

    /** @return per-type summaries by type name */
    public static Map<String, LatencySummary> latencyByType(Bucket b, TransactionMix mix, double[] percentiles) {
        Map<String, LatencySummary> map = new LinkedHashMap<>();
        for (int t = 0; t < mix.types().size(); t++) {
            map.put(mix.types().get(t).name(), latency(b.latencyOfType(t), percentiles));
        }
        return map;
    }

    /** @return a logarithmic histogram from 10 µs, doubling, in ms */
    public static List<HistogramBucket> histogram(AbstractHistogram h) {
        List<HistogramBucket> list = new ArrayList<>();
        if (h.getTotalCount() == 0) {
            return list;
        }
        for (HistogramIterationValue v : h.logarithmicBucketValues(10_000, 2.0)) {
            list.add(new HistogramBucket(ms(v.getValueIteratedTo()), v.getCountAddedInThisIterationStep()));
        }
        return list;
    }

    /** @return outliers above Q3 + 3 IQR */
    public static Outliers outliers(AbstractHistogram h) {
        if (h.getTotalCount() == 0) {
            return new Outliers(Double.NaN, 0, Double.NaN);
        }
        long q1 = h.getValueAtPercentile(25);
        long q3 = h.getValueAtPercentile(75);
        long fence = q3 + 3 * (q3 - q1);
        long above = h.getTotalCount() - h.getCountBetweenValues(0, fence);
        return new Outliers(ms(fence), above, ms(h.getMaxValue()));
    }
}
