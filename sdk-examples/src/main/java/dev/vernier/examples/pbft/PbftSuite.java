package dev.vernier.examples.pbft;

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
import dev.vernier.examples.pbft.PbftMessage.Request;
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
 * An in-process PBFT cluster of 3f+1 replicas as a Vernier {@link ProtocolSuite}: the primary
 * batches requests into pre-prepares, replicas run prepare and commit with 2f+1 quorums, up to
 * {@code window} sequence numbers run concurrently, and replicas move to the next view when the
 * primary makes no progress for {@code viewChangeTimeoutMs}. Faults are crashes and partitions (no
 * Byzantine behaviour is simulated, so messages are not signed). Outcomes carry agreed (committed
 * locally on the first replica to execute) and applied (executed) timestamps of the run's clock.
 *
 * <p>Knobs, all applied live: {@code batchSize} (1..4096, log scale, default 16), {@code window}
 * (1..64, default 4), {@code viewChangeTimeoutMs} (50..10000, default 500).
 *
 * <p>Thread-safe: {@link #submit} may be called from many threads and returns at once. Created by
 * {@link #builder()}; call {@link #setup} before use and {@link #teardown} (or {@link #close}) after.
 */
public final class PbftSuite implements ProtocolSuite, Tunable, FaultInjector, ClusterControl, StateVerifier,
        AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PbftSuite.class);
    private static final List<Integer> SIZES = List.of(1, 4, 7);
    private static final long TICK_MICROS = 5_000;

    static final IntParameter BATCH = Parameter.integer("batchSize", 1, 4096, 16).logScaled()
            .describedAs("requests per pre-prepare and per durable write; live");
    static final IntParameter WINDOW = Parameter.integer("window", 1, 64, 4)
            .describedAs("sequence numbers in flight beyond the last executed one; live");
    static final IntParameter VIEW_CHANGE = Parameter.integer("viewChangeTimeoutMs", 50, 10_000, 500)
            .describedAs("ms without progress before replicas move to the next view; live");
    private static final ParameterSpace SPACE = ParameterSpace.of(BATCH, WINDOW, VIEW_CHANGE);

    private final Long fixedSeed;
    private final NetworkConfig network;
    private final DiskConfig disk;
    private final Duration requestTimeout;
    private final ApplyListener applyListener;
    private final AtomicReference<PbftSettings> settings;
    private final AtomicInteger roundRobin = new AtomicInteger();
    private final Object lifecycle = new Object();

    private volatile int size;
    private volatile Cluster<PbftMessage, PbftNode> cluster;
    private volatile ClientTable clients;
    private volatile NanoClock clock = NanoClock.system();
    private volatile long seed;
    private volatile String leaderHint;
    private long leaderHintTerm;

    private PbftSuite(Builder b) {
        this.fixedSeed = b.seed;
        this.network = b.network;
        this.disk = b.disk;
        this.requestTimeout = b.requestTimeout;
        this.applyListener = b.applyListener;
        this.size = b.nodes;
        this.settings = new AtomicReference<>(b.settings());
    }

    /** @return a builder with the defaults: 4 replicas, default network and disk, default knobs */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "pbft";
    }

    @Override
    public void setup(SuiteContext context) throws Exception {
        Check.notNull("context", context);
        synchronized (lifecycle) {
            if (cluster != null) {
                throw new IllegalStateException("pbft suite is already set up");
            }
            clock = context.clock();
            seed = fixedSeed != null ? fixedSeed : context.seed();
            clients = new ClientTable("pbft", requestTimeout);
            startCluster();
        }
    }

    private void startCluster() throws Exception {
        leaderHint = null;
        synchronized (this) {
            leaderHintTerm = 0;
        }
        Cluster<PbftMessage, PbftNode> c = new Cluster<PbftMessage, PbftNode>("pbft", size, network, disk, seed, TICK_MICROS,
                ctx -> new PbftNode(ctx, host));
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
            Cluster<PbftMessage, PbftNode> c = requireCluster();
            for (String id : c.liveNodes()) {
                try {
                    if (c.call(id, PbftNode::isPrimaryNow).get(1, TimeUnit.SECONDS)) {
                        return id;
                    }
                } catch (Exception e) {
                    // node went down meanwhile; look at the others
                }
            }
            Thread.sleep(5);
        }
        throw new TimeoutException("no pbft primary within " + timeout);
    }

    @Override
    public CompletionStage<TxOutcome> submit(Transaction transaction) {
        Cluster<PbftMessage, PbftNode> c = requireCluster();
        ClientTable table = clients;
        CompletableFuture<TxOutcome> future = new CompletableFuture<>();
        long id = table.register(future);
        List<Request> one = List.of(new Request(id, transaction.key(), transaction.payload()));
        String hint = leaderHint;
        if (hint != null && c.execute(hint, n -> n.submit(one))) {
            return future;
        }
        List<String> live = c.liveNodes();
        int start = Math.floorMod(roundRobin.getAndIncrement(), Math.max(1, live.size()));
        for (int i = 0; i < live.size(); i++) {
            if (c.execute(live.get((start + i) % live.size()), n -> n.submit(one))) {
                return future;
            }
        }
        table.rejected(List.of(id), "no live node");
        return future;
    }

    private Cluster<PbftMessage, PbftNode> requireCluster() {
        Cluster<PbftMessage, PbftNode> c = cluster;
        if (c == null) {
            throw new IllegalStateException("pbft suite is not set up; call setup() first");
        }
        return c;
    }

    private final PbftNode.Host host = new PbftNode.Host() {
        @Override
        public PbftSettings settings() {
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
        public void executed(List<Long> requestIds, long agreedNanos, long appliedNanos) {
            clients.committed(requestIds, agreedNanos, appliedNanos);
        }

        @Override
        public void primaryIs(String nodeId, long view) {
            synchronized (PbftSuite.this) {
                if (view >= leaderHintTerm) {
                    leaderHintTerm = view;
                    leaderHint = nodeId;
                }
            }
        }
    };

    @Override
    public void teardown() {
        synchronized (lifecycle) {
            Cluster<PbftMessage, PbftNode> c = cluster;
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
        LOG.debug("pbft: applied {}", valid);
    }

    private static Configuration configurationOf(PbftSettings s) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(BATCH.name(), s.batchSize());
        values.put(WINDOW.name(), s.window());
        values.put(VIEW_CHANGE.name(), s.viewChangeTimeoutMs());
        return new Configuration(values);
    }

    private static PbftSettings toSettings(Configuration c) {
        return new PbftSettings(c.getInt(BATCH.name()), c.getInt(WINDOW.name()), c.getInt(VIEW_CHANGE.name()));
    }

    // ---- FaultInjector

    @Override
    public List<String> nodes() {
        return requireCluster().nodeIds();
    }

    @Override
    public Optional<String> leader() {
        Cluster<PbftMessage, PbftNode> c = cluster;
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

    /** @return the current primary if known and live (same as {@link #leader()}) */
    public Optional<String> primary() {
        return leader();
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
            Cluster<PbftMessage, PbftNode> old = requireCluster();
            old.close();
            clients.rejectAll("cluster resized");
            size = nodes;
            startCluster();
        }
    }

    // ---- StateVerifier

    @Override
    public Verification verify() {
        Cluster<PbftMessage, PbftNode> c = requireCluster();
        Map<String, PbftNode.Snapshot> snaps = new LinkedHashMap<>();
        for (String id : c.liveNodes()) {
            try {
                snaps.put(id, c.call(id, PbftNode::snapshot).get(5, TimeUnit.SECONDS));
            } catch (Exception e) {
                // crashed meanwhile: not live any more
            }
        }
        if (snaps.isEmpty()) {
            return new Verification(true, 0, "no live replica");
        }
        long prefix = snaps.values().stream().mapToLong(PbftNode.Snapshot::lastExecuted).min().orElse(0);
        Map.Entry<String, PbftNode.Snapshot> ref = snaps.entrySet().iterator().next();
        for (int i = 0; i < prefix; i++) {
            for (Map.Entry<String, PbftNode.Snapshot> e : snaps.entrySet()) {
                if (e.getValue().digests()[i] != ref.getValue().digests()[i]) {
                    return new Verification(false, i, "sequence " + (i + 1) + ": " + ref.getKey() + " executed batch "
                            + ref.getValue().digests()[i] + " but " + e.getKey() + " executed " + e.getValue().digests()[i]);
                }
            }
        }
        return new Verification(true, prefix, snaps.size() + " live replicas agree on " + prefix + " executed batches");
    }

    /**
     * Builds a {@link PbftSuite}; validates every value eagerly. Not thread-safe.
     */
    public static final class Builder {
        private int nodes = 4;
        private Long seed;
        private NetworkConfig network = NetworkConfig.defaults();
        private DiskConfig disk = DiskConfig.defaults();
        private Duration requestTimeout = Duration.ofSeconds(5);
        private ApplyListener applyListener = ApplyListener.NONE;
        private Configuration knobs = SPACE.defaults();

        private Builder() {
        }

        /** @param nodes cluster size 3f+1, one of 1, 4, 7 (default 4) */
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

        /** @param size requests per pre-prepare, 1..4096 (default 16) */
        public Builder batchSize(int size) {
            return knob(BATCH.name(), size);
        }

        /** @param window sequence numbers in flight, 1..64 (default 4) */
        public Builder window(int window) {
            return knob(WINDOW.name(), window);
        }

        /** @param ms view-change timeout in ms, 50..10000 (default 500) */
        public Builder viewChangeTimeoutMs(int ms) {
            return knob(VIEW_CHANGE.name(), ms);
        }

        private Builder knob(String name, Object value) {
            knobs = knobs.with(SPACE.validate(Configuration.of(name, value)));
            return this;
        }

        PbftSettings settings() {
            return toSettings(knobs);
        }

        /** @return the suite (not yet started: call {@link PbftSuite#setup}) */
        public PbftSuite build() {
            toSettings(knobs);
            return new PbftSuite(this);
        }
    }
}
