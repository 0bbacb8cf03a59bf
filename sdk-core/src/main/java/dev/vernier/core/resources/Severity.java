package dev.vernier.core.resources;

/**
 * How much a {@link Bottleneck} matters, highest first. Immutable and thread-safe.
 */
public enum Severity {
    /** Likely limits the system now. */
    HIGH,
    /** Worth a look; may limit the system under more load or over more time. */
    MEDIUM,
    /** For information. */
    LOW
}
