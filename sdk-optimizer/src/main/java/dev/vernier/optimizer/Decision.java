package dev.vernier.optimizer;

/** What a session did with a measured proposal. */
public enum Decision {
    /** The starting configuration was measured. */
    BASELINE,
    /** Significant gain of at least the keep threshold, no constraint broken: kept as the new incumbent. */
    KEEP,
    /** Gain not significant, below the threshold, or a collapse: reverted to the incumbent at once. */
    REVERT,
    /** A constraint was broken, or could not be shown to hold with a margin for noise: reverted. */
    REVERT_CONSTRAINT,
    /** Measured for the offline search (no keep or revert). */
    TRIAL,
    /** Applying or measuring failed: the last good configuration was restored. */
    FAILED,
    /** The session was cancelled: the last good configuration was restored. */
    CANCELLED
}
