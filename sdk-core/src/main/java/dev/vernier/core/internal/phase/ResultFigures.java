package dev.vernier.core.internal.phase;

import dev.vernier.api.TransactionMix;
import dev.vernier.core.internal.engine.Tally;
import dev.vernier.core.result.HistogramBucket;
import dev.vernier.core.result.LatencySummary;
import dev.vernier.core.result.Outcomes;
import dev.vernier.core.result.Outliers;
import dev.vernier.core.result.Percentile;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramIterationValue;

/** Turns recorded tallies and histograms into result records. Stateless and thread-safe. */
public final class ResultFigures {

    private ResultFigures() {
    }

    /** @return nanoseconds as milliseconds */
    static double ms(double nanos) {
        return nanos / 1e6;
    }

    /** @return outcome counts per type name */
    static Map<String, Outcomes> outcomesByType(Tally b, TransactionMix mix) {
        Map<String, Outcomes> map = new LinkedHashMap<>();
        for (int t = 0; t < mix.types().size(); t++) {
            map.put(mix.types().get(t).name(), b.outcomes(t));
        }
        return map;
    }

    /**
     * @param h a histogram in nanoseconds
     * @param percentiles percentiles to report
     * @param lowerBounds how many of its values are lower bounds
     * @return its summary in ms (NaN figures when empty)
     */
    public static LatencySummary latency(AbstractHistogram h, double[] percentiles, long lowerBounds) {
        List<Percentile> p = new ArrayList<>(percentiles.length);
        boolean empty = h.getTotalCount() == 0;
        for (double q : percentiles) {
            p.add(new Percentile(q, empty ? Double.NaN : ms(h.getValueAtPercentile(q))));
        }
        if (empty) {
            return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, p, 0);
        }
        return new LatencySummary(h.getTotalCount(), ms(h.getMean()), ms(h.getStdDeviation()), ms(h.getMinValue()),
                ms(h.getMaxValue()), p, lowerBounds);
    }

    /** @return per-type summaries by type name */
    static Map<String, LatencySummary> latencyByType(Tally b, TransactionMix mix, double[] percentiles) {
        Map<String, LatencySummary> map = new LinkedHashMap<>();
        for (int t = 0; t < mix.types().size(); t++) {
            map.put(mix.types().get(t).name(), latency(b.latencyOfType(t), percentiles,
                    mix.types().size() == 1 ? b.lowerBounds() : lowerBoundsOfType(b, t)));
        }
        return map;
    }

    private static long lowerBoundsOfType(Tally b, int type) {
        Outcomes o = b.outcomes(type);
        return o.timedOut() + o.refused() + o.notSent();
    }

    /** @return a logarithmic histogram from 10 µs, doubling, in ms */
    static List<HistogramBucket> histogram(AbstractHistogram h) {
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
    static Outliers outliers(AbstractHistogram h) {
        if (h.getTotalCount() == 0) {
            return new Outliers(Double.NaN, 0, Double.NaN);
        }
        long q1 = h.getValueAtPercentile(25);
        long q3 = h.getValueAtPercentile(75);
        long fence = q3 + 3 * (q3 - q1);
        long above = h.getTotalCount() - h.getCountBetweenValues(0, fence);
        return new Outliers(ms(fence), above, ms(h.getMaxValue()));
    }

    /** @return the histogram compressed and Base64-encoded */
    static String encode(AbstractHistogram h) {
        ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
        int length = h.encodeIntoCompressedByteBuffer(buffer);
        return Base64.getEncoder().encodeToString(Arrays.copyOf(buffer.array(), length));
    }
}
