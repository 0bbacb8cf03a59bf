package dev.vernier.optimizer;

import dev.vernier.core.event.TuningEvent;

/**
 * Receives a session's events as they happen, on the thread that runs the session. An exception a
 * callback throws is logged and ignored. Implementations must not block for long: the system under
 * tuning runs the configuration in force meanwhile.
 */
public interface TuningListener {

    /** @param step a decided step (the baseline first, then one per proposal, then any failure or cancellation) */
    default void onStep(TuningStep step) {
    }

    /** @param verification the start and the final configuration re-measured interleaved */
    default void onVerification(Verification verification) {
    }

    /** @param report the finished session: its outcome says why it ended */
    default void onFinished(TuningReport report) {
    }

    /**
     * The same as typed events a listener that knows only sdk-core can tell apart and print
     * ({@link TuningEvent#describe()}): {@link StepDecided} after every step, {@link LoadLimited} when a
     * step's load limited some of its windows, {@link SessionEnded} at the end.
     *
     * @param event what happened
     */
    default void onEvent(TuningEvent event) {
    }
}
