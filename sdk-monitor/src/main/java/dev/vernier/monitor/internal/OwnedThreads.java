package dev.vernier.monitor.internal;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A thread factory that remembers its daemon threads, so that their owner can wait for them to be
 * gone: an executor reports termination a moment before its last thread has returned, and "no thread
 * left after close()" means the threads, not the executor's state. Thread-safe.
 */
public final class OwnedThreads implements ThreadFactory {

    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();
    private final Queue<Thread> threads = new ConcurrentLinkedQueue<>();

    /** @param prefix the threads' name prefix; each is numbered from 1 */
    public OwnedThreads(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable r) {
        Thread t = new Thread(r, prefix + "-" + count.incrementAndGet());
        t.setDaemon(true);
        threads.removeIf(old -> !old.isAlive());
        threads.add(t);
        return t;
    }

    /**
     * Waits for every thread made so far to end (after its executor was shut down).
     *
     * @param millis how long to wait in all, ms
     * @return true when none is alive
     */
    public boolean join(long millis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (Thread t : threads) {
            long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
            if (left <= 0) {
                break;
            }
            try {
                t.join(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        threads.removeIf(t -> !t.isAlive());
        return threads.isEmpty();
    }
}
