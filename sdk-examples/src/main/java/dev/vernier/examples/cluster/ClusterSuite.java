package dev.vernier.examples.cluster;

import dev.vernier.api.internal.Check;
import dev.vernier.api.ClusterControl;
import dev.vernier.api.FaultInjector;
import dev.vernier.api.NanoClock;
import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.StateVerifier;
import dev.vernier.api.SuiteContext;
import dev.vernier.api.Transaction;
import dev.vernier.api.TxOutcome;
import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.ParameterSpace;
import dev.vernier.core.recording.OperationRecorder;
import dev.vernier.api.tuning.Tunable;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plumbing every in-process example suite shares: a {@link Cluster} of one protocol's nodes
 * started by {@link #setup} and stopped by {@link #teardown}, a {@link ClientTable} of outstanding
 * requests, fault injection and resizing delegated to the cluster, and knobs held as one immutable
 * settings value that {@link #apply} swaps atomically and the nodes read on every use.
 *
 * <p>A protocol supplies what differs: its name, supported sizes and knobs (through its
 * {@link Builder}), the mapping between its settings and a {@link Configuration} (with any
 * cross-parameter validation), how to create a node ({@link #newNode}), how to hand a request to a
 * node ({@link #delivery}), and {@link #verify}. Optional hooks run around cluster (re)starts.
 *
 * <p>Thread-safe: {@link #submit} may be called from many threads and returns at once; faults,
 * tuning and verification may run while load runs. {@link #setup}, {@link #teardown} and
 * {@link #resize} are serialised by one lifecycle lock; the cluster, client table, clock, seed and
 * size are volatile, so every thread sees the latest; the settings are replaced with an atomic
 * update, never mutated.
 *
 * @param <M> the protocol's message type
 * @param <N> the protocol's node type
 * @param <S> the protocol's settings: an immutable value holding the live knob values
 */
public abstract class ClusterSuite<M extends Message, N extends NodeProcess<M>, S>
        implements ProtocolSuite, Tunable, FaultInjector, ClusterControl, StateVerifier, AutoCloseable {

    private static final long TICK_MICROS = 5_000;

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final String name;
    private final List<Integer> sizes;
    private final ParameterSpace space;
    private final Function<S, Configuration> configurationOf;
    private final Function<Configuration, S> toSettings;
    private final Long fixedSeed;
    private final NetworkConfig network;
    private final DiskConfig disk;
    private final Duration requestTimeout;
    private final OperationRecorder recorder;
    private final ApplyListener applyListener;
    private final AtomicReference<S> settings;
    private final AtomicInteger roundRobin = new AtomicInteger();
    private final Object lifecycle = new Object();

    private volatile int size;
    private volatile Cluster<M, N> cluster;
    private volatile ClientTable clients;
    private volatile NanoClock clock = NanoClock.system();
    private volatile long seed;

    /**
     * The settings mapping is passed as functions rather than overridden because it is needed here,
     * in the constructor, where a subclass is not yet initialised.
     *
     * @param name the protocol's short name: {@link #name()}, and used in thread names and messages
     * @param builder the validated builder values
     * @param configurationOf the settings as a configuration, one value per parameter of the space
     * @param toSettings settings from a complete configuration; throws
     *     {@link IllegalArgumentException} for a combination of values the protocol rejects
     * @throws IllegalArgumentException when the builder's knobs do not make valid settings
     */
    protected ClusterSuite(String name, Builder<?, ?> builder, Function<S, Configuration> configurationOf,
                           Function<Configuration, S> toSettings) {
        this.name = name;
        this.sizes = builder.sizes;
        this.space = builder.space;
        this.configurationOf = configurationOf;
        this.toSettings = toSettings;
        this.fixedSeed = builder.seed;
        this.network = builder.network;
        this.disk = builder.disk;
        this.requestTimeout = builder.requestTimeout;
        this.recorder = builder.recorder;
        this.applyListener = builder.applyListener;
        this.size = builder.nodes;
        this.settings = new AtomicReference<>(toSettings.apply(builder.knobs));
    }

    // ---- hooks

    /**
     * Creates one incarnation of a node (at start, on restart, after a resize).
     *
     * @param context the node's context
     * @return the new node
     */
    protected abstract N newNode(NodeContext<M> context);

    /**
     * The action that hands a newly registered request to a node. It is run on the node's event loop
     * and may be offered to several nodes in turn until one is live (so it must be reusable).
     *
     * @param requestId the request's id in {@link #clientTable()}
     * @param transaction the transaction
     * @return the action to run on the receiving node
     */
    protected abstract Consumer<N> delivery(long requestId, Transaction transaction);

    /** @return the node to offer a request to first, or null for none (then live nodes in turn) */
    protected String preferredNode() {
        return null;
    }

    /**
     * Called when no live node took a request, just before it is rejected.
     *
     * @param requestId the request's id
     */
    protected void undeliverable(long requestId) {
    }

    /** Called under the lifecycle lock before a new cluster is created (setup and resize). */
    protected void clusterStarting() {
    }

    /**
     * Called under the lifecycle lock after a new cluster started; waits until it serves.
     *
     * @throws Exception when it does not serve in time; setup or resize then fails with it
     */
    protected void clusterStarted() throws Exception {
    }

    /** Called under the lifecycle lock after the old cluster stopped on resize and its requests were rejected. */
    protected void clusterStopped() {
    }

    // ---- for subclasses

    /** @return the settings in force now */
    protected final S liveSettings() {
        return settings.get();
    }

    /** @return the clock of the run (from {@link SuiteContext}), the system clock before setup */
    protected final NanoClock runClock() {
        return clock;
    }

    /** @return the listener given to the builder ({@link ApplyListener#NONE} if none) */
    protected final ApplyListener listener() {
        return applyListener;
    }

    /** @return the client table of the current setup (null before setup) */
    protected final ClientTable clientTable() {
        return clients;
    }

    /**
     * @return the running cluster
     * @throws IllegalStateException before {@link #setup} and after {@link #teardown}
     */
    protected final Cluster<M, N> requireCluster() {
        Cluster<M, N> c = cluster;
        if (c == null) {
            throw new IllegalStateException(name + " suite is not set up; call setup() first");
        }
        return c;
    }

    /** @return the running cluster, or null when not set up */
    protected final Cluster<M, N> clusterOrNull() {
        return cluster;
    }

    /**
     * Queries every live node on its event loop, waiting up to 5 s for each; a node that goes down
     * meanwhile is left out.
     *
     * @param query runs on the node's event loop
     * @return the results by node id, in cluster order
     * @throws IllegalStateException when not set up
     */
    protected final <T> Map<String, T> queryLiveNodes(Function<N, T> query) {
        Cluster<M, N> c = requireCluster();
        Map<String, T> results = new LinkedHashMap<>();
        for (String id : c.liveNodes()) {
            try {
                results.put(id, c.call(id, query).get(5, TimeUnit.SECONDS));
            } catch (Exception e) {
                // crashed meanwhile: not live any more
            }
        }
        return results;
    }

    /**
     * What a node's log says against the reference log at one position.
     *
     * @param <T> the protocol's snapshot type
     */
    @FunctionalInterface
    protected interface Disagreement<T> {
        /**
         * @param index 0-based position in the committed prefix
         * @param referenceId the reference node (the first live one)
         * @param reference its snapshot
         * @param otherId the node compared with it
         * @param other that node's snapshot
         * @return null when the two agree at {@code index}, else a description naming both
         */
        String at(int index, String referenceId, T reference, String otherId, T other);
    }

    /**
     * {@link #verify()} for a protocol with an ordered log: every live replica must hold the same
     * entry at every position of the shortest committed prefix. The first live node (in cluster
     * order) is the reference; the first disagreement found is reported at its position.
     *
     * @param snapshot queries a node's log on its event loop (see {@link #queryLiveNodes})
     * @param committed length of a snapshot's committed prefix
     * @param what what the prefix holds, for the summary, e.g. {@code "committed entries"}
     * @param disagreement compares one position
     * @return the verification
     */
    protected final <T> Verification verifyCommittedPrefix(Function<N, T> snapshot, ToLongFunction<T> committed,
                                                           String what, Disagreement<T> disagreement) {
        Map<String, T> snaps = queryLiveNodes(snapshot);
        if (snaps.isEmpty()) {
            return new Verification(true, 0, "no live replica");
        }
        long prefix = snaps.values().stream().mapToLong(committed).min().orElse(0);
        Map.Entry<String, T> ref = snaps.entrySet().iterator().next();
        for (int i = 0; i < prefix; i++) {
            for (Map.Entry<String, T> e : snaps.entrySet()) {
                String detail = disagreement.at(i, ref.getKey(), ref.getValue(), e.getKey(), e.getValue());
                if (detail != null) {
                    return new Verification(false, i, detail);
                }
            }
        }
        return new Verification(true, prefix, snaps.size() + " live replicas agree on " + prefix + " " + what);
    }

    // ---- ProtocolSuite

    @Override
    public final String name() {
        return name;
    }

    @Override
    public void setup(SuiteContext context) throws Exception {
        Check.notNull("context", context);
        synchronized (lifecycle) {
            if (cluster != null) {
                throw new IllegalStateException(name + " suite is already set up");
            }
            clock = context.clock();
            seed = fixedSeed != null ? fixedSeed : context.seed();
            clients = new ClientTable(name, requestTimeout, recorder);
            startCluster();
        }
    }

    private void startCluster() throws Exception {
        clusterStarting();
        Cluster<M, N> c = new Cluster<M, N>(name, size, network, disk, seed, TICK_MICROS, this::newNode);
        cluster = c;
        c.start();
        clusterStarted();
    }

    @Override
    public CompletionStage<TxOutcome> submit(Transaction transaction) {
        Cluster<M, N> c = requireCluster();
        ClientTable table = clients;
        CompletableFuture<TxOutcome> future = new CompletableFuture<>();
        long id = table.register(future);
        Consumer<N> action = delivery(id, transaction);
        String preferred = preferredNode();
        if (preferred != null && c.execute(preferred, action)) {
            return future;
        }
        List<String> live = c.liveNodes();
        int start = Math.floorMod(roundRobin.getAndIncrement(), Math.max(1, live.size()));
        for (int i = 0; i < live.size(); i++) {
            if (c.execute(live.get((start + i) % live.size()), action)) {
                return future;
            }
        }
        undeliverable(id);
        table.rejected(List.of(id), "no live node");
        return future;
    }

    @Override
    public void teardown() {
        synchronized (lifecycle) {
            Cluster<M, N> c = cluster;
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
        return space;
    }

    @Override
    public Configuration currentConfiguration() {
        return configurationOf.apply(settings.get());
    }

    @Override
    public void apply(Configuration changes) {
        Check.notNull("changes", changes);
        Configuration valid = space.validate(changes);
        settings.updateAndGet(current -> toSettings.apply(configurationOf.apply(current).with(valid)));
        log.debug("{}: applied {}", name, valid);
    }

    // ---- FaultInjector

    @Override
    public List<String> nodes() {
        return requireCluster().nodeIds();
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
        return sizes;
    }

    @Override
    public void resize(int nodes) throws Exception {
        checkSize(sizes, nodes);
        synchronized (lifecycle) {
            Cluster<M, N> old = requireCluster();
            old.close();
            clients.rejectAll("cluster resized");
            clusterStopped();
            size = nodes;
            startCluster();
        }
    }

    private static void checkSize(List<Integer> sizes, int nodes) {
        if (!sizes.contains(nodes)) {
            throw new IllegalArgumentException("nodes must be one of " + sizes + ", but was " + nodes);
        }
    }

    /**
     * The builder values every example suite shares; validates every value eagerly. Not thread-safe.
     *
     * @param <B> the concrete builder, returned by every setter
     * @param <T> the suite it builds
     */
    public abstract static class Builder<B extends Builder<B, T>, T extends ClusterSuite<?, ?, ?>> {
        private final List<Integer> sizes;
        private final ParameterSpace space;
        private int nodes;
        private Long seed;
        private NetworkConfig network = NetworkConfig.defaults();
        private DiskConfig disk = DiskConfig.defaults();
        private Duration requestTimeout = Duration.ofSeconds(5);
        private OperationRecorder recorder;
        private ApplyListener applyListener = ApplyListener.NONE;
        private Configuration knobs;

        /**
         * @param sizes the cluster sizes the protocol supports, ascending
         * @param defaultNodes the default cluster size, one of {@code sizes}
         * @param space the protocol's knobs; they start at their defaults
         */
        protected Builder(List<Integer> sizes, int defaultNodes, ParameterSpace space) {
            this.sizes = List.copyOf(sizes);
            this.space = space;
            this.nodes = defaultNodes;
            this.knobs = space.defaults();
        }

        /** @return this builder */
        protected abstract B self();

        /** @param nodes cluster size, one of the protocol's supported sizes */
        public B nodes(int nodes) {
            checkSize(sizes, nodes);
            this.nodes = nodes;
            return self();
        }

        /** @param seed seed of all randomness; default: the scenario's seed from {@link SuiteContext} */
        public B seed(long seed) {
            this.seed = seed;
            return self();
        }

        /** @param network link model (default {@link NetworkConfig#defaults()}) */
        public B network(NetworkConfig network) {
            this.network = Check.notNull("network", network);
            return self();
        }

        /** @param disk durable-write cost model (default {@link DiskConfig#defaults()}) */
        public B disk(DiskConfig disk) {
            this.disk = Check.notNull("disk", disk);
            return self();
        }

        /** @param timeout how long a request may stay unanswered before it is rejected (default 5 s) */
        public B requestTimeout(Duration timeout) {
            this.requestTimeout = Check.positive("requestTimeout", timeout);
            return self();
        }

        /**
         * @param recorder records every request the cluster serves, as a node records its own traffic:
         *     committed ones with their latency from arrival to answer, rejected and timed-out ones as
         *     failures (type {@value ClientTable#RECORDED_TYPE}); default none
         * @return this builder
         */
        public B recorder(OperationRecorder recorder) {
            this.recorder = Check.notNull("recorder", recorder);
            return self();
        }

        /**
         * Protected: a protocol whose nodes report applies makes it public by overriding it.
         *
         * @param listener observes every apply on every replica (default none)
         */
        protected B applyListener(ApplyListener listener) {
            this.applyListener = Check.notNull("applyListener", listener);
            return self();
        }

        /**
         * Sets one knob, validated against the protocol's parameter space.
         *
         * @param name the parameter's name
         * @param value its value, within bounds
         * @throws IllegalArgumentException for an unknown parameter or a value out of bounds
         */
        protected final B knob(String name, Object value) {
            knobs = knobs.with(space.validate(Configuration.of(name, value)));
            return self();
        }

        /**
         * @return the suite (not yet started: call {@link ClusterSuite#setup})
         * @throws IllegalArgumentException when the knobs together do not make valid settings
         */
        public abstract T build();
    }
}
