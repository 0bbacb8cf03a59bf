package dev.vernier.api;

/**
 * A monotonic clock in nanoseconds, the only source of time in Vernier.
 *
 * <p>Implementations must be thread-safe. Values are only meaningful relative to each other (as
 * {@link System#nanoTime()}); tests inject a manual clock.
 */
@FunctionalInterface
public interface NanoClock {

    /** @return the current time in nanoseconds, monotonic, arbitrary origin */
    long nanoTime();

    /** @return the clock backed by {@link System#nanoTime()} */
    static NanoClock system() {
        return System::nanoTime;
    }
}
