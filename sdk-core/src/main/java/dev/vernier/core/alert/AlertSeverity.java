package dev.vernier.core.alert;

/**
 * How much an alert matters, least first. Immutable and thread-safe.
 */
public enum AlertSeverity {
    /** For information; no action expected. */
    INFO,
    /** Worth a look: the system is heading somewhere it should not. */
    WARNING,
    /** Act now: the figures users see are broken. */
    CRITICAL
}
