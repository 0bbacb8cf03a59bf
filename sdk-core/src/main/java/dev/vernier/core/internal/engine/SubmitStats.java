package dev.vernier.core.internal.engine;

/**
 * How long the suite's {@code submit} held the open generator: the slowest call, the calls slower
 * than the lag threshold and their total time, and when the last of those returned (a send intended
 * before that moment that went out late waited behind the system, not behind the harness).
 * Written by the generator thread; read by the ticker after the generator has stopped.
 */
final class SubmitStats {

    private final long thresholdNanos;
    /** When the last submit slower than the threshold returned, ns. */
    long slowReturnedAt = Long.MIN_VALUE;
    long slowCalls;
    long slowNanos;
    long maxNanos;

    SubmitStats(long thresholdNanos) {
        this.thresholdNanos = thresholdNanos;
    }

    /** @return true when a send intended at {@code intended} was due before a slow submit returned */
    boolean heldUp(long intended) {
        return slowCalls > 0 && intended - slowReturnedAt < 0;
    }

    void record(long before, long after) {
        long took = after - before;
        if (took > maxNanos) {
            maxNanos = took;
        }
        if (took > thresholdNanos) {
            slowCalls++;
            slowNanos += took;
            slowReturnedAt = after;
        }
    }
}
