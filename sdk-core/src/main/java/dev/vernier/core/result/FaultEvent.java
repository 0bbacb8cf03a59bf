package dev.vernier.core.result;

import java.util.List;

/**
 * One fault carried out during the FAULT_TOLERANCE phase. Immutable and thread-safe.
 *
 * @param atSeconds when it was carried out, seconds from the start of the measured load
 * @param action what was done (a {@code FaultPlan.Action} name, "(cleanup)" appended after the plan)
 * @param nodes the nodes it concerned
 * @param error why it failed, or null
 */
public record FaultEvent(double atSeconds, String action, List<String> nodes, String error) {

    /** Copies the list. */
    public FaultEvent {
        nodes = List.copyOf(nodes);
    }
}
