package dev.vernier.core;

/**
 * Receives interval snapshots and events while scenarios run.
 *
 * <p>Called on the thread that runs the scenario, never on a recording thread; implementations need
 * not be thread-safe unless shared between concurrently running {@link Vernier} instances. An
 * exception thrown by a listener is logged and otherwise ignored.
 */
public interface RunListener {

    /** @param snapshot the interval just finished */
    default void onSnapshot(IntervalSnapshot snapshot) {
    }

    /** @param event an event */
    default void onEvent(VernierEvent event) {
    }
}
