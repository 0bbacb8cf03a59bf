package dev.vernier.examples.cluster;

import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.Transaction;
import dev.vernier.api.TxType;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** Test helper: drives a suite with a fixed number of outstanding requests and measures it. */
public final class ClosedLoop {

    /** What a run measured. */
    public record Result(long committed, long rejected, double seconds, long medianLatencyNanos) {
        public double throughput() {
            return committed / seconds;
        }
    }

    private static final TxType PUT = new TxType("put", 1, 100);
    private static final byte[] PAYLOAD = new byte[100];
    private static final AtomicLong IDS = new AtomicLong();

    private ClosedLoop() {
    }

    /** @return a 100-byte put transaction with a fresh id */
    public static Transaction tx() {
        return new Transaction(IDS.incrementAndGet(), 0, PUT, PAYLOAD, System.nanoTime());
    }

    /**
     * Keeps {@code outstanding} requests in flight for {@code duration}, then waits for the rest.
     */
    public static Result run(ProtocolSuite suite, int outstanding, Duration duration) throws InterruptedException {
        Semaphore permits = new Semaphore(outstanding);
        AtomicLong committed = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        while (System.nanoTime() < end) {
            if (!permits.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                continue;
            }
            long t0 = System.nanoTime();
            suite.submit(tx()).whenComplete((outcome, error) -> {
                if (error == null && outcome.isCommitted()) {
                    if (System.nanoTime() <= end) {
                        committed.incrementAndGet();
                    }
                    latencies.add(System.nanoTime() - t0);
                } else {
                    rejected.incrementAndGet();
                }
                permits.release();
            });
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        permits.tryAcquire(outstanding, 10, TimeUnit.SECONDS);
        long[] sorted = latencies.stream().mapToLong(Long::longValue).sorted().toArray();
        long median = sorted.length == 0 ? Long.MAX_VALUE : sorted[sorted.length / 2];
        return new Result(committed.get(), rejected.get(), seconds, median);
    }

    /**
     * Submits one transaction at a time until one commits (a new leader may first reject some).
     *
     * @return true when one committed before the deadline
     */
    public static boolean commitsWithin(ProtocolSuite suite, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (suite.submit(tx()).toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS).isCommitted()) {
                    return true;
                }
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                // try again
            }
            Thread.sleep(10);
        }
        return false;
    }
}
