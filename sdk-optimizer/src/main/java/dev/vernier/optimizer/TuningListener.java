package dev.vernier.optimizer;

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
}
