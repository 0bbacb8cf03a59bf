package dev.vernier.core.result;

import dev.vernier.api.Phase;

/**
 * Something a user should know about a run that did not fail it. Immutable and thread-safe.
 *
 * @param kind what kind of warning
 * @param phase the phase it concerns, or null for the run as a whole
 * @param message a sentence with the figures
 */
public record Warning(Kind kind, Phase phase, String message) {

    /** Kinds of warning. */
    public enum Kind {
        /** A thread of the system under test did not return from submit and was left interrupted. */
        STUCK_THREAD,
        /** Latencies beyond the histogram range were recorded at its maximum. */
        CLAMPED_LATENCY,
        /** A fault of the fault plan could not be carried out. */
        FAULT_FAILED,
        /** Replicas disagree after the faults. */
        REPLICAS_DISAGREE,
        /** An alert rule fired during the run. */
        ALERT,
        /** A resource bottleneck rule matched. */
        BOTTLENECK,
        /** User code (setup, teardown, a listener, a hook) failed or exceeded its time limit. */
        USER_CODE,
        /** The run was aborted ({@code Vernier.abort}) or its clock stopped; what was measured is kept. */
        ABORTED,
        /** The outcomes of a phase did not add up to its schedule (a defect of Vernier: please report). */
        ACCOUNTING,
        /** Anything else. */
        OTHER
    }

    /** @throws NullPointerException when kind or message is null */
    public Warning {
        java.util.Objects.requireNonNull(kind, "kind");
        java.util.Objects.requireNonNull(message, "message");
    }

    @Override
    public String toString() {
        return (phase == null ? "" : phase + ": ") + message;
    }
}
