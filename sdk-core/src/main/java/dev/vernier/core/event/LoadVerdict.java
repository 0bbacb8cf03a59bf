package dev.vernier.core.event;

import dev.vernier.api.Phase;
import dev.vernier.core.result.GeneratorHealth;

/**
 * The verdict on the load of a phase that was limited (by the harness or by the system), raised
 * once per phase, or once per cluster size in the SCALABILITY phase. Immutable and thread-safe.
 *
 * @param suite the suite's name
 * @param scenario the scenario's name
 * @param phase the phase
 * @param nodes the cluster size the verdict is about (SCALABILITY), or 0
 * @param health the verdict with its figures, as in the phase's result
 */
public record LoadVerdict(String suite, String scenario, Phase phase, int nodes, GeneratorHealth health)
        implements VernierEvent {
}
