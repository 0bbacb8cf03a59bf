package dev.vernier.testkit;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Waits, boundedly, for a real system under test (a cluster's own threads) to reach a state: probes
 * it every {@link #INTERVAL} until the probe satisfies a condition or the timeout passes, and hands
 * the last probe back for the caller to assert on, so that a timeout fails on the assertion that
 * names what was missing. For waiting on real time only, never for ordering events: a
 * {@link ManualClock} or a latch orders them. Stateless and thread-safe.
 */
public final class Poll {

    /** Time between two probes. */
    public static final Duration INTERVAL = Duration.ofMillis(10);

    private Poll() {
    }

    /**
     * @param probe reads the state; called at least once
     * @param done whether a state is the one waited for
     * @param timeout how long to keep probing (wall time)
     * @param <T> the state's type
     * @return the first probe that satisfied {@code done}, or the last one when the timeout passed
     * @throws InterruptedException when interrupted while waiting
     */
    public static <T> T until(Supplier<T> probe, Predicate<? super T> done, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        T state = probe.get();
        while (!done.test(state) && System.nanoTime() - deadline < 0) {
            Thread.sleep(INTERVAL.toMillis());
            state = probe.get();
        }
        return state;
    }

    /**
     * @param condition whether the state waited for is reached; called at least once
     * @param timeout how long to keep probing (wall time)
     * @return whether the condition held before the timeout passed
     * @throws InterruptedException when interrupted while waiting
     */
    public static boolean until(BooleanSupplier condition, Duration timeout) throws InterruptedException {
        return until(condition::getAsBoolean, Boolean::booleanValue, timeout);
    }
}
