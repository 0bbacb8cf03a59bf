package dev.vernier.core.internal.engine;

import java.util.concurrent.locks.ReentrantLock;
import org.HdrHistogram.WriterReaderPhaser;

/**
 * The recording state of one thread: two {@link Tally}s swapped by a {@link WriterReaderPhaser},
 * as HdrHistogram's {@code SingleWriterRecorder} does for one histogram, but for the whole set of
 * histograms and counters of a transaction at once: one phaser entry per transaction, no lock, no
 * allocation, no contention with other recording threads.
 *
 * <p>Writers bracket their writes with {@link #enter()} and {@link #exit(long)} and write to
 * {@link #active()} in between; only the owning thread may write (a {@link Shared} shard may be
 * written by any thread). {@link #harvestInto} is for the single reader.
 */
public class Shard {

    private final WriterReaderPhaser phaser = new WriterReaderPhaser();
    private volatile Tally active;
    private Tally inactive;
    /** The thread that records here; a shard whose owner has ended can be handed to a new thread. */
    volatile Thread owner;

    Shard(int types, long highestTrackableNanos) {
        this.active = new Tally(types, highestTrackableNanos, true);
        this.inactive = new Tally(types, highestTrackableNanos, true);
    }

    /** @return the token for {@link #exit(long)}; writes in between go to {@link #active()} */
    long enter() {
        return phaser.writerCriticalSectionEnter();
    }

    /** @param token what {@link #enter()} returned */
    void exit(long token) {
        phaser.writerCriticalSectionExit(token);
    }

    /** @return the tally to write to; only between {@link #enter()} and {@link #exit(long)} */
    Tally active() {
        return active;
    }

    /**
     * Records one committed transaction (the hot path; stage timestamps may be {@code TxOutcome.ABSENT}).
     *
     * @param type type index
     * @param measured false for a warm-up transaction
     * @param intended intended start, ns
     * @param submitted when submit was called, ns
     * @param agreed when consensus agreed, ns or ABSENT
     * @param applied when applied, ns or ABSENT
     * @param completed when the outcome arrived, ns
     */
    public void recordCommitted(int type, boolean measured, long intended, long submitted, long agreed, long applied,
                                long completed) {
        long token = enter();
        try {
            active.commit(type, measured, intended, submitted, agreed, applied, completed);
        } finally {
            exit(token);
        }
    }

    /**
     * Moves everything recorded since the last harvest into {@code target}. Reader only.
     *
     * @param target the aggregate to add to
     */
    void harvestInto(Tally target) {
        phaser.readerLock();
        try {
            Tally drained = active;
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
        private final ReentrantLock lock = new ReentrantLock();

        Shared(int types, long highestTrackableNanos) {
            super(types, highestTrackableNanos);
        }

        @Override
        long enter() {
            lock.lock();
            return super.enter();
        }

        @Override
        void exit(long token) {
            super.exit(token);
            lock.unlock();
        }
    }
}
