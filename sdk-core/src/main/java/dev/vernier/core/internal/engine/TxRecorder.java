package dev.vernier.core.internal.engine;

import dev.vernier.api.NanoClock;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The recorder of one load run: where every outcome of a transaction goes, whichever thread ends it.
 * It owns the {@link ShardedRecorder} (histograms and counts), the count of ended transactions (for
 * the in-flight figure) and the error causes of the measured window.
 *
 * <p>Thread-safe: recording methods may be called from any thread (each records into its own
 * shard); the reader harvests with {@link #harvestInto}.
 */
public final class TxRecorder {

    /** Cause of a transaction that timed out. */
    public static final String TIMED_OUT = "timed out";
    /** Cause of a send refused by the in-flight cap. */
    public static final String REFUSED = "refused: in-flight cap";
    /** Cause of a due transaction that was never sent. */
    public static final String NOT_SENT = "not sent";
    private static final int MAX_CAUSES = 64;

    private final ShardedRecorder shards;
    private final NanoClock clock;
    private final LongAdder ended = new LongAdder();
    private final LongAdder lateCompletions = new LongAdder();
    private final ConcurrentHashMap<String, LongAdder> causes = new ConcurrentHashMap<>();

    /**
     * @param types number of transaction types
     * @param highestTrackableNanos histogram range, ns
     * @param clock the run's clock
     */
    public TxRecorder(int types, long highestTrackableNanos, NanoClock clock) {
        this(types, highestTrackableNanos, clock, true);
    }

    /**
     * @param types number of transaction types
     * @param highestTrackableNanos histogram range, ns
     * @param clock the run's clock
     * @param countEnded whether to keep {@link #ended()} current (the open model's in-flight cap needs
     *     it; the closed model knows its in-flight transactions and saves the atomic per transaction)
     */
    public TxRecorder(int types, long highestTrackableNanos, NanoClock clock, boolean countEnded) {
        this.shards = new ShardedRecorder(types, highestTrackableNanos);
        this.clock = clock;
        this.countEnded = countEnded;
    }

    private final boolean countEnded;

    NanoClock clock() {
        return clock;
    }

    /** @return the calling thread's shard */
    Shard shard() {
        return shards.shard();
    }

    /** @return transactions ended so far (any outcome, warm-up included); 0 when not counted */
    public long ended() {
        return ended.sum();
    }

    void endedOne() {
        if (countEnded) {
            ended.increment();
        }
    }

    void lateCompletion() {
        lateCompletions.increment();
    }

    /** @return completions that arrived after their transaction had timed out */
    public long lateCompletions() {
        return lateCompletions.sum();
    }

    /** Counts an error cause of the measured window. */
    void cause(String key, long n) {
        LongAdder adder = causes.get(key);
        if (adder == null) {
            adder = causes.computeIfAbsent(causes.size() >= MAX_CAUSES ? "other" : key, k -> new LongAdder());
        }
        adder.add(n);
    }

    /** Counts the cause of a failure: the exception's class, unwrapped from CompletionException. */
    void cause(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        cause(c.getClass().getName(), 1);
    }

    /** @return error counts by cause, measured window only, sorted by cause */
    public Map<String, Long> causes() {
        Map<String, Long> map = new TreeMap<>();
        causes.forEach((k, v) -> map.put(k, v.sum()));
        return map;
    }

    /** Records the lag of a send. */
    void sent(long lagNanos, boolean late, boolean behindSubmit) {
        Shard s = shard();
        long token = s.enter();
        try {
            s.active().send(lagNanos, late, behindSubmit);
        } finally {
            s.exit(token);
        }
    }

    /** Counts {@code n} sends refused by the in-flight cap (their latency comes later, {@link #lowerBound}). */
    void refused(int type, boolean measured, long n) {
        Shard s = shard();
        long token = s.enter();
        try {
            s.active().count(type, measured, OutcomeKind.REFUSED, n);
        } finally {
            s.exit(token);
        }
        if (measured) {
            cause(REFUSED, n);
        }
        ended.add(n);
    }

    /** Records the latency lower bound of a refused or not-sent transaction counted before. */
    void lowerBound(int type, boolean measured, long latencyNanos, long n) {
        Shard s = shard();
        long token = s.enter();
        try {
            s.active().lowerBound(type, measured, latencyNanos, n);
        } finally {
            s.exit(token);
        }
    }

    /**
     * Adds everything recorded since the last harvest to {@code target}. One reader at a time.
     *
     * @param target the aggregate
     */
    public void harvestInto(Tally target) {
        shards.harvestInto(target);
    }

    /** @return a new aggregate tally */
    public Tally newAggregate() {
        return shards.newAggregate();
    }

    /** @return how many shards exist (tests of the memory bound) */
    public int shardCount() {
        return shards.shardCount();
    }
}
