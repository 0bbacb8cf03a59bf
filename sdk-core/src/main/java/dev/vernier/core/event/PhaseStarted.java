package dev.vernier.core.event;

import dev.vernier.api.Phase;

/**
 * A phase of a scenario started. Immutable and thread-safe.
 *
 * @param suite the suite's name
 * @param scenario the scenario's name
 * @param phase the phase
 */
public record PhaseStarted(String suite, String scenario, Phase phase) implements VernierEvent {
}
