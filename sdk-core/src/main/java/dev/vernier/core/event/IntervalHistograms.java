package dev.vernier.core.event;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

/**
 * The latency histograms of one snapshot interval, in nanoseconds: every transaction that ended in
 * the interval (from its intended start; a lower bound for one never answered), the same per
 * transaction type, and each stage (queue, consensus, apply, response) of those whose suite
 * reported stage timestamps. The raw material of interval logs ({@code .hlog}) and of exact merges:
 * adding these histograms gives the percentiles of any span of intervals, never an average of
 * percentiles.
 *
 * <p>Immutable and thread-safe: the histograms are private copies and every accessor returns a new
 * copy the caller owns.
 */
public final class IntervalHistograms {

    private final Histogram all;
    private final Map<String, Histogram> byType;
    private final Map<String, Histogram> byStage;

    private IntervalHistograms(Histogram all, Map<String, Histogram> byType, Map<String, Histogram> byStage) {
        this.all = all;
        this.byType = byType;
        this.byStage = byStage;
    }

    /**
     * Copies the given histograms. Types and stages with no recorded value are left out.
     *
     * @param all latency of every transaction that ended in the interval, ns: committed ones exactly, the
     *     others from their intended start to when they ended or were given up (lower bounds)
     * @param byType the same per transaction type, in the mix's order
     * @param byStage latency of each stage, ns, in stage order
     * @return the copies
     * @throws NullPointerException when an argument is null
     */
    public static IntervalHistograms copyOf(AbstractHistogram all, Map<String, ? extends AbstractHistogram> byType,
                                            Map<String, ? extends AbstractHistogram> byStage) {
        Objects.requireNonNull(all, "all");
        Map<AbstractHistogram, Histogram> done = new IdentityHashMap<>();
        return new IntervalHistograms(copy(all, done), copies(byType, "byType", done),
                copies(byStage, "byStage", done));
    }

    private static Map<String, Histogram> copies(Map<String, ? extends AbstractHistogram> source, String name,
                                                 Map<AbstractHistogram, Histogram> done) {
        Objects.requireNonNull(source, name);
        Map<String, Histogram> out = new LinkedHashMap<>();
        source.forEach((k, v) -> {
            if (v.getTotalCount() > 0) {
                out.put(k, copy(v, done));
            }
        });
        return Collections.unmodifiableMap(out);
    }

    /**
     * A copy of the same shape (so HdrHistogram adds it by a straight pass over the counts), made once
     * per source: copies are never changed, so a histogram given twice (the only type of a one-type
     * mix is the overall one) is shared.
     */
    private static Histogram copy(AbstractHistogram h, Map<AbstractHistogram, Histogram> done) {
        Histogram c = done.get(h);
        if (c == null) {
            c = new Histogram(h.getLowestDiscernibleValue(), h.getHighestTrackableValue(),
                    h.getNumberOfSignificantValueDigits());
            c.add(h);
            done.put(h, c);
        }
        return c;
    }

    /** @return latency of every committed transaction of the interval, ns (a copy) */
    public Histogram all() {
        return all.copy();
    }

    /** @return committed transactions of the interval */
    public long count() {
        return all.getTotalCount();
    }

    /** @return per transaction type, in the mix's order, types with values only (copies) */
    public Map<String, Histogram> byType() {
        return copyAll(byType);
    }

    /** @return per stage, in stage order, stages with values only (copies) */
    public Map<String, Histogram> byStage() {
        return copyAll(byStage);
    }

    /** Equal when every histogram holds the same values. */
    @Override
    public boolean equals(Object o) {
        return o instanceof IntervalHistograms h && all.equals(h.all) && byType.equals(h.byType)
                && byStage.equals(h.byStage);
    }

    @Override
    public int hashCode() {
        return Objects.hash(all, byType, byStage);
    }

    @Override
    public String toString() {
        return "IntervalHistograms[" + all.getTotalCount() + " values, types " + byType.keySet() + ", stages "
                + byStage.keySet() + "]";
    }

    private static Map<String, Histogram> copyAll(Map<String, Histogram> m) {
        Map<String, Histogram> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v.copy()));
        return Collections.unmodifiableMap(out);
    }
}
