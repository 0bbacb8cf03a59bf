package dev.vernier.core.internal;

import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;

/**
 * One set of everything recorded about transactions over some period: end-to-end latency of
 * committed transactions, the same per type and per stage, scheduling lag of sends, and outcome
 * counters per type and kind. All times in nanoseconds.
 *
 * <p>Not thread-safe: a bucket is written by one recording thread (inside a {@link Shard}'s
 * critical section) or by the single reader that aggregates.
 */
public final class Bucket {

    /** Stage names, in order: intended to submitted, submitted to agreed, agreed to applied, to completion. */
    public static final String[] STAGES = {"queue", "consensus", "apply", "response"};
    static final int QUEUE = 0;
    static final int CONSENSUS = 1;
    static final int APPLY = 2;
    static final int RESPONSE = 3;

    final AbstractHistogram latency;
    final AbstractHistogram[] perType;
    final AbstractHistogram[] stages;
    final AbstractHistogram lag;
    final long[] counts;
    final int types;
    final long highest;
    long lateSends;
    long clamped;

    /**
     * @param types number of transaction types
     * @param highestTrackableNanos largest latency kept exactly; larger values are clamped and counted
     * @param compact true for int counts (short intervals), false for long counts (aggregates)
     */
    public Bucket(int types, long highestTrackableNanos, boolean compact) {
        this.types = types;
        this.highest = highestTrackableNanos;
        this.latency = newHistogram(compact);
        this.perType = new AbstractHistogram[types > 1 ? types : 0];
        for (int i = 0; i < perType.length; i++) {
            perType[i] = newHistogram(compact);
        }
        this.stages = new AbstractHistogram[STAGES.length];
        for (int i = 0; i < stages.length; i++) {
            stages[i] = newHistogram(compact);
        }
        this.lag = newHistogram(compact);
        this.counts = new long[types * OutcomeKind.COUNT];
    }

    private AbstractHistogram newHistogram(boolean compact) {
        return compact ? new IntCountsHistogram(highest, 3) : new Histogram(highest, 3);
    }

    long clamp(long v) {
        if (v < 0) {
            return 0;
        }
        if (v > highest) {
            clamped++;
            return highest;
        }
        return v;
    }

    /** Adds everything in {@code other} to this bucket. */
    public void add(Bucket other) {
        latency.add(other.latency);
        for (int i = 0; i < perType.length; i++) {
            perType[i].add(other.perType[i]);
        }
        for (int i = 0; i < stages.length; i++) {
            stages[i].add(other.stages[i]);
        }
        lag.add(other.lag);
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        lateSends += other.lateSends;
        clamped += other.clamped;
    }

    /** Clears every histogram and counter. */
    public void reset() {
        latency.reset();
        for (AbstractHistogram h : perType) {
            h.reset();
        }
        for (AbstractHistogram h : stages) {
            h.reset();
        }
        lag.reset();
        java.util.Arrays.fill(counts, 0);
        lateSends = 0;
        clamped = 0;
    }

    /** @return latency of committed transactions, nanoseconds */
    public AbstractHistogram latency() {
        return latency;
    }

    /** @return latency of committed transactions of one type (the overall histogram when there is one type) */
    public AbstractHistogram latencyOfType(int type) {
        return perType.length == 0 ? latency : perType[type];
    }

    /** @return the histogram of stage {@code i} (see {@link #STAGES}) */
    public AbstractHistogram stage(int i) {
        return stages[i];
    }

    /** @return scheduling lag of sends (actual minus intended start), nanoseconds */
    public AbstractHistogram lag() {
        return lag;
    }

    /** @return number of transaction types */
    public int types() {
        return types;
    }

    /** @return count of {@code kind} outcomes of {@code type} */
    public long count(int type, OutcomeKind kind) {
        return counts[type * OutcomeKind.COUNT + kind.ordinal()];
    }

    /** @return count of {@code kind} outcomes over all types */
    public long count(OutcomeKind kind) {
        long sum = 0;
        for (int t = 0; t < types; t++) {
            sum += counts[t * OutcomeKind.COUNT + kind.ordinal()];
        }
        return sum;
    }

    /** @return outcomes of every kind over all types */
    public long totalOutcomes() {
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }

    /** @return sends made later than the lag threshold */
    public long lateSends() {
        return lateSends;
    }

    /** @return latencies larger than the histogram range, recorded as its maximum */
    public long clamped() {
        return clamped;
    }
}
