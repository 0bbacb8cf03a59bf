package dev.vernier.examples.raft;

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
import dev.vernier.examples.cluster.ApplyListener;
import dev.vernier.examples.cluster.ClientTable;
import dev.vernier.examples.cluster.Cluster;
import dev.vernier.examples.cluster.DiskConfig;
import dev.vernier.examples.cluster.NetworkConfig;
import dev.vernier.examples.raft.RaftMessage.Request;
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
 * An in-process Raft cluster as a Vernier {@link ProtocolSuite}: leader election with randomised
 * timeouts, AppendEntries replication with batching and optional pipelining, commit on majority, a
 * key-value state machine, follower catch-up by {@code nextIndex} backoff. Requests go to the known
 * leader (or any live node, which forwards them); without a leader they are rejected with
 * {@code "no leader"}. Outcomes carry agreed (committed on the leader) and applied (applied by the
 * leader's state machine) timestamps of the run's clock.
 *
 * <p>Knobs ({@link #parameterSpace()}), all applied live: {@code maxBatchSize} (1..4096, log scale,
 * default 1), {@code pipelining} (default false), {@code maxInflightAppends} (1..64, default 8, used
 * when pipelining), {@code heartbeatIntervalMs} (10..1000, default 50), {@code electionTimeoutMs}
 * (50..5000, default 300; randomised in [T, 2T]).
 *
 * <p>Thread-safe: {@link #submit} may be called from many threads and returns at once; faults,
 * tuning and verification may run while load runs. Created by {@link #builder()}; call
 * {@link #setup} before use and {@link #teardown} (or {@link #close}) after.
 */
public final class RaftSuite implements ProtocolSuite, Tunable, FaultInjector, ClusterControl, StateVerifier,
        AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RaftSuite.class);
    private static final List<Integer> SIZES = List.of(1, 3, 5, 7);
    private static final long TICK_MICROS = 5_000;

    static final IntParameter MAX_BATCH = Parameter.integer("maxBatchSize", 1, 4096, 1).logScaled()
            .describedAs("entries per AppendEntries and per durable write of the leader; live");
    static final Parameter<Boolean> PIPELINING = Parameter.bool("pipelining", false)
            .describedAs("allow maxInflightAppends AppendEntries in flight per follower (else one); live");
    static final IntParameter MAX_INFLIGHT = Parameter.integer("maxInflightAppends", 1, 64, 8)
            .describedAs("AppendEntries in flight per follower when pipelining; live");
    static final IntParameter HEARTBEAT = Parameter.integer("heartbeatIntervalMs", 10, 1000, 50)
            .describedAs("leader heartbeat period in ms; live");
    static final IntParameter ELECTION = Parameter.integer("electionTimeoutMs", 50, 5000, 300)
            .describedAs("base election timeout in ms, randomised in [T, 2T]; must exceed 2x heartbeat; live");
    private static final ParameterSpace SPACE = ParameterSpace.of(MAX_BATCH, PIPELINING, MAX_INFLIGHT, HEARTBEAT, ELECTION);

    private final Long fixedSeed;
    private final NetworkConfig network;
    private final DiskConfig disk;
    private final Duration requestTimeout;
    private final ApplyListener applyListener;
    private final AtomicReference<RaftSettings> settings;
    private final AtomicInteger roundRobin = new AtomicInteger();
    private final Object lifecycle = new Object();

    private volatile int size;
    private volatile Cluster<RaftMessage, RaftNode> cluster;
    private volatile ClientTable clients;
    private volatile NanoClock clock = NanoClock.system();
    private volatile long seed;
    private volatile String leaderHint;
    private long leaderHintTerm;

    private RaftSuite(Builder b) {
        this.fixedSeed = b.seed;
        this.network = b.network;
        this.disk = b.disk;
        this.requestTimeout = b.requestTimeout;
        this.applyListener = b.applyListener;
        this.size = b.nodes;
        this.settings = new AtomicReference<>(b.settings());
    }

    /** @return a builder with the defaults: 3 nodes, default network and disk, default knobs */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "raft";
    }

    @Override
    public void setup(SuiteContext context) throws Exception {
        Check.notNull("context", context);
        synchronized (lifecycle) {
            if (cluster != null) {
                throw new IllegalStateException("raft suite is already set up");
            }
            clock = context.clock();
            seed = fixedSeed != null ? fixedSeed : context.seed();
            clients = new ClientTable("raft", requestTimeout);
            startCluster();
        }
    }

    private void startCluster() throws Exception {
        leaderHint = null;
        synchronized (this) {
            leaderHintTerm = 0;
        }
        Cluster<RaftMessage, RaftNode> c = new Cluster<RaftMessage, RaftNode>("raft", size, network, disk, seed, TICK_MICROS,
                ctx -> new RaftNode(ctx, host));
        cluster = c;
        c.start();
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
            Cluster<RaftMessage, RaftNode> c = requireCluster();
            for (String id : c.liveNodes()) {
                try {
                    if (c.call(id, RaftNode::isLeader).get(1, TimeUnit.SECONDS)) {
                        return id;
                    }
                } catch (Exception e) {
                    // node went down meanwhile; look at the others
                }
            }
            Thread.sleep(5);
        }
        throw new TimeoutException("no raft leader within " + timeout);
    }

    @Override
    public CompletionStage<TxOutcome> submit(Transaction transaction) {
        Cluster<RaftMessage, RaftNode> c = requireCluster();
        ClientTable table = clients;
        CompletableFuture<TxOutcome> future = new CompletableFuture<>();
        long id = table.register(future);
        List<Request> one = List.of(new Request(id, transaction.key(), transaction.payload()));
        String hint = leaderHint;
        if (hint != null && c.execute(hint, n -> n.route(one, 0))) {
            return future;
        }
        List<String> live = c.liveNodes();
        int start = Math.floorMod(roundRobin.getAndIncrement(), Math.max(1, live.size()));
        for (int i = 0; i < live.size(); i++) {
            if (c.execute(live.get((start + i) % live.size()), n -> n.route(one, 0))) {
                return future;
            }
        }
        table.rejected(List.of(id), "no live node");
        return future;
    }

    private Cluster<RaftMessage, RaftNode> requireCluster() {
        Cluster<RaftMessage, RaftNode> c = cluster;
        if (c == null) {
            throw new IllegalStateException("raft suite is not set up; call setup() first");
        }
        return c;
    }

    private final RaftNode.Host host = new RaftNode.Host() {
        @Override
        public RaftSettings settings() {
            return settings.get();
        }

        @Override
        public long clockNanos() {
            return clock.nanoTime();
        }

        @Override
        public ApplyListener applyListener() {
            return applyListener;
        }

        @Override
        public void completed(List<Long> requestIds, long agreedNanos, long appliedNanos) {
            clients.committed(requestIds, agreedNanos, appliedNanos);
        }

        @Override
        public void rejected(List<Request> requests, String reason) {
            List<Long> ids = new ArrayList<>(requests.size());
            requests.forEach(r -> ids.add(r.id()));
            clients.rejected(ids, reason);
        }

        @Override
        public void leaderElected(String nodeId, long term) {
            synchronized (RaftSuite.this) {
                if (term >= leaderHintTerm) {
                    leaderHintTerm = term;
                    leaderHint = nodeId;
                }
            }
            LOG.debug("raft: {} is leader of term {}", nodeId, term);
        }
    };

    @Override
    public void teardown() {
        synchronized (lifecycle) {
            Cluster<RaftMessage, RaftNode> c = cluster;
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
        RaftSettings s = settings.get();
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(MAX_BATCH.name(), s.maxBatchSize());
        values.put(PIPELINING.name(), s.pipelining());
        values.put(MAX_INFLIGHT.name(), s.maxInflightAppends());
        values.put(HEARTBEAT.name(), s.heartbeatIntervalMs());
        values.put(ELECTION.name(), s.electionTimeoutMs());
        return new Configuration(values);
    }

    @Override
    public void apply(Configuration changes) {
        Check.notNull("changes", changes);
        Configuration valid = SPACE.validate(changes);
        settings.updateAndGet(current -> {
            Configuration merged = currentConfigurationOf(current).with(valid);
            return toSettings(merged);
        });
        LOG.debug("raft: applied {}", valid);
    }

    private static Configuration currentConfigurationOf(RaftSettings s) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(MAX_BATCH.name(), s.maxBatchSize());
        values.put(PIPELINING.name(), s.pipelining());
        values.put(MAX_INFLIGHT.name(), s.maxInflightAppends());
        values.put(HEARTBEAT.name(), s.heartbeatIntervalMs());
        values.put(ELECTION.name(), s.electionTimeoutMs());
        return new Configuration(values);
    }

    private static RaftSettings toSettings(Configuration c) {
        RaftSettings s = new RaftSettings(c.getInt(MAX_BATCH.name()), c.getBoolean(PIPELINING.name()),
                c.getInt(MAX_INFLIGHT.name()), c.getInt(HEARTBEAT.name()), c.getInt(ELECTION.name()));
        if (s.electionTimeoutMs() <= 2 * s.heartbeatIntervalMs()) {
            throw new IllegalArgumentException("parameter electionTimeoutMs must exceed 2 x heartbeatIntervalMs ("
                    + s.heartbeatIntervalMs() + "), but was " + s.electionTimeoutMs());
        }
        return s;
    }

    // ---- FaultInjector

    @Override
    public List<String> nodes() {
        return requireCluster().nodeIds();
    }

    @Override
    public Optional<String> leader() {
        Cluster<RaftMessage, RaftNode> c = cluster;
        String hint = leaderHint;
        return c != null && hint != null && c.isAlive(hint) ? Optional.of(hint) : Optional.empty();
    }

    @Override
    public void crash(String nodeId) {
        requireCluster().crash(nodeId);
        synchronized (this) {
            if (nodeId.equals(leaderHint)) {
                leaderHint = null;
            }
        }
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
            Cluster<RaftMessage, RaftNode> old = requireCluster();
            old.close();
            clients.rejectAll("cluster resized");
            size = nodes;
            startCluster();
        }
    }

    // ---- StateVerifier

    @Override
    public Verification verify() {
        Cluster<RaftMessage, RaftNode> c = requireCluster();
        Map<String, RaftNode.Snapshot> snaps = new LinkedHashMap<>();
        for (String id : c.liveNodes()) {
            try {
                snaps.put(id, c.call(id, RaftNode::snapshot).get(5, TimeUnit.SECONDS));
            } catch (Exception e) {
                // crashed meanwhile: not live any more
            }
        }
        if (snaps.isEmpty()) {
            return new Verification(true, 0, "no live replica");
        }
        long prefix = snaps.values().stream().mapToLong(RaftNode.Snapshot::commitIndex).min().orElse(0);
        Map.Entry<String, RaftNode.Snapshot> ref = snaps.entrySet().iterator().next();
        for (int i = 0; i < prefix; i++) {
            for (Map.Entry<String, RaftNode.Snapshot> e : snaps.entrySet()) {
                RaftNode.Snapshot s = e.getValue();
                RaftNode.Snapshot r = ref.getValue();
                if (s.terms()[i] != r.terms()[i] || s.requestIds()[i] != r.requestIds()[i]) {
                    return new Verification(false, i, "index " + (i + 1) + ": " + ref.getKey() + " has (term "
                            + r.terms()[i] + ", entry " + r.requestIds()[i] + ") but " + e.getKey() + " has (term "
                            + s.terms()[i] + ", entry " + s.requestIds()[i] + ")");
                }
            }
        }
        return new Verification(true, prefix, snaps.size() + " live replicas agree on " + prefix + " committed entries");
    }

    /**
     * Builds a {@link RaftSuite}; validates every value eagerly. Not thread-safe.
     */
    public static final class Builder {
        private int nodes = 3;
        private Long seed;
        private NetworkConfig network = NetworkConfig.defaults();
        private DiskConfig disk = DiskConfig.defaults();
        private Duration requestTimeout = Duration.ofSeconds(5);
        private ApplyListener applyListener = ApplyListener.NONE;
        private Configuration knobs = SPACE.defaults();

        private Builder() {
        }

        /** @param nodes cluster size, one of 1, 3, 5, 7 (default 3) */
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

        /** @param listener observes every apply on every replica (default none) */
        public Builder applyListener(ApplyListener listener) {
            this.applyListener = Check.notNull("applyListener", listener);
            return this;
        }

        /** @param size entries per append and per durable write, 1..4096 (default 1) */
        public Builder maxBatchSize(int size) {
            return knob(MAX_BATCH.name(), size);
        }

        /** @param on allow several appends in flight per follower (default false) */
        public Builder pipelining(boolean on) {
            return knob(PIPELINING.name(), on);
        }

        /** @param n appends in flight per follower when pipelining, 1..64 (default 8) */
        public Builder maxInflightAppends(int n) {
            return knob(MAX_INFLIGHT.name(), n);
        }

        /** @param ms heartbeat period in ms, 10..1000 (default 50) */
        public Builder heartbeatIntervalMs(int ms) {
            return knob(HEARTBEAT.name(), ms);
        }

        /** @param ms base election timeout in ms, 50..5000 (default 300) */
        public Builder electionTimeoutMs(int ms) {
            return knob(ELECTION.name(), ms);
        }

        private Builder knob(String name, Object value) {
            knobs = knobs.with(SPACE.validate(Configuration.of(name, value)));
            return this;
        }

        RaftSettings settings() {
            return toSettings(knobs);
        }

        /** @return the suite (not yet started: call {@link RaftSuite#setup}) */
        public RaftSuite build() {
            toSettings(knobs);
            return new RaftSuite(this);
        }
    }
}
