package dev.vernier.core.internal.engine;

/**
 * How a due transaction ended, as counted by the recorders. Every transaction whose intended start
 * falls in a measured window ends as exactly one of these (the accounting identity).
 */
public enum OutcomeKind {
    /** Committed by the system. */
    COMMITTED,
    /** Completed with {@code TxOutcome.rejected}. */
    REJECTED,
    /** Its stage completed exceptionally (or with null). */
    FAILED,
    /** Did not complete within the scenario's timeout (or by the end of the drain). */
    TIMED_OUT,
    /** {@code submit} threw (or returned null). */
    SUBMIT_ERROR,
    /** Not sent: the in-flight cap was reached. */
    REFUSED,
    /** Due in the window but never submitted: the generator was held up (a blocked submit) or stopped. */
    NOT_SENT;

    /** Number of kinds. */
    public static final int COUNT = values().length;
}
