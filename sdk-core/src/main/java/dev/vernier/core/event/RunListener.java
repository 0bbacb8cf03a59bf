package dev.vernier.core.event;

/**
 * Receives the events of a run: phases, interval snapshots (about once a second), verdicts,
 * warnings and tuning steps.
 *
 * <p>Called on the thread that runs the scenario, never on a recording thread; implementations need
 * not be thread-safe unless shared between concurrently running {@code Vernier} instances. A listener
 * should return quickly: an exception it throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface RunListener {

    /** @param event what happened */
    void onEvent(VernierEvent event);
}
