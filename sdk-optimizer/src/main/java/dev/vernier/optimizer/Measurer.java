package dev.vernier.optimizer;

import dev.vernier.api.tuning.Configuration;

/**
 * Measures one window of the system as it is configured now.
 *
 * <p>A tuning session calls it once per block, from the thread that runs the session, after applying
 * {@code config} and waiting the settle time; it alternates configurations block by block
 * (incumbent, candidate, candidate, incumbent) and treats each call as one replicate, so a call
 * should be short (a few seconds) and every call of one session should measure the same load for
 * the same length. The window should warm up after a change before it measures (as
 * {@link VernierMeasurer} does with its template's warm-up). An offline search calls it once per
 * trial and expects a fresh run with {@code config}. Implementations need not be thread-safe unless
 * shared between sessions.
 */
@FunctionalInterface
public interface Measurer {

    /**
     * @param config the configuration in force (full: one value per parameter)
     * @return the window's metrics (the session decides on these, one value per block) and optionally
     *     per-sub-interval samples of the target metric (used only when the target metric is missing)
     * @throws InterruptedException when interrupted (the session is then cancelled)
     * @throws Exception when the window could not be measured (the session fails and restores the
     *     last good configuration)
     */
    Measurement measure(Configuration config) throws Exception;
}
