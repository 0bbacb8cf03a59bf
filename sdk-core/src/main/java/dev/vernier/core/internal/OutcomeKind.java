package dev.vernier.core.internal;

/** How a transaction ended, as counted by the recorders. */
public enum OutcomeKind {
    /** Committed by the system. */
    COMMITTED,
    /** Completed with {@code TxOutcome.rejected}. */
    REJECTED,
    /** Its stage completed exceptionally (or with null). */
    FAILED,
    /** Did not complete within the scenario's timeout. */
    TIMED_OUT,
    /** {@code submit} threw (or returned null). */
    SUBMIT_ERROR,
    /** Not sent: the in-flight cap was reached. */
    REFUSED;

    /** Number of kinds. */
    public static final int COUNT = values().length;
}
