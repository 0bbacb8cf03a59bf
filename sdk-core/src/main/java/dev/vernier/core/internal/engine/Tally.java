package dev.vernier.core.internal.engine;

import java.util.Arrays;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.IntCountsHistogram;

/**
 * Everything recorded about transactions over some period: the latency of every due transaction
 * (exact for answered ones, a lower bound for unanswered ones), the latency of committed ones, the
 * same per type and per stage, the scheduling lag of sends, and outcome counts per type and kind.
 * Transactions intended before the measured window (warm-up) only reach {@link #warmupLatency()}
 * and the warm-up counts. All times in nanoseconds.
 *
 * <p>A recording tally (inside a {@link Shard}) also holds a {@link CommitBuffer}: the completing
 * thread only copies six numbers, and the reader turns them into histogram values when it harvests
 * ({@link #add}). Not thread-safe: written by one thread inside its shard's critical section, or by
 * the single reader.
 */
public final class Tally {

    /** Stage names: intended to submitted, submitted to agreed, agreed to applied, to completion. */
    public static final String[] STAGES = {"queue", "consensus", "apply", "response"};
    static final int QUEUE = 0;
    static final int CONSENSUS = 1;
    static final int APPLY = 2;
    static final int RESPONSE = 3;

    final AbstractHistogram latency;
    final AbstractHistogram committed;
    final AbstractHistogram[] perType;
    final AbstractHistogram[] stages;
    final AbstractHistogram lag;
    final AbstractHistogram warmupLatency;
    final long[] counts;
    final int types;
    final long highest;
    final long[] warmupCounts = new long[OutcomeKind.COUNT];
    long lateSends;
    long lateBehindSubmit;
    long lowerBounds;
    long clamped;
    private final CommitBuffer buffer;

    /**
     * @param types number of transaction types
     * @param highestTrackableNanos largest latency kept exactly; larger values are clamped and counted
     * @param recording true for a shard's tally (int counts, a commit buffer), false for an aggregate
     */
    public Tally(int types, long highestTrackableNanos, boolean recording) {
        this.types = types;
        this.highest = highestTrackableNanos;
        this.latency = histogram(recording);
        this.committed = histogram(recording);
        this.perType = new AbstractHistogram[types > 1 ? types : 0];
        for (int i = 0; i < perType.length; i++) {
            perType[i] = histogram(recording);
        }
        this.stages = new AbstractHistogram[STAGES.length];
        for (int i = 0; i < stages.length; i++) {
            stages[i] = histogram(recording);
        }
        this.lag = histogram(recording);
        this.warmupLatency = histogram(recording);
        this.counts = new long[types * OutcomeKind.COUNT];
        this.buffer = recording ? new CommitBuffer() : null;
    }

