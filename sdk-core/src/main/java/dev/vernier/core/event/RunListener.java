package dev.vernier.core.event;

/**
 * Receives the events of a run: phases, interval snapshots (about once a second), verdicts,
 * warnings and tuning steps.
 *
 * <p>Called on a delivery thread of the run, one event at a time and in order, never on the thread
 * that runs the load or records; implementations need not be thread-safe unless shared between
 * concurrently running {@code Vernier} instances. Every event of a run has been delivered when
 * {@code run} or {@code measure} returns. A listener can never stall the engine: a call that takes
 * longer than the listener time limit (default 1 s, {@code Vernier.Builder.listenerTimeLimit}) is
 * interrupted and the listener gets no more events of that run (a warning in the result says so);
 * an exception it throws is logged and otherwise ignored.
 */
@FunctionalInterface
public interface RunListener {

    /** @param event what happened */
    void onEvent(VernierEvent event);
}
