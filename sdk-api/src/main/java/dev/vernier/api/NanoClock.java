package dev.vernier.api;

import java.util.concurrent.locks.LockSupport;

/**
 * A monotonic clock in nanoseconds that can also wait: the only source of time in Vernier, and the
 * only way Vernier's threads wait for time to pass.
 *
 * <p>Implementations must be thread-safe. Values are only meaningful relative to each other (as
 * {@link System#nanoTime()}). Every wait of the engine goes through {@link #parkUntil(long)}, and
 * every early wake-up of such a wait through {@link #unpark(Thread)}, so a test clock that moves
 * only when told (the test kit's {@code ManualClock}) can drive a whole run in milliseconds of wall
 * time.
 */
@FunctionalInterface
public interface NanoClock {

    /** Waits shorter than this are spun rather than parked by {@link #system()}. */
    long SPIN_NANOS = 5_000L;

    /** @return the current time in nanoseconds, monotonic, arbitrary origin */
    long nanoTime();

    /**
     * Parks the calling thread until this clock reads at least {@code deadlineNanos}, the thread is
     * {@linkplain #unpark(Thread) unparked} or interrupted, or for no reason at all (as
     * {@link LockSupport#parkNanos(long)}): callers re-check their condition and the time in a loop.
     * Returns at once when the deadline has passed. {@link Long#MAX_VALUE} waits until unparked.
     *
     * <p>The default parks for the difference on the real scheduler ({@link LockSupport}), which is
     * right for any clock that moves with real time.
     *
     * @param deadlineNanos the time to wait for, in this clock's nanoseconds
     */
    default void parkUntil(long deadlineNanos) {
        long wait = deadlineNanos - nanoTime();
        if (wait > SPIN_NANOS) {
            LockSupport.parkNanos(this, wait);
        } else if (wait > 0) {
            Thread.onSpinWait();
        }
    }

    /**
     * Ends a {@link #parkUntil(long)} of {@code thread} early (as {@link LockSupport#unpark(Thread)}):
     * if it is not parked, its next park returns at once.
     *
     * @param thread the thread to wake; null is ignored
     */
    default void unpark(Thread thread) {
        if (thread != null) {
            LockSupport.unpark(thread);
        }
    }

    /**
     * Waits until this clock reads at least {@code deadlineNanos}.
     *
     * @param deadlineNanos the time to wait for
     * @throws InterruptedException when the thread is interrupted while waiting (the flag is cleared)
     */
    default void sleepUntil(long deadlineNanos) throws InterruptedException {
        while (deadlineNanos - nanoTime() > 0) {
            parkUntil(deadlineNanos);
            if (Thread.interrupted()) {
                throw new InterruptedException("interrupted while waiting on the clock");
            }
        }
    }

    /** @return the clock backed by {@link System#nanoTime()}, waiting on the real scheduler */
    static NanoClock system() {
        return SystemClock.INSTANCE;
    }
}

/** {@link System#nanoTime()} with the default waits. Stateless. */
final class SystemClock implements NanoClock {
    static final SystemClock INSTANCE = new SystemClock();

    private SystemClock() {
    }

    @Override
    public long nanoTime() {
        return System.nanoTime();
    }

    @Override
    public String toString() {
        return "NanoClock.system()";
    }
}
