package dev.vernier.examples.cluster;

/**
 * Observes every state-machine application on every replica, e.g. to check that no two replicas
 * apply different entries at the same index. Called on the applying node's thread, so
 * implementations must be thread-safe and fast. A replica that restarts applies its log again from
 * the start.
 */
@FunctionalInterface
public interface ApplyListener {

    /** A listener that ignores everything. */
    ApplyListener NONE = (node, index, entryId) -> { };

    /**
     * @param nodeId the replica
     * @param index the log index (1-based) or sequence number applied
     * @param entryId identity of the applied entry, unique per entry across the run
     */
    void applied(String nodeId, long index, long entryId);
}
