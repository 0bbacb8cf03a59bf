package dev.vernier.examples.ratis;

import dev.vernier.api.Check;
import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.Transaction;
import dev.vernier.api.TxType;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A minimal closed-loop driver that keeps a fixed number of transactions outstanding against a
 * {@link ProtocolSuite} for a while and reports throughput and latency percentiles.
 *
 * <p>It stands in for Vernier's load engine (sdk-core) until that is available, so the example and
 * the tests can measure the suite directly. Not a replacement for the engine: no warm-up, no
 * coordinated-omission correction, latencies kept in a bounded array (the first
 * {@value #MAX_SAMPLES} samples). Each {@link #run} call is self-contained; one instance may be
 * used by one thread at a time.
 */
final class ClosedLoopDriver {

    static final int MAX_SAMPLES = 1 << 20;

    private final ProtocolSuite suite;
    private final int outstanding;
    private final TxType type;
    private final byte[] payload;
    private long nextId;

    /**
     * @param suite the set-up suite to drive
     * @param outstanding transactions kept in flight, at least 1
     * @param payloadBytes payload size of every transaction, at least 0
     */
    ClosedLoopDriver(ProtocolSuite suite, int outstanding, int payloadBytes) {
        this.suite = Check.notNull("suite", suite);
        if (outstanding < 1) {
            throw new IllegalArgumentException("outstanding must be at least 1, but was " + outstanding);
        }
        if (payloadBytes < 0) {
            throw new IllegalArgumentException("payloadBytes must not be negative, but was " + payloadBytes);
        }
        this.outstanding = outstanding;
        this.type = new TxType("write", 1.0, payloadBytes);
        this.payload = new byte[payloadBytes];
        Arrays.fill(payload, (byte) 'v');
    }

    /**
     * Drives the suite for {@code duration}, then waits (up to {@code duration} more) for the
     * transactions still in flight.
     *
     * @return what was measured
     * @throws InterruptedException if interrupted while waiting
     */
    Result run(Duration duration) throws InterruptedException {
        Check.positive("duration", duration);
        Semaphore permits = new Semaphore(outstanding);
        AtomicLong committed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicLongArray latencies = new AtomicLongArray(MAX_SAMPLES);
        AtomicInteger samples = new AtomicInteger();
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        while (System.nanoTime() - end < 0) {
            if (!permits.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                continue;
            }
            long submitted = System.nanoTime();
            try {
                suite.submit(new Transaction(nextId++, 0, type, payload, submitted)).whenComplete((outcome, error) -> {
                    long latency = System.nanoTime() - submitted;
                    if (error == null && outcome.isCommitted()) {
                        committed.incrementAndGet();
                        int i = samples.getAndIncrement();
                        if (i < MAX_SAMPLES) {
                            latencies.set(i, latency);
                        }
                    } else {
                        failed.incrementAndGet();
                    }
                    permits.release();
                });
            } catch (RuntimeException e) {
                failed.incrementAndGet();
                permits.release();
            }
        }
        long committedAtEnd = committed.get();
        double seconds = (System.nanoTime() - start) / 1e9;
        boolean drained = permits.tryAcquire(outstanding, duration.toMillis(), TimeUnit.MILLISECONDS);
        int n = Math.min(samples.get(), MAX_SAMPLES);
        long[] sorted = new long[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = latencies.get(i);
        }
        Arrays.sort(sorted);
        return new Result(committedAtEnd / seconds, percentileMillis(sorted, 0.50), percentileMillis(sorted, 0.99),
                committed.get(), failed.get(), drained);
    }

    private static double percentileMillis(long[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    /**
     * @param throughput committed transactions per second during the run
     * @param p50Millis median latency of committed transactions, in milliseconds
     * @param p99Millis 99th percentile latency, in milliseconds
     * @param committed transactions committed (including those finishing after the run)
     * @param failed transactions rejected or failed
     * @param drained whether every in-flight transaction finished after the run
     */
    record Result(double throughput, double p50Millis, double p99Millis, long committed, long failed,
                  boolean drained) {

        @Override
        public String toString() {
            return String.format("%,.0f tx/s, p50 %.2f ms, p99 %.2f ms (%d committed, %d failed)",
                    throughput, p50Millis, p99Millis, committed, failed);
        }
    }
}
