package dev.vernier.examples.gossip;

import dev.vernier.api.Check;
import dev.vernier.api.ClusterControl;
import dev.vernier.api.FaultInjector;
import dev.vernier.api.NanoClock;
import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.StateVerifier;
import dev.vernier.api.SuiteContext;
import dev.vernier.api.Transaction;
import dev.vernier.api.TxOutcome;
import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.IntParameter;
import dev.vernier.api.tuning.Parameter;
import dev.vernier.api.tuning.ParameterSpace;
import dev.vernier.api.tuning.Tunable;
import dev.vernier.examples.cluster.ClientTable;
import dev.vernier.examples.cluster.Cluster;
import dev.vernier.examples.cluster.DiskConfig;
import dev.vernier.examples.cluster.NetworkConfig;
import dev.vernier.examples.gossip.GossipMessage.Item;
import dev.vernier.api.tuning.DoubleParameter;
import java.util.concurrent.ConcurrentHashMap;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
public final class GossipSuite implements ProtocolSuite, Tunable, FaultInjector, ClusterControl, StateVerifier,
        AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GossipSuite.class);
    private static final List<Integer> SIZES = List.of(1, 3, 5, 7);
    private static final long TICK_MICROS = 5_000;

    static final IntParameter FANOUT = Parameter.integer("fanout", 1, 16, 2)
            .describedAs("peers contacted per round; live");
    static final IntParameter ROUND = Parameter.integer("roundIntervalMs", 5, 1000, 20)
            .describedAs("time between gossip rounds of one node, ms; live");
    static final DoubleParameter SHARE = Parameter.real("commitShare", 0.1, 1.0, 0.67)
            .describedAs("share of nodes a transaction must reach to count as committed; live");
    private static final ParameterSpace SPACE = ParameterSpace.of(FANOUT, ROUND, SHARE);

    private final Long fixedSeed;
    private final NetworkConfig network;
    private final DiskConfig disk;
    private final Duration requestTimeout;
    private final AtomicReference<GossipSettings> settings;
    private final AtomicInteger roundRobin = new AtomicInteger();
    private final Map<Long, Integer> reach = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();

    private volatile int size;
    private volatile Cluster<GossipMessage, GossipNode> cluster;
    private volatile ClientTable clients;
    private volatile NanoClock clock = NanoClock.system();
    private volatile long seed;

    private GossipSuite(Builder b) {
        this.fixedSeed = b.seed;
        this.network = b.network;
        this.disk = b.disk;
        this.requestTimeout = b.requestTimeout;
        this.size = b.nodes;
        this.settings = new AtomicReference<>(b.settings());
    }

    /** @return a builder with the defaults: 5 nodes, default network and disk, default knobs */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "gossip";
    }

    @Override
    public void setup(SuiteContext context) throws Exception {
        Check.notNull("context", context);
        synchronized (lifecycle) {
            if (cluster != null) {
                throw new IllegalStateException("gossip suite is already set up");
            }
            clock = context.clock();
            seed = fixedSeed != null ? fixedSeed : context.seed();
            clients = new ClientTable("gossip", requestTimeout);
            startCluster();
        }
    }

    private void startCluster() {
        Cluster<GossipMessage, GossipNode> c = new Cluster<GossipMessage, GossipNode>("gossip", size, network, disk, seed,
                TICK_MICROS, ctx -> new GossipNode(ctx, host));
        cluster = c;
        c.start();
    }

    @Override
    public CompletionStage<TxOutcome> submit(Transaction transaction) {
        Cluster<GossipMessage, GossipNode> c = requireCluster();
        ClientTable table = clients;
        CompletableFuture<TxOutcome> future = new CompletableFuture<>();
        long id = table.register(future);
        reach.put(id, 0);
        byte[] value = transaction.payload();
        String key = transaction.key();
        List<String> live = c.liveNodes();
        int start = Math.floorMod(roundRobin.getAndIncrement(), Math.max(1, live.size()));
        for (int i = 0; i < live.size(); i++) {
            if (c.execute(live.get((start + i) % live.size()), n -> n.accept(id, key, value))) {
                return future;
            }
        }
        reach.remove(id);
        table.rejected(List.of(id), "no live node");
        return future;
    }

    private Cluster<GossipMessage, GossipNode> requireCluster() {
        Cluster<GossipMessage, GossipNode> c = cluster;
        if (c == null) {
            throw new IllegalStateException("gossip suite is not set up; call setup() first");
        }
        return c;
    }

    private final GossipNode.Host host = new GossipNode.Host() {
        @Override
        public GossipSettings settings() {
            return settings.get();
        }

        @Override
        public void received(String nodeId, List<Item> items) {
            // half a percent of tolerance, so that the default 0.67 means two thirds (2 of 3 nodes)
            int needed = Math.max(1, (int) Math.ceil((settings.get().commitShare() - 0.005) * size));
            List<Long> done = null;
            for (Item item : items) {
                Integer now = reach.computeIfPresent(item.requestId(), (k, v) -> v + 1);
                if (now != null && now >= needed && reach.remove(item.requestId()) != null) {
                    if (done == null) {
                        done = new ArrayList<>();
                    }
                    done.add(item.requestId());
                } else if (now != null && !clients.isOutstanding(item.requestId())) {
                    reach.remove(item.requestId());
                }
            }
            if (done != null) {
                long t = clock.nanoTime();
                clients.committed(done, t, t);
            }
        }
    };

    @Override
    public void teardown() {
        synchronized (lifecycle) {
            Cluster<GossipMessage, GossipNode> c = cluster;
            cluster = null;
            if (c != null) {
                c.close();
            }
            if (clients != null) {
                clients.close();
            }
        }
    }

    /** Same as {@link #teardown()}. */
    @Override
    public void close() {
        teardown();
    }

    // ---- Tunable

    @Override
    public ParameterSpace parameterSpace() {
        return SPACE;
    }

    @Override
    public Configuration currentConfiguration() {
        return configurationOf(settings.get());
    }

    @Override
    public void apply(Configuration changes) {
        Check.notNull("changes", changes);
        Configuration valid = SPACE.validate(changes);
        settings.updateAndGet(current -> toSettings(configurationOf(current).with(valid)));
        LOG.debug("gossip: applied {}", valid);
    }

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

    @Override
    public List<String> nodes() {
        return requireCluster().nodeIds();
    }

    /** @return always empty: gossip has no leader */
    @Override
    public Optional<String> leader() {
        return Optional.empty();
    }

    @Override
    public void crash(String nodeId) {
        requireCluster().crash(nodeId);
    }

    @Override
    public void restart(String nodeId) {
        requireCluster().restart(nodeId);
    }

    @Override
    public void partition(Set<String> group) {
        requireCluster().partition(group);
    }

    @Override
    public void heal() {
        requireCluster().heal();
    }

    /** @return live node ids */
    public List<String> liveNodes() {
        return requireCluster().liveNodes();
    }

    /** @return synchronised durable writes of a node so far (to observe batching) */
    public long durableWrites(String nodeId) {
        return requireCluster().durable(nodeId).writes();
    }

    // ---- ClusterControl

    @Override
    public int clusterSize() {
        return size;
    }

    @Override
    public List<Integer> supportedSizes() {
        return SIZES;
    }

    @Override
    public void resize(int nodes) throws Exception {
        if (!SIZES.contains(nodes)) {
            throw new IllegalArgumentException("nodes must be one of " + SIZES + ", but was " + nodes);
        }
        synchronized (lifecycle) {
            Cluster<GossipMessage, GossipNode> old = requireCluster();
            old.close();
            clients.rejectAll("cluster resized");
            reach.clear();
            size = nodes;
            startCluster();
        }
    }

    // ---- StateVerifier

    /**
     * Gossip has no order: replicas agree when they hold the same set of transactions. Before
     * partitions heal they may legitimately differ; after healing they converge.
     */
    @Override
    public Verification verify() {
        Cluster<GossipMessage, GossipNode> c = requireCluster();
        Map<String, GossipNode.Snapshot> snaps = new LinkedHashMap<>();
        for (String id : c.liveNodes()) {
            try {
                snaps.put(id, c.call(id, GossipNode::snapshot).get(5, TimeUnit.SECONDS));
            } catch (Exception e) {
                // crashed meanwhile: not live any more
            }
        }
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
    public static final class Builder {
        private int nodes = 5;
        private Long seed;
        private NetworkConfig network = NetworkConfig.defaults();
        private DiskConfig disk = DiskConfig.defaults();
        private Duration requestTimeout = Duration.ofSeconds(5);
        private Configuration knobs = SPACE.defaults();

        private Builder() {
        }

        /** @param nodes cluster size, one of 1, 3, 5, 7 (default 5) */
        public Builder nodes(int nodes) {
            if (!SIZES.contains(nodes)) {
                throw new IllegalArgumentException("nodes must be one of " + SIZES + ", but was " + nodes);
            }
            this.nodes = nodes;
            return this;
        }

        /** @param seed seed of all randomness; default: the scenario's seed from {@link SuiteContext} */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** @param network link model (default {@link NetworkConfig#defaults()}) */
        public Builder network(NetworkConfig network) {
            this.network = Check.notNull("network", network);
            return this;
        }

        /** @param disk durable-write cost model (default {@link DiskConfig#defaults()}) */
        public Builder disk(DiskConfig disk) {
            this.disk = Check.notNull("disk", disk);
            return this;
        }

        /** @param timeout how long a request may stay unanswered before it is rejected (default 5 s) */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Check.positive("requestTimeout", timeout);
            return this;
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

        private Builder knob(String name, Object value) {
            knobs = knobs.with(SPACE.validate(Configuration.of(name, value)));
            return this;
        }

        GossipSettings settings() {
            return toSettings(knobs);
        }

        /** @return the suite (not yet started: call {@link GossipSuite#setup}) */
        public GossipSuite build() {
            toSettings(knobs);
            return new GossipSuite(this);
        }
    }
}
