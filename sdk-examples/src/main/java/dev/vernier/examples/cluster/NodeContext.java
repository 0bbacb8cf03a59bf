package dev.vernier.examples.cluster;

import java.util.List;
import java.util.SplittableRandom;

/**
 * What a {@link NodeProcess} may use: its id and peers, the network, its durable store and a
 * seeded random source. One context per incarnation.
 *
 * <p>{@link #send} and {@link #broadcast} are thread-safe; {@link #random()} must only be used on the
 * node thread.
 *
 * @param <M> the protocol's message type
 */
public final class NodeContext<M extends Message> {

    private final Cluster<M, ?> cluster;
    private final String id;
    private final List<String> peers;
    private final DurableStore durable;
    private final SplittableRandom random;

    NodeContext(Cluster<M, ?> cluster, String id, List<String> peers, DurableStore durable, SplittableRandom random) {
        this.cluster = cluster;
        this.id = id;
        this.peers = peers;
        this.durable = durable;
        this.random = random;
    }

    /** @return this node's id */
    public String id() {
        return id;
    }

    /** @return every other node's id, in cluster order */
    public List<String> peers() {
        return peers;
    }

    /** @return the number of nodes in the cluster, this one included */
    public int clusterSize() {
        return peers.size() + 1;
    }

    /** @return the durable store that survives crashes of this node */
    public DurableStore durable() {
        return durable;
    }

    /** @return a random source seeded from the cluster seed, the node id and the incarnation */
    public SplittableRandom random() {
        return random;
    }

    /**
     * Sends a message through the network.
     *
     * @param to receiver id (a message to oneself is delivered through the network as well)
     * @param message the message
     */
    public void send(String to, M message) {
        cluster.send(id, to, message);
    }

    /** Sends {@code message} to every peer. */
    public void broadcast(M message) {
        for (String peer : peers) {
            cluster.send(id, peer, message);
        }
    }

    /**
     * Runs {@code task} later on this node's own event loop (after the tasks already queued), e.g. to
     * yield between batches. Dropped if the node has crashed.
     */
    public void executeLater(Runnable task) {
        cluster.executeOnIncarnation(id, this, task);
    }
}
