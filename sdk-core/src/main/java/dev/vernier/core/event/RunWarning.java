package dev.vernier.core.event;

import dev.vernier.core.result.Warning;

/**
 * A warning raised during a run; the same warning is kept in the result. Immutable and thread-safe.
 *
 * @param suite the suite's name
 * @param scenario the scenario's name
 * @param warning what happened
 */
public record RunWarning(String suite, String scenario, Warning warning) implements VernierEvent {
}
