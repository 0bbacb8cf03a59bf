package dev.vernier.examples.cluster;

import dev.vernier.api.internal.Check;
import dev.vernier.core.recording.OperationRecorder;
import dev.vernier.api.TxOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The client side of an example suite: outstanding requests by id, completed on one client thread
 * owned by this table (never on a node's event loop, so callbacks attached by callers cannot stall a
 * node), and failed with a rejection after a timeout when the cluster loses them (crash, partition).
 *
 * <p>Thread-safe. {@link #close()} fails every outstanding request and stops the client thread.
 */
public final class ClientTable implements AutoCloseable {

    private record Outstanding(CompletableFuture<TxOutcome> future, long registeredNanos) {
    }

    private final Map<Long, Outstanding> outstanding = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final ScheduledThreadPoolExecutor client;
    private final long timeoutNanos;
    /** Where served requests are recorded, or null. */
    private final OperationRecorder.Timer served;

    /** The operation type a recorder sees: every request the cluster serves. */
    public static final String RECORDED_TYPE = "request";

    /**
     * @param name protocol name, used in the thread name
     * @param timeout how long a request may stay outstanding before it is rejected, positive
     * @throws IllegalArgumentException naming the field and value when invalid
     */
    public ClientTable(String name, Duration timeout) {
        this(name, timeout, null);
    }

    /**
     * @param name protocol name, used in the thread name
     * @param timeout how long a request may stay outstanding before it is rejected, positive
     * @param recorder records each request as it ends (committed: from registration to the answer;
     *     rejected or timed out: a failure), or null
     * @throws IllegalArgumentException naming the field and value when invalid
     */
    public ClientTable(String name, Duration timeout, OperationRecorder recorder) {
        Check.notBlank("name", name);
        this.served = recorder == null ? null : recorder.timer(RECORDED_TYPE);
        this.timeoutNanos = Check.positive("requestTimeout", timeout).toNanos();
        this.client = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "vernier-" + name + "-client");
            t.setDaemon(true);
            return t;
        });
        client.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        long sweep = Math.max(1_000_000L, Math.min(100_000_000L, timeoutNanos / 4));
        client.scheduleWithFixedDelay(this::expire, sweep, sweep, TimeUnit.NANOSECONDS);
    }

    /**
     * @param future completed when the request finishes
     * @return a new request id, positive and unique for this table
     */
    public long register(CompletableFuture<TxOutcome> future) {
        long id = ids.incrementAndGet();
        outstanding.put(id, new Outstanding(future, System.nanoTime()));
        return id;
    }

    /** Completes the requests as committed with these stage timestamps (asynchronously). */
    public void committed(List<Long> requestIds, long agreedNanos, long appliedNanos) {
        async(() -> {
            TxOutcome outcome = null;
            for (Long id : requestIds) {
                Outstanding o = outstanding.remove(id);
                if (o != null) {
                    if (outcome == null) {
                        outcome = TxOutcome.committed(agreedNanos, appliedNanos);
                    }
                    if (served != null) {
                        served.record(o.registeredNanos, System.nanoTime());
                    }
                    o.future.complete(outcome);
                }
            }
        });
    }

    /** Completes the requests as rejected (asynchronously). */
    public void rejected(List<Long> requestIds, String reason) {
        async(() -> {
            TxOutcome outcome = TxOutcome.rejected(reason);
            for (Long id : requestIds) {
                Outstanding o = outstanding.remove(id);
                if (o != null) {
                    if (served != null) {
                        served.recordFailure(o.registeredNanos, System.nanoTime());
                    }
                    o.future.complete(outcome);
                }
            }
        });
    }

    /** @return true when the request is still outstanding */
    public boolean isOutstanding(long requestId) {
        return outstanding.containsKey(requestId);
    }

    /** @return the number of outstanding requests */
    public int outstanding() {
        return outstanding.size();
    }

    /** Rejects every outstanding request with {@code reason} (asynchronously). */
    public void rejectAll(String reason) {
        rejected(new ArrayList<>(outstanding.keySet()), reason);
    }

    private void async(Runnable task) {
        try {
            client.execute(task);
        } catch (RejectedExecutionException closed) {
            task.run();
        }
    }

    private void expire() {
        long now = System.nanoTime();
        TxOutcome outcome = null;
        for (Map.Entry<Long, Outstanding> e : outstanding.entrySet()) {
            if (now - e.getValue().registeredNanos > timeoutNanos && outstanding.remove(e.getKey(), e.getValue())) {
                if (outcome == null) {
                    outcome = TxOutcome.rejected("timed out after " + timeoutNanos / 1_000_000 + " ms");
                }
                if (served != null) {
                    served.recordFailure(e.getValue().registeredNanos, now);
                }
                e.getValue().future.complete(outcome);
            }
        }
    }

    @Override
    public void close() {
        client.shutdownNow();
        try {
            client.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        TxOutcome outcome = TxOutcome.rejected("suite closed");
        outstanding.values().forEach(o -> o.future.complete(outcome));
        outstanding.clear();
    }
}
