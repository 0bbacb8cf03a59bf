package dev.vernier.core;

/**
 * A typed event raised during a run. Immutable and thread-safe.
 *
 * @param type what kind of event
 * @param suite the suite concerned
 * @param message a sentence with the figures
 */
public record VernierEvent(Type type, String suite, String message) {

    /** Kinds of event. */
    public enum Type {
        /** A phase started. */
        PHASE_STARTED,
        /** A phase finished. */
        PHASE_FINISHED,
        /** The generator could not hold its schedule; the phase's rate is the generator's limit. */
        GENERATOR_LIMITED,
        /** A thread of the system under test did not return (stuck in submit). */
        STUCK_THREAD,
        /** Something the user should know but that did not fail the run. */
        WARNING
    }
}
