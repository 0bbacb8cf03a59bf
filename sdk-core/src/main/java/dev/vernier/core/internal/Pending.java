package dev.vernier.core.internal;

import dev.vernier.api.TxOutcome;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;

/**
 * One transaction in flight: the completion callback registered on the suite's stage, and a node of
 * the generator's in-flight list. Exactly one of completion, timeout or submit error wins (CAS), so
 * a late completion is never counted twice.
 *
 * <p>Thread-safe.
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

    private final LoadRun run;
    final int type;
    final long intended;
    final long submitted;
    volatile Pending next;
    volatile Thread waiter;
    /** When the outcome arrived (ns), set before the state is published; {@link Long#MIN_VALUE} before. */
    volatile long completedAt = Long.MIN_VALUE;
    @SuppressWarnings("unused")
    private volatile int state;

    Pending(LoadRun run, int type, long intended, long submitted) {
        this.run = run;
        this.type = type;
        this.intended = intended;
        this.submitted = submitted;
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
        if (!claim()) {
            run.lateCompletion();
            return;
        }
        Shard shard = run.recorder().shard();
        long now = run.clock().nanoTime();
        completedAt = now;
        if (error != null) {
            shard.recordOutcome(type, OutcomeKind.FAILED);
            run.countCause(unwrap(error));
        } else if (outcome == null) {
            shard.recordOutcome(type, OutcomeKind.FAILED);
            run.countCause("null outcome");
        } else if (outcome.isCommitted()) {
            shard.recordCommitted(type, intended, submitted, outcome.agreedNanos(), outcome.appliedNanos(), now);
        } else {
            shard.recordOutcome(type, OutcomeKind.REJECTED);
            run.countCause("rejected: " + outcome.rejection());
        }
        run.completed();
        Thread w = waiter;
        if (w != null && w != Thread.currentThread()) {
            LockSupport.unpark(w);
        }
    }

    /** Marks a submit that threw. */
    void submitFailed(Throwable error) {
        if (claim()) {
            run.recorder().shard().recordOutcome(type, OutcomeKind.SUBMIT_ERROR);
            run.countCause(unwrap(error));
            run.completed();
        }
    }

    /** @return true when this call timed the transaction out (it was still open) */
    boolean timeOut() {
        if (claim()) {
            run.recorder().shard().recordOutcome(type, OutcomeKind.TIMED_OUT);
            run.completed();
            return true;
        }
        return false;
    }

    private static Object unwrap(Throwable t) {
        Throwable c = t;
        while (c instanceof CompletionException && c.getCause() != null) {
            c = c.getCause();
        }
        return c.getClass();
    }
}
