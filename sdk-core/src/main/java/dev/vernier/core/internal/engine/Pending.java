package dev.vernier.core.internal.engine;

import dev.vernier.api.TxOutcome;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.BiConsumer;

/**
 * One transaction in flight: the completion callback registered on the suite's stage, and a node of
 * the open generator's {@link InFlight} list. Exactly one of completion, timeout or submit error
 * wins (a CAS made inside the recording shard's critical section, so a harvest that follows a
 * timeout sweep sees every claimed outcome), and a late completion is never counted twice.
 *
 * <p>It holds the {@link TxRecorder} it records into, not the run. Thread-safe.
 */
final class Pending implements BiConsumer<TxOutcome, Throwable> {

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Pending.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final int OPEN = 0;
    private static final int DONE = 1;

    private final TxRecorder recorder;
    int type;
    boolean measured;
    long intended;
    long submitted;
    /** Next node of the in-flight list. */
    volatile Pending next;
    /**
     * A closed client parked for this transaction, woken on completion. Set only before parking and
     * followed by a re-check of {@link #isDone()} (volatile write, then volatile read; the completer
     * does the CAS, then reads this), so a wake-up is never lost and the fast path pays no fence.
     */
    volatile Thread waiter;
    /**
     * When the outcome arrived (ns), {@link Long#MIN_VALUE} before; written before the claim's CAS,
     * which publishes it to a thread that then sees {@link #isDone()}.
     */
    long completedAt = Long.MIN_VALUE;
    @SuppressWarnings("unused")
    private volatile int state;

    Pending(TxRecorder recorder) {
        this.recorder = recorder;
    }

    /** Makes this node describe a new transaction (only for a node that never escaped to a suite callback). */
    Pending reuse(int type, boolean measured, long intended, long submitted) {
        this.type = type;
        this.measured = measured;
        this.intended = intended;
        this.submitted = submitted;
        this.completedAt = Long.MIN_VALUE;
        this.waiter = null;
        STATE.setRelease(this, OPEN);
        return this;
    }

    /** Marks a list sentinel as done without counting anything. */
    void markSentinel() {
        state = DONE;
    }

    boolean isDone() {
        return state != OPEN;
    }

    private boolean claim() {
        return STATE.compareAndSet(this, OPEN, DONE);
    }

    @Override
    public void accept(TxOutcome outcome, Throwable error) {
        complete(outcome, error, recorder.clock().nanoTime());
        Thread w = waiter;
        if (w != null) {
            recorder.clock().unpark(w);
        }
    }

    /** Claims the transaction and records its outcome at {@code now}; counts a late completion otherwise. */
    void complete(TxOutcome outcome, Throwable error, long now) {
        TxRecorder r = recorder;
        Shard shard = r.shard();
        long token = shard.enter();
        try {
            completedAt = now; // before the claim: a waiting client that sees it done reads its time
            if (!claim()) {
                r.lateCompletion();
                return;
            }
            Tally t = shard.active();
            if (error == null && outcome != null && outcome.isCommitted()) {
                t.commit(type, measured, intended, submitted, outcome.agreedNanos(), outcome.appliedNanos(), now);
            } else if (error == null && outcome != null) {
                t.end(type, measured, OutcomeKind.REJECTED, now - intended, false);
                if (measured) {
                    r.cause("rejected: " + outcome.rejection(), 1);
                }
            } else {
                t.end(type, measured, OutcomeKind.FAILED, now - intended, false);
                if (measured) {
                    if (error != null) {
                        r.cause(error);
                    } else {
                        r.cause("null outcome", 1);
                    }
                }
            }
        } finally {
            shard.exit(token);
        }
        r.endedOne();
    }

    /** Marks a submit that threw (or returned null). */
    void submitFailed(Throwable error) {
        TxRecorder r = recorder;
        long now = r.clock().nanoTime();
        Shard shard = r.shard();
        long token = shard.enter();
        try {
            completedAt = now;
            if (!claim()) {
                return;
            }
            shard.active().end(type, measured, OutcomeKind.SUBMIT_ERROR, now - intended, false);
        } finally {
            shard.exit(token);
        }
        if (measured) {
            r.cause(error);
        }
        r.endedOne();
    }

    /**
     * Gives the transaction up at {@code now} if it is still open: timed out, latency at least
     * {@code now - intended}.
     *
     * @return true when this call timed it out
     */
    boolean timeOut(long now) {
        TxRecorder r = recorder;
        Shard shard = r.shard();
        long token = shard.enter();
        try {
            if (!claim()) {
                return false;
            }
            shard.active().end(type, measured, OutcomeKind.TIMED_OUT, now - intended, true);
        } finally {
            shard.exit(token);
        }
        if (measured) {
            r.cause(TxRecorder.TIMED_OUT, 1);
        }
        r.endedOne();
        return true;
    }
}
