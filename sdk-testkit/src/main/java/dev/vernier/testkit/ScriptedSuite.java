package dev.vernier.testkit;

import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.Transaction;
import dev.vernier.api.TxOutcome;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * A system under test scripted on a {@link ManualClock}: for each transaction a {@link Script}
 * says what happens (commit, reject or fail after a delay, throw from submit, never complete,
 * block inside submit until a time or for ever). Completions happen on the thread that moves the
 * clock, at exactly the scripted time, so a whole run is deterministic and takes no wall time. It
 * also keeps its own log of what it was asked and what it answered, to check Vernier's figures
 * against.
 *
 * <p>Thread-safe.
 */
public final class ScriptedSuite implements ProtocolSuite {

    /** What happens to one transaction. */
    public sealed interface Script {
        /** Commits {@code afterNanos} after submit. */
        record Commit(long afterNanos) implements Script {
        }

        /** Completes with a rejection {@code afterNanos} after submit. */
        record Reject(long afterNanos, String reason) implements Script {
        }

        /** Completes exceptionally {@code afterNanos} after submit. */
        record Fail(long afterNanos) implements Script {
        }

        /** Submit throws. */
        record Throw() implements Script {
        }

        /** The stage never completes. */
        record Never() implements Script {
        }

        /** Submit blocks until the clock reads {@code untilNanos}, then commits at once. */
        record BlockUntil(long untilNanos) implements Script {
        }

        /** Submit blocks until interrupted (then throws). */
        record BlockForever() implements Script {
        }
    }

    private final String name;
    private final ManualClock clock;
    private final BiFunction<Transaction, Long, Script> script;
    private final AtomicLong submitted = new AtomicLong();
    private final AtomicLong committed = new AtomicLong();
    /** The suite's own log: intended start of each committed transaction to its completion time. */
    private final Map<Long, long[]> log = new ConcurrentHashMap<>();
    private final CountDownLatch never = new CountDownLatch(1);

    /**
     * @param name the suite's name
     * @param clock the clock completions are scheduled on
     * @param script for a transaction and the time of its submit, what happens to it
     */
    public ScriptedSuite(String name, ManualClock clock, BiFunction<Transaction, Long, Script> script) {
        this.name = name;
        this.clock = clock;
        this.script = script;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public CompletionStage<TxOutcome> submit(Transaction tx) {
        long now = clock.nanoTime();
        submitted.incrementAndGet();
        Script s = script.apply(tx, now);
        if (s instanceof Script.Commit c) {
            return later(now + c.afterNanos(), tx, TxOutcome.committed(), null);
        } else if (s instanceof Script.Reject r) {
            return later(now + r.afterNanos(), tx, TxOutcome.rejected(r.reason()), null);
        } else if (s instanceof Script.Fail f) {
            return later(now + f.afterNanos(), tx, null, new IllegalStateException("scripted failure"));
        } else if (s instanceof Script.Throw) {
            throw new IllegalStateException("scripted submit error");
        } else if (s instanceof Script.Never) {
            return new CompletableFuture<>();
        } else if (s instanceof Script.BlockUntil b) {
            try {
                clock.sleepUntil(b.untilNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while blocked in submit", e);
            }
            return later(clock.nanoTime(), tx, TxOutcome.committed(), null);
        } else {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IllegalStateException("submit blocked until interrupted");
        }
    }

    private CompletionStage<TxOutcome> later(long at, Transaction tx, TxOutcome outcome, Throwable error) {
        CompletableFuture<TxOutcome> f = new CompletableFuture<>();
        Runnable complete = () -> {
            if (outcome != null && outcome.isCommitted()) {
                committed.incrementAndGet();
                log.put(tx.id(), new long[] {tx.intendedStartNanos(), clock.nanoTime()});
            }
            if (error != null) {
                f.completeExceptionally(error);
            } else {
                f.complete(outcome);
            }
        };
        clock.schedule(at, complete);
        return f;
    }

    /** @return how many times submit was called */
    public long submitted() {
        return submitted.get();
    }

    /** @return how many transactions it committed */
    public long committed() {
        return committed.get();
    }

    /** @return by transaction id, {intended start, completion} of each committed transaction, ns */
    public Map<Long, long[]> log() {
        return Map.copyOf(log);
    }
}
