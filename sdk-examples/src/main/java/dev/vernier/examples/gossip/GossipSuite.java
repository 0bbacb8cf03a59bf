package dev.vernier.examples.gossip;

import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.Transaction;
import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.DoubleParameter;
import dev.vernier.api.tuning.IntParameter;
import dev.vernier.api.tuning.Parameter;
import dev.vernier.api.tuning.ParameterRole;
import dev.vernier.api.tuning.ParameterSpace;
import dev.vernier.examples.cluster.ClusterSuite;
import dev.vernier.examples.cluster.NodeContext;
import dev.vernier.examples.gossip.GossipMessage.Item;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * An in-process push-pull gossip cluster as a Vernier {@link ProtocolSuite}. A transaction is accepted
 * by any live node and spreads by gossip rounds; it counts as committed when it has reached
 * {@code commitShare} of the nodes (observed by the suite, which sees every node; the share is
 * compared with 0.005 tolerance, so 0.67 of 3 nodes is 2). Both outcome
 * timestamps are the moment that share was reached. There is no ordering and no leader.
 *
 * <p>Knobs, all applied live: {@code fanout} (1..16, default 2), {@code roundIntervalMs} (5..1000,
 * default 20), {@code commitShare} (0.1..1.0, default 0.67).
 *
 * <p>Thread-safe: {@link #submit} may be called from many threads and returns at once. Created by
 * {@link #builder()}; call {@link #setup} before use and {@link #teardown} (or {@link #close}) after.
 */
public final class GossipSuite extends ClusterSuite<GossipMessage, GossipNode, GossipSettings> {

    private static final List<Integer> SIZES = List.of(1, 3, 5, 7);

    static final IntParameter FANOUT = Parameter.integer("fanout", 1, 16, 2)
            .describedAs("peers contacted per round; live");
    static final IntParameter ROUND = Parameter.integer("roundIntervalMs", 5, 1000, 20)
            .withRole(ParameterRole.INTERVAL).describedAs("time between gossip rounds of one node, ms; live");
    static final DoubleParameter SHARE = Parameter.real("commitShare", 0.1, 1.0, 0.67)
            .describedAs("share of nodes a transaction must reach to count as committed; live");
    private static final ParameterSpace SPACE = ParameterSpace.of(FANOUT, ROUND, SHARE);

    /** Outstanding transactions by request id: how many nodes have received each so far. */
    private final Map<Long, Integer> reach = new ConcurrentHashMap<>();

    private GossipSuite(Builder b) {
        super("gossip", b, GossipSuite::configurationOf, GossipSuite::toSettings);
    }

    /** @return a builder with the defaults: 5 nodes, default network and disk, default knobs */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected GossipNode newNode(NodeContext<GossipMessage> context) {
        return new GossipNode(context, host);
    }

    @Override
    protected Consumer<GossipNode> delivery(long requestId, Transaction transaction) {
        reach.put(requestId, 0);
        byte[] value = transaction.payload();
        String key = transaction.key();
        return n -> n.accept(requestId, key, value);
    }

    @Override
    protected void undeliverable(long requestId) {
        reach.remove(requestId);
    }

    @Override
    protected void clusterStopped() {
        reach.clear();
    }

    private final GossipNode.Host host = new GossipNode.Host() {
        @Override
        public GossipSettings settings() {
            return liveSettings();
        }

        @Override
        public void received(String nodeId, List<Item> items) {
            // half a percent of tolerance, so that the default 0.67 means two thirds (2 of 3 nodes)
            int needed = Math.max(1, (int) Math.ceil((liveSettings().commitShare() - 0.005) * clusterSize()));
            List<Long> done = null;
            for (Item item : items) {
                Integer now = reach.computeIfPresent(item.requestId(), (k, v) -> v + 1);
                if (now != null && now >= needed && reach.remove(item.requestId()) != null) {
                    if (done == null) {
                        done = new ArrayList<>();
                    }
                    done.add(item.requestId());
                } else if (now != null && !clientTable().isOutstanding(item.requestId())) {
                    reach.remove(item.requestId());
                }
            }
            if (done != null) {
                long t = runClock().nanoTime();
                clientTable().committed(done, t, t);
            }
        }
    };

    // ---- Tunable

    private static Configuration configurationOf(GossipSettings s) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(FANOUT.name(), s.fanout());
        values.put(ROUND.name(), s.roundIntervalMs());
        values.put(SHARE.name(), s.commitShare());
        return new Configuration(values);
    }

    private static GossipSettings toSettings(Configuration c) {
        return new GossipSettings(c.getInt(FANOUT.name()), c.getInt(ROUND.name()), c.getDouble(SHARE.name()));
    }

    // ---- FaultInjector

    /** @return always empty: gossip has no leader */
    @Override
    public Optional<String> leader() {
        return Optional.empty();
    }

    // ---- StateVerifier

    /**
     * Gossip has no order: replicas agree when they hold the same set of transactions. Before
     * partitions heal they may legitimately differ; after healing they converge.
     */
    @Override
    public Verification verify() {
        Map<String, GossipNode.Snapshot> snaps = queryLiveNodes(GossipNode::snapshot);
        if (snaps.isEmpty()) {
            return new Verification(true, 0, "no live replica");
        }
        long min = snaps.values().stream().mapToLong(GossipNode.Snapshot::count).min().orElse(0);
        Map.Entry<String, GossipNode.Snapshot> ref = snaps.entrySet().iterator().next();
        for (Map.Entry<String, GossipNode.Snapshot> e : snaps.entrySet()) {
            GossipNode.Snapshot s = e.getValue();
            GossipNode.Snapshot r = ref.getValue();
            if (s.count() != r.count() || s.idXor() != r.idXor() || s.idSum() != r.idSum()) {
                return new Verification(false, min, ref.getKey() + " holds " + r.count() + " transactions but "
                        + e.getKey() + " holds " + s.count() + " (or different ones)");
            }
        }
        return new Verification(true, min, snaps.size() + " live nodes hold the same " + min + " transactions");
    }

    /**
     * Builds a {@link GossipSuite}; validates every value eagerly. Not thread-safe.
     */
    public static final class Builder extends ClusterSuite.Builder<Builder, GossipSuite> {

        private Builder() {
            super(SIZES, 5, SPACE);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** @param nodes cluster size, one of 1, 3, 5, 7 (default 5) */
        @Override
        public Builder nodes(int nodes) {
            return super.nodes(nodes);
        }

        /** @param fanout peers per round, 1..16 (default 2) */
        public Builder fanout(int fanout) {
            return knob(FANOUT.name(), fanout);
        }

        /** @param ms gossip round interval in ms, 5..1000 (default 20) */
        public Builder roundIntervalMs(int ms) {
            return knob(ROUND.name(), ms);
        }

        /** @param share share of nodes that must hold a transaction, 0.1..1.0 (default 0.67) */
        public Builder commitShare(double share) {
            return knob(SHARE.name(), share);
        }

        /** @return the suite (not yet started: call {@link GossipSuite#setup}) */
        @Override
        public GossipSuite build() {
            return new GossipSuite(this);
        }
    }
}
