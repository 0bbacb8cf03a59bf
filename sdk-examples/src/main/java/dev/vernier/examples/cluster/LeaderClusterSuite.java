package dev.vernier.examples.cluster;

import dev.vernier.api.tuning.Configuration;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;

/**
 * A {@link ClusterSuite} for a protocol with a leader (Raft's leader, PBFT's primary): the suite
 * keeps a hint of the newest leader its nodes reported, sends requests there first, reports it as
 * {@link #leader()}, forgets it when that node is crashed, and waits for a leader whenever a
 * cluster starts (setup and resize).
 *
 * <p>Thread-safe as {@link ClusterSuite}. The hint is volatile and read without locking; it is
 * changed together with the term (or view) it belongs to under this suite's monitor, so an older
 * term's report never replaces a newer one.
 *
 * @param <M> the protocol's message type
 * @param <N> the protocol's node type
 * @param <S> the protocol's settings
 */
public abstract class LeaderClusterSuite<M extends Message, N extends NodeProcess<M>, S> extends ClusterSuite<M, N, S> {

    private final String role;
    private volatile String leaderHint;
    private long leaderHintTerm;

    /**
     * @param name the protocol's short name
     * @param role what the protocol calls its leader ({@code "leader"}, {@code "primary"}), for messages
     * @param builder the validated builder values
     * @param configurationOf see {@link ClusterSuite}
     * @param toSettings see {@link ClusterSuite}
     */
    protected LeaderClusterSuite(String name, String role, Builder<?, ?> builder,
                                 Function<S, Configuration> configurationOf, Function<Configuration, S> toSettings) {
        super(name, builder, configurationOf, toSettings);
        this.role = role;
    }

    /**
     * Runs on the node's event loop.
     *
     * @param node a live node
     * @return true when the node leads now
     */
    protected abstract boolean isLeader(N node);

    /**
     * Records a node's report that it leads; called from node threads.
     *
     * @param nodeId the reporting node
     * @param term its term (or view); a report of an older term than the newest seen is ignored
     */
    protected final void leaderIs(String nodeId, long term) {
        synchronized (this) {
            if (term >= leaderHintTerm) {
                leaderHintTerm = term;
                leaderHint = nodeId;
            }
        }
    }

    @Override
    protected final String preferredNode() {
        return leaderHint;
    }

    @Override
    protected void clusterStarting() {
        leaderHint = null;
        synchronized (this) {
            leaderHintTerm = 0;
        }
    }

    @Override
    protected void clusterStarted() throws Exception {
        awaitLeader(Duration.ofSeconds(10));
    }

    /**
     * Waits until some live node is leader.
     *
     * @param timeout how long to wait at most
     * @return the leader's id
     * @throws TimeoutException when no leader is elected in time
     */
    public String awaitLeader(Duration timeout) throws TimeoutException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Cluster<M, N> c = requireCluster();
            for (String id : c.liveNodes()) {
                try {
                    if (c.call(id, this::isLeader).get(1, TimeUnit.SECONDS)) {
                        return id;
                    }
                } catch (Exception e) {
                    // node went down meanwhile; look at the others
                }
            }
            Thread.sleep(5);
        }
        throw new TimeoutException("no " + name() + " " + role + " within " + timeout);
    }

    @Override
    public Optional<String> leader() {
        Cluster<M, N> c = clusterOrNull();
        String hint = leaderHint;
        return c != null && hint != null && c.isAlive(hint) ? Optional.of(hint) : Optional.empty();
    }

    @Override
    public void crash(String nodeId) {
        super.crash(nodeId);
        synchronized (this) {
            if (nodeId.equals(leaderHint)) {
                leaderHint = null;
            }
        }
    }
}
