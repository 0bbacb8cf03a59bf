package dev.vernier.api;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Optional capability of a {@link ProtocolSuite}: inject real faults into the running system.
 *
 * <p>Implementations must be thread-safe: faults are injected while load runs.
 */
public interface FaultInjector {

    /** @return ids of all nodes, live or not */
    List<String> nodes();

    /** @return the current leader or primary, if the protocol has one and it is known */
    Optional<String> leader();

    /**
     * Crashes a node: it stops processing and loses its volatile state.
     *
     * @param nodeId one of {@link #nodes()}
     * @throws IllegalArgumentException for an unknown node
     */
    void crash(String nodeId);

    /**
     * Restarts a crashed node from its durable state.
     *
     * @param nodeId one of {@link #nodes()}
     * @throws IllegalArgumentException for an unknown node
     */
    void restart(String nodeId);

    /**
     * Cuts every link between {@code group} and the other nodes (both directions).
     *
     * @param group node ids on one side of the partition
     * @throws IllegalArgumentException for an unknown node
     */
    void partition(Set<String> group);

    /** Heals every partition. */
    void heal();
}
