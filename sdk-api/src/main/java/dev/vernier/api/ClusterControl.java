package dev.vernier.api;

import java.util.List;

/**
 * Optional capability of a {@link ProtocolSuite}: run the system at several cluster sizes.
 *
 * <p>Implementations must be thread-safe; Vernier calls {@link #resize} between phases, never
 * while load runs.
 */
public interface ClusterControl {

    /** @return the current number of nodes */
    int clusterSize();

    /** @return the sizes this system supports, ascending, e.g. {@code [1, 3, 5, 7]} */
    List<Integer> supportedSizes();

    /**
     * Restarts or reshapes the cluster to {@code nodes} nodes and waits until it serves again.
     *
     * @param nodes one of {@link #supportedSizes()}
     * @throws IllegalArgumentException for an unsupported size
     * @throws Exception when the cluster cannot be resized
     */
    void resize(int nodes) throws Exception;
}
