package dev.vernier.core.internal.engine;

import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.Transaction;
import dev.vernier.api.TxOutcome;
import dev.vernier.api.TxType;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * The threads that send: the open generator ({@link OpenGenerator}) or the closed clients
 * ({@link ClosedClients}). This base holds what both need: the suite, the transaction types and
 * their payloads, and the one way a transaction is submitted and its callback registered.
 */
abstract class LoadGenerator {

    /** How long {@link #join} waits for the threads after interrupting them. */
    static final long JOIN_GRACE_NANOS = 200_000_000L;
    private static final int MAX_JOIN_WAITS = 1_000;

    final LoadPlan plan;
    final LoadContext context;
    final TxRecorder recorder;
    final ProtocolSuite suite;
    private final TxType[] types;
    private final byte[][] payloads;
    /** Start of the load, of the measured window, and its end (lowered by {@link #endWindow}), ns. */
    final long start;
    final long measuredStart;
    volatile long end;
    volatile boolean stopping;

    LoadGenerator(LoadPlan plan, LoadContext context, TxRecorder recorder, long start) {
        this.plan = plan;
        this.context = context;
        this.recorder = recorder;
        this.suite = context.suite();
        this.start = start;
        this.measuredStart = start + plan.warmupNanos();
        this.end = start + plan.plannedEndOffsetNanos();
        List<TxType> list = plan.mix().types();
        this.types = list.toArray(new TxType[0]);
        this.payloads = new byte[types.length][];
        SplittableRandom random = new SplittableRandom(plan.seed() ^ 0x5DEECE66DL);
        for (int i = 0; i < types.length; i++) {
            payloads[i] = new byte[types[i].payloadBytes()];
            for (int j = 0; j < payloads[i].length; j++) {
                payloads[i][j] = (byte) random.nextInt(256);
            }
        }
    }

    /** Starts the threads. */
    abstract void start();

    /**
     * Ends the window at {@code endNanos}: sends intended from then on are not made; those due
     * before it are still made (late, their latency counting from their intended start) until
     * {@link #halt()}.
     *
     * @param endNanos end of the measured window
     */
    void endWindow(long endNanos) {
        if (endNanos - end < 0) {
            end = endNanos;
        }
    }

    /** Stops sending at once: what is due and not sent by now is never sent. */
    void halt() {
        stopping = true;
    }

    /** @return true when every sender has made every send due before the window's end */
    abstract boolean doneSending();

    /** Interrupts the threads and waits briefly; returns the names of those stuck in the suite. */
    abstract List<String> join();

    /** Times out transactions open for longer than the timeout (all when {@code all}); returns how many. */
    abstract long reap(long now, boolean all);

    /** @return transactions in flight now */
    abstract long inFlight();

    /** @return transactions the measured window asked for (dispatched, refused and not sent) */
    abstract long scheduled();

    int pickType(SplittableRandom random) {
        return types.length == 1 ? 0 : plan.mix().pick(random.nextDouble());
    }

    Transaction newTransaction(long id, int type, long intended) {
        return new Transaction(id, type, types[type], payloads[type], intended);
    }

    /**
     * Submits and registers the callback; records at once a stage that is already complete, and a
     * submit that throws or returns null.
     *
     * @return true when {@code p} escaped to a callback of the suite's stage (it must not be reused)
     */
    final boolean submit(Transaction tx, Pending p) {
        CompletionStage<TxOutcome> stage;
        try {
            stage = suite.submit(tx);
        } catch (Throwable t) {
            p.submitFailed(t);
            return false;
        }
        if (stage == null) {
            p.submitFailed(new NullPointerException("submit returned null"));
            return false;
        }
        if (stage.getClass() == CompletableFuture.class) {
            // (exactly CompletableFuture: its minimal-stage subclass refuses isDone and getNow)
            CompletableFuture<TxOutcome> done = (CompletableFuture<TxOutcome>) stage;
            if (done.isDone()) {
                // already complete (an in-memory system, a cache hit): record here, no callback
                TxOutcome outcome;
                try {
                    outcome = done.getNow(null);
                } catch (CancellationException | CompletionException e) {
                    p.complete(null, e, context.clock().nanoTime());
                    return false;
                }
                p.complete(outcome, null, context.clock().nanoTime());
                return false;
            }
        }
        try {
            stage.whenComplete(p);
        } catch (Throwable t) {
            // a stage that cannot take a callback must not end the sending thread
            p.submitFailed(t);
        }
        return true;
    }

    /** Interrupts {@code threads} and waits up to the grace for them on the clock; returns the stuck ones. */
    final List<String> joinAll(List<Thread> threads) {
        for (Thread t : threads) {
            t.interrupt();
        }
        boolean interrupted = Thread.interrupted();
        long deadline = context.clock().nanoTime() + JOIN_GRACE_NANOS;
        int waits = 0;
        for (Thread t : threads) {
            // bounded in waits too: a clock that does not move must not hang the run here
            while (t.isAlive() && context.clock().nanoTime() - deadline < 0 && waits++ < MAX_JOIN_WAITS) {
                context.clock().parkUntil(Math.min(deadline, context.clock().nanoTime() + 1_000_000L));
                interrupted |= Thread.interrupted();
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return threads.stream().filter(Thread::isAlive).map(Thread::getName).toList();
    }
}
