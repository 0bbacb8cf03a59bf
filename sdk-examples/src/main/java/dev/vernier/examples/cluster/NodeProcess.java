package dev.vernier.examples.cluster;

/**
 * The protocol logic of one node incarnation. Every method is called on the node's own event-loop
 * thread, one at a time, so implementations need no synchronisation for their own state.
 *
 * @param <M> the protocol's message type
 */
public interface NodeProcess<M extends Message> {

    /** Called once, first, on the node thread when the incarnation starts (after a restart too). */
    void start();

    /**
     * @param from sender id
     * @param message the message
     */
    void onMessage(String from, M message);

    /**
     * Called periodically (every {@link Cluster} tick) to drive timers: elections, heartbeats,
     * retransmissions, gossip rounds.
     *
     * @param nowNanos {@link System#nanoTime()} at the tick
     */
    void onTick(long nowNanos);

    /**
     * Called once after the incarnation stopped (crash or close), on the thread that stopped it and
     * after the node thread finished: release waiting clients here. Must not touch the network.
     */
    default void onStopped() {
    }
}
