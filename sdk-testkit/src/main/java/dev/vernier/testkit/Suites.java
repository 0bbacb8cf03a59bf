package dev.vernier.testkit;

import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.Transaction;
import dev.vernier.api.TxOutcome;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/** Scripted suites for engine tests. */
public final class Suites {
    private Suites() {
    }

    /** Completes every transaction at once (an already completed future). */
    public static ProtocolSuite instant() {
        CompletableFuture<TxOutcome> done = CompletableFuture.completedFuture(TxOutcome.committed());
        return named("instant", tx -> done);
    }

    /** Records every transaction it is given; completes at once. */
    public static final class Capturing implements ProtocolSuite {
        public final List<Transaction> seen = Collections.synchronizedList(new ArrayList<>());
        private final CompletableFuture<TxOutcome> done = CompletableFuture.completedFuture(TxOutcome.committed());

        @Override
        public String name() {
            return "capturing";
        }

        @Override
        public CompletionStage<TxOutcome> submit(Transaction transaction) {
            seen.add(transaction);
            return done;
        }
    }

    /** Throws from submit. */
    public static ProtocolSuite throwing() {
        return named("throwing", tx -> {
            throw new IllegalStateException("boom");
        });
    }

    /** Returns futures that fail. */
    public static ProtocolSuite failing() {
        return named("failing", tx -> CompletableFuture.failedFuture(new java.io.IOException("disk on fire")));
    }

    /** Returns futures that never complete. */
    public static ProtocolSuite hanging() {
        return named("hanging", tx -> new CompletableFuture<>());
    }

    /** Rejects every other transaction. */
    public static ProtocolSuite rejectingHalf() {
        AtomicInteger n = new AtomicInteger();
        CompletableFuture<TxOutcome> ok = CompletableFuture.completedFuture(TxOutcome.committed());
        CompletableFuture<TxOutcome> no = CompletableFuture.completedFuture(TxOutcome.rejected("not leader"));
        return named("half", tx -> n.incrementAndGet() % 2 == 0 ? ok : no);
    }

    /**
     * One worker thread serving transactions in order in {@code serviceNanos} each, which stalls for
     * {@code stallNanos} once every {@code everyNanos}.
     */
    public static final class Stalling implements ProtocolSuite {
        private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "stalling-worker");
            t.setDaemon(true);
            return t;
        });
        private final long stallNanos;
        private final long everyNanos;
        private long lastStall = System.nanoTime();

        public Stalling(long stallNanos, long everyNanos) {
            this.stallNanos = stallNanos;
            this.everyNanos = everyNanos;
        }

        @Override
        public String name() {
            return "stalling";
        }

        @Override
        public CompletionStage<TxOutcome> submit(Transaction transaction) {
            CompletableFuture<TxOutcome> f = new CompletableFuture<>();
            worker.execute(() -> {
                long now = System.nanoTime();
                if (now - lastStall >= everyNanos) {
                    long until = now + stallNanos;
                    while (System.nanoTime() < until) {
                        LockSupport.parkNanos(until - System.nanoTime());
                    }
                    lastStall = System.nanoTime();
                }
                f.complete(TxOutcome.committed());
            });
            return f;
        }

        @Override
        public void teardown() throws InterruptedException {
            worker.shutdownNow();
            worker.awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static ProtocolSuite named(String name, java.util.function.Function<Transaction, CompletionStage<TxOutcome>> f) {
        return new ProtocolSuite() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public CompletionStage<TxOutcome> submit(Transaction transaction) {
                return f.apply(transaction);
            }
        };
    }
}
