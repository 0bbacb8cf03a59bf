package dev.vernier.optimizer;

import dev.vernier.api.tuning.Configuration;

/**
 * Measures one window of the system as it is configured now.
 *
 * <p>A tuning session calls it from the thread that runs the session, after applying {@code config};
 * an offline search calls it once per trial and expects a fresh run with {@code config}.
 * Implementations need not be thread-safe unless shared between sessions.
 */
@FunctionalInterface
public interface Measurer {

    /**
     * @param config the configuration in force (full: one value per parameter)
     * @return the window's metrics and per-sub-interval samples of the target metric
     * @throws InterruptedException when interrupted (the session is then cancelled)
     * @throws Exception when the window could not be measured (the session fails and restores the
     *     last good configuration)
     */
    Measurement measure(Configuration config) throws Exception;
}
