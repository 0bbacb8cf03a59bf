package dev.vernier.core.internal.engine;

import dev.vernier.api.NanoClock;

/**
 * What can end a run early from outside: an abort with its reason. Set by any thread
 * ({@code Vernier.abort}), read by the run's ticker, which ends the current window at once, keeps
 * what was measured and skips the phases left.
 *
 * <p>Thread-safe.
 */
public final class RunControl {

    private final NanoClock clock;
    private volatile String abortReason;
    private volatile Thread ticker;

    /** @param clock the run's clock (to wake the ticker) */
    public RunControl(NanoClock clock) {
        this.clock = clock;
    }

    /**
     * Asks the run to end now; the first reason wins.
     *
     * @param reason why, for the result
     */
    public void abort(String reason) {
        synchronized (this) {
            if (abortReason == null) {
                abortReason = reason;
            }
        }
        clock.unpark(ticker);
    }

    /** @return the abort reason, or null while the run may go on */
    public String abortReason() {
        return abortReason;
    }

    /** @return true once {@link #abort} was called */
    public boolean aborted() {
        return abortReason != null;
    }

    /** @param thread the thread that ticks the current load (woken by {@link #abort}) */
    void ticker(Thread thread) {
        this.ticker = thread;
    }
}