    private AbstractHistogram histogram(boolean compact) {
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

    /** Buffers (or, when the buffer is full, records) one committed transaction. Writer only. */
    void commit(int type, boolean measured, long intended, long submitted, long agreed, long applied, long completed) {
        int typeOrWarmup = measured ? type : -1 - type;
        if (!buffer.add(typeOrWarmup, intended, submitted, agreed, applied, completed)) {
            recordCommit(typeOrWarmup, intended, submitted, agreed, applied, completed);
        }
    }

    /** @param typeOrWarmup the type index, or {@code -1 - type} for a warm-up transaction */
    void recordCommit(int typeOrWarmup, long intended, long submitted, long agreed, long applied,
                              long completed) {
        long total = clamp(completed - intended);
        if (typeOrWarmup < 0) {
            warmupLatency.recordValue(total);
            warmupCounts[0]++;
            return;
        }
        latency.recordValue(total);
        committed.recordValue(total);
        if (perType.length != 0) {
            perType[typeOrWarmup].recordValue(total);
        }
        stages[QUEUE].recordValue(clamp(submitted - intended));
        long last = submitted;
        if (agreed != dev.vernier.api.TxOutcome.ABSENT) {
            stages[CONSENSUS].recordValue(clamp(agreed - submitted));
            last = agreed;
        }
        if (applied != dev.vernier.api.TxOutcome.ABSENT) {
            stages[APPLY].recordValue(clamp(applied - last));
            last = applied;
        }
        if (last != submitted) {
            stages[RESPONSE].recordValue(clamp(completed - last));
        }
        counts[typeOrWarmup * OutcomeKind.COUNT]++;
    }

    /**
     * Counts a transaction that ended without committing, with its latency from the intended start.
     *
     * @param lowerBound true when the value is only a lower bound (timed out, refused, not sent)
     */
    void end(int type, boolean measured, OutcomeKind kind, long latencyNanos, boolean lowerBound) {
        long v = clamp(latencyNanos);
        if (!measured) {
            warmupLatency.recordValue(v);
            warmupCounts[kind.ordinal()]++;
            return;
        }
        latency.recordValue(v);
        if (perType.length != 0) {
            perType[type].recordValue(v);
        }
        if (lowerBound) {
            lowerBounds++;
        }
        counts[type * OutcomeKind.COUNT + kind.ordinal()]++;
    }

    /** Counts outcomes whose latency is recorded separately ({@link #lowerBound}). */
    void count(int type, boolean measured, OutcomeKind kind, long n) {
        if (measured) {
            counts[type * OutcomeKind.COUNT + kind.ordinal()] += n;
        } else {
            warmupCounts[kind.ordinal()] += n;
        }
    }

    /** Records the latency lower bound of a transaction counted with {@link #count}. */
    void lowerBound(int type, boolean measured, long latencyNanos, long n) {
        long v = clamp(latencyNanos);
        if (!measured) {
            warmupLatency.recordValueWithCount(v, n);
            return;
        }
        latency.recordValueWithCount(v, n);
        if (perType.length != 0) {
            perType[type].recordValueWithCount(v, n);
        }
        lowerBounds += n;
    }

    /** Records the scheduling lag of one send of the measured window. */
    void send(long lagNanos, boolean late, boolean behindSubmit) {
        lag.recordValue(clamp(lagNanos));
        if (late) {
            lateSends++;
            if (behindSubmit) {
                lateBehindSubmit++;
            }
        }
    }

    /**
     * Adds everything in {@code other} to this tally, turning its buffered commits into values.
     * Empty histograms are skipped: adding or clearing one walks its whole counts array, and most
     * of a shard's histograms are empty between two ticks.
     */
    public void add(Tally other) {
        if (other.buffer != null) {
            other.buffer.drainInto(this);
        }
        add(latency, other.latency);
        add(committed, other.committed);
        for (int i = 0; i < perType.length; i++) {
            add(perType[i], other.perType[i]);
        }
        for (int i = 0; i < stages.length; i++) {
            add(stages[i], other.stages[i]);
        }
        add(lag, other.lag);
        add(warmupLatency, other.warmupLatency);
        for (int i = 0; i < counts.length; i++) {
            counts[i] += other.counts[i];
        }
        for (int i = 0; i < warmupCounts.length; i++) {
            warmupCounts[i] += other.warmupCounts[i];
        }
        lateSends += other.lateSends;
        lateBehindSubmit += other.lateBehindSubmit;
        lowerBounds += other.lowerBounds;
        clamped += other.clamped;
    }

    private static void add(AbstractHistogram to, AbstractHistogram from) {
        if (from.getTotalCount() != 0) {
            to.add(from);
        }
    }

    private static void reset(AbstractHistogram h) {
        if (h.getTotalCount() != 0) {
            h.reset();
        }
    }

    /** Clears what was recorded during the warm-up, keeping what belongs to the measured window. */
    void resetWarmup() {
        reset(warmupLatency);
        Arrays.fill(warmupCounts, 0);
    }

    /** Clears every histogram, counter and buffered commit. */
    public void reset() {
        reset(latency);
        reset(committed);
        for (AbstractHistogram h : perType) {
            reset(h);
        }
        for (AbstractHistogram h : stages) {
            reset(h);
        }
        reset(lag);
        reset(warmupLatency);
        Arrays.fill(counts, 0);
        Arrays.fill(warmupCounts, 0);
        lateSends = 0;
        lateBehindSubmit = 0;
        lowerBounds = 0;
        clamped = 0;
        if (buffer != null) {
            buffer.clear();
        }
    }

    /** @return latency of every due transaction of the measured window (lower bounds included), ns */
    public AbstractHistogram latency() {
        return latency;
    }

    /** @return latency of committed transactions of the measured window, ns */
    public AbstractHistogram committedLatency() {
        return committed;
    }

    /** @return {@link #latency()} of one type (the overall histogram when there is one type) */
    public AbstractHistogram latencyOfType(int type) {
        return perType.length == 0 ? latency : perType[type];
    }

    /** @return the histogram of stage {@code i} (see {@link #STAGES}) of committed transactions */
    public AbstractHistogram stage(int i) {
        return stages[i];
    }

    /** @return scheduling lag of the measured window's sends (actual minus intended start), ns */
    public AbstractHistogram lag() {
        return lag;
    }

    /** @return latency of warm-up transactions (any outcome), ns */
    public AbstractHistogram warmupLatency() {
        return warmupLatency;
    }

    /** @return number of transaction types */
    public int types() {
        return types;
    }

    /** @return count of {@code kind} outcomes of {@code type} in the measured window */
    public long count(int type, OutcomeKind kind) {
        return counts[type * OutcomeKind.COUNT + kind.ordinal()];
    }

    /** @return count of {@code kind} outcomes over all types in the measured window */
    public long count(OutcomeKind kind) {
        long sum = 0;
        for (int t = 0; t < types; t++) {
            sum += counts[t * OutcomeKind.COUNT + kind.ordinal()];
        }
        return sum;
    }

    /** @return outcomes of every kind over all types in the measured window */
    public long totalOutcomes() {
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }

    /** @return outcome counts of the measured window over all types */
    public dev.vernier.core.result.Outcomes outcomes() {
        return new dev.vernier.core.result.Outcomes(count(OutcomeKind.COMMITTED), count(OutcomeKind.REJECTED),
                count(OutcomeKind.FAILED), count(OutcomeKind.TIMED_OUT), count(OutcomeKind.SUBMIT_ERROR),
                count(OutcomeKind.REFUSED), count(OutcomeKind.NOT_SENT));
    }

    /** @return outcome counts of the measured window of one type */
    public dev.vernier.core.result.Outcomes outcomes(int type) {
        return new dev.vernier.core.result.Outcomes(count(type, OutcomeKind.COMMITTED), count(type, OutcomeKind.REJECTED),
                count(type, OutcomeKind.FAILED), count(type, OutcomeKind.TIMED_OUT),
                count(type, OutcomeKind.SUBMIT_ERROR), count(type, OutcomeKind.REFUSED),
                count(type, OutcomeKind.NOT_SENT));
    }

    /** @return outcomes of warm-up transactions */
    public long warmupOutcomes() {
        long sum = 0;
        for (long c : warmupCounts) {
            sum += c;
        }
        return sum;
    }

    /** @return warm-up transactions that ended as {@code kind} */
    public long warmupCount(OutcomeKind kind) {
        return warmupCounts[kind.ordinal()];
    }

    /** @return sends made later than the lag threshold */
    public long lateSends() {
        return lateSends;
    }

    /** @return late sends that waited behind a {@code submit} call that blocked longer than the threshold */
    public long lateBehindSubmit() {
        return lateBehindSubmit;
    }

    /** @return latency values that are lower bounds (timed out, refused, not sent) */
    public long lowerBounds() {
        return lowerBounds;
    }

    /** @return latencies larger than the histogram range, recorded as its maximum */
    public long clamped() {
        return clamped;
    }
}
