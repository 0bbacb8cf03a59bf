package dev.vernier.core.event;

import dev.vernier.api.Phase;

/**
 * A phase of a scenario ended (with or without a result). Immutable and thread-safe.
 *
 * @param suite the suite's name
 * @param scenario the scenario's name
 * @param phase the phase
 * @param elapsedSeconds how long the phase ran, seconds
 */
public record PhaseEnded(String suite, String scenario, Phase phase, double elapsedSeconds) implements VernierEvent {
}
