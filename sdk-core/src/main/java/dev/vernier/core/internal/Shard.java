package dev.vernier.core.internal;

import dev.vernier.api.TxOutcome;
import org.HdrHistogram.WriterReaderPhaser;

/**
 * The recording state of one thread: two {@link Bucket}s swapped by a {@link WriterReaderPhaser},
 * as HdrHistogram's {@code SingleWriterRecorder} does for one histogram, but for the whole set of
 * histograms and counters of a transaction at once: one phaser entry per transaction, no lock, no
 * allocation, no contention with other recording threads.
 *
 * <p>Recording methods must be called by the owning thread only (a {@link Shared} shard may be
 * called by any thread); {@link #harvestInto} by the single reader.
 */
public class Shard {

    private final WriterReaderPhaser phaser = new WriterReaderPhaser();
    private final long lagThresholdNanos;
    private volatile Bucket active;
    private Bucket inactive;
    /** The thread that records here; a shard whose owner has ended can be handed to a new thread. */
    volatile Thread owner;

    Shard(int types, long highestTrackableNanos, long lagThresholdNanos) {
        this.active = new Bucket(types, highestTrackableNanos, true);
        this.inactive = new Bucket(types, highestTrackableNanos, true);
        this.lagThresholdNanos = lagThresholdNanos;
    }

    /**
     * Records a committed transaction. Stage timestamps may be {@link TxOutcome#ABSENT}.
     *
     * @param type type index
     * @param intended intended start, ns
     * @param submitted when submit was called, ns
     * @param agreed when consensus agreed, ns or ABSENT
     * @param applied when applied, ns or ABSENT
     * @param completed when the outcome arrived, ns
     */
    public void recordCommitted(int type, long intended, long submitted, long agreed, long applied, long completed) {
        long enter = phaser.writerCriticalSectionEnter();
        try {
            Bucket b = active;
            long total = b.clamp(completed - intended);
            b.latency.recordValue(total);
            if (b.perType.length != 0) {
                b.perType[type].recordValue(total);
            }
            b.stages[Bucket.QUEUE].recordValue(b.clamp(submitted - intended));
            long last = submitted;
            if (agreed != TxOutcome.ABSENT) {
                b.stages[Bucket.CONSENSUS].recordValue(b.clamp(agreed - submitted));
                last = agreed;
            }
            if (applied != TxOutcome.ABSENT) {
                b.stages[Bucket.APPLY].recordValue(b.clamp(applied - last));
                last = applied;
            }
            if (last != submitted) {
                b.stages[Bucket.RESPONSE].recordValue(b.clamp(completed - last));
            }
            b.counts[type * OutcomeKind.COUNT]++;
        } finally {
            phaser.writerCriticalSectionExit(enter);
        }
    }

    /**
     * Counts a transaction that did not commit.
     *
     * @param type type index
     * @param kind any kind but COMMITTED
     */
    public void recordOutcome(int type, OutcomeKind kind) {
        long enter = phaser.writerCriticalSectionEnter();
        try {
            active.counts[type * OutcomeKind.COUNT + kind.ordinal()]++;
        } finally {
            phaser.writerCriticalSectionExit(enter);
        }
    }

    /**
     * Records the scheduling lag of one send (open model).
     *
     * @param lagNanos actual minus intended start, ns
     */
    public void recordLag(long lagNanos) {
        long enter = phaser.writerCriticalSectionEnter();
        try {
            Bucket b = active;
            b.lag.recordValue(b.clamp(lagNanos));
            if (lagNanos > lagThresholdNanos) {
                b.lateSends++;
            }
        } finally {
            phaser.writerCriticalSectionExit(enter);
        }
    }

    /**
     * Records a send refused by the in-flight cap: its lag joins the lag distribution, and it counts
     * once, as refused, never also as late.
     *
     * @param type type index
     * @param lagNanos actual minus intended start, ns
     */
    public void recordRefused(int type, long lagNanos) {
        long enter = phaser.writerCriticalSectionEnter();
        try {
            Bucket b = active;
            b.lag.recordValue(b.clamp(lagNanos));
            b.counts[type * OutcomeKind.COUNT + OutcomeKind.REFUSED.ordinal()]++;
        } finally {
            phaser.writerCriticalSectionExit(enter);
        }
    }

    /**
     * Moves everything recorded since the last harvest into {@code target}. Reader only.
     *
     * @param target the aggregate to add to
     */
    void harvestInto(Bucket target) {
        phaser.readerLock();
        try {
            Bucket drained = active;
            active = inactive;
            inactive = drained;
            phaser.flipPhase();
            target.add(drained);
            drained.reset();
        } finally {
            phaser.readerUnlock();
        }
    }

    /**
     * A shard shared by every thread beyond the recorder's cap: the same recording, under a lock.
     * Slower, but memory stays bounded whatever threads the system under test completes on.
     */
    static final class Shared extends Shard {
        Shared(int types, long highestTrackableNanos, long lagThresholdNanos) {
            super(types, highestTrackableNanos, lagThresholdNanos);
        }

        @Override
        public synchronized void recordCommitted(int type, long intended, long submitted, long agreed, long applied,
                                                 long completed) {
            super.recordCommitted(type, intended, submitted, agreed, applied, completed);
        }

        @Override
        public synchronized void recordOutcome(int type, OutcomeKind kind) {
            super.recordOutcome(type, kind);
        }

        @Override
        public synchronized void recordLag(long lagNanos) {
            super.recordLag(lagNanos);
        }

        @Override
        public synchronized void recordRefused(int type, long lagNanos) {
            super.recordRefused(type, lagNanos);
        }
    }
}
