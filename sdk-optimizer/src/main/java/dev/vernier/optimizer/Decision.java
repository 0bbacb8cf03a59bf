package dev.vernier.optimizer;

/** What a session did with a measured proposal. */
public enum Decision {
    /** The starting configuration was measured. */
    BASELINE,
    /** Significant gain above the threshold, no constraint broken: kept as the new best. */
    KEEP,
    /** Gain not significant or below the threshold: reverted to the previous configuration. */
    REVERT,
    /** A constraint was broken: reverted. */
    REVERT_CONSTRAINT,
    /** Measured for the offline search (no keep or revert). */
    TRIAL,
    /** Applying or measuring failed: the last good configuration was restored. */
    FAILED,
    /** The session was cancelled: the last good configuration was restored. */
    CANCELLED
}
