package dev.vernier.examples.cluster;

import dev.vernier.api.internal.Check;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * N nodes of one protocol in one JVM. Each live node is an incarnation of a {@link NodeProcess}
 * with its own single-threaded event loop; nodes talk only through the {@link Network}. Message
 * deliveries and ticks are scheduled on one scheduler thread owned by the cluster and then handed to
 * the receiving node's event loop.
 *
 * <p>A crash stops the node's event loop (queued work and later messages are dropped) and discards
 * the incarnation with its volatile state; a restart creates a new incarnation with the node's
 * {@link DurableStore}. {@link #close()} stops every thread the cluster started.
 *
 * <p>Thread-safe. Lifecycle operations (crash, restart, close) are serialised; they must not be
 * called from a node's own thread.
 *
 * @param <M> the protocol's message type
 * @param <P> the protocol's node type
 */
public final class Cluster<M extends Message, P extends NodeProcess<M>> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Cluster.class);

    /**
     * Creates one incarnation of a node.
     *
     * @param <M> message type
     * @param <P> node type
     */
    @FunctionalInterface
    public interface NodeFactory<M extends Message, P extends NodeProcess<M>> {
        /** @return a new node process using {@code context} */
        P create(NodeContext<M> context);
    }

    private final String name;
    private final List<String> ids;
    private final DiskConfig disk;
    private final long seed;
    private final long tickNanos;
    private final NodeFactory<M, P> factory;
    private final ScheduledExecutorService scheduler;
    private final Network network;
    private final Map<String, DurableStore> stores = new HashMap<>();
    private final Map<String, Incarnation> live = new ConcurrentHashMap<>();
    private final Map<String, Integer> incarnations = new HashMap<>();
    private boolean closed;

    private final class Incarnation {
        final String id;
        final NodeContext<M> context;
        final P process;
        final ExecutorService loop;
        final AtomicBoolean tickQueued = new AtomicBoolean();
        volatile boolean running = true;
        ScheduledFuture<?> ticker;

        Incarnation(String id, NodeContext<M> context, P process, ExecutorService loop) {
            this.id = id;
            this.context = context;
            this.process = process;
            this.loop = loop;
        }

        boolean run(Runnable task) {
            return run(task, null);
        }

        /**
         * @param task runs on the node's loop while the node is up
         * @param dropped runs instead (on the loop, or on the stopping thread for queued tasks the
         *     stop discards) when the node went down before the task's turn; may be null
         */
        boolean run(Runnable task, Runnable dropped) {
            if (!running) {
                return false;
            }
            try {
                loop.execute(() -> {
                    if (!running) {
                        if (dropped != null) {
                            dropped.run();
                        }
                        return;
                    }
                    try {
                        task.run();
                    } catch (RuntimeException e) {
                        LOG.warn("{} node {}: task failed", name, id, e);
                    }
                });
                return true;
            } catch (RejectedExecutionException stopped) {
                return false;
            }
        }
    }

    /**
     * @param name protocol name, used in thread names
     * @param size number of nodes, at least 1; ids are {@code n1..nN}
     * @param network link model
     * @param disk durable-write cost model
     * @param seed seed of every random draw (network, node randomness)
     * @param tickMicros period of {@link NodeProcess#onTick} in microseconds, positive
     * @param factory creates node incarnations
     * @throws IllegalArgumentException naming the field and value when one is invalid
     */
    public Cluster(String name, int size, NetworkConfig network, DiskConfig disk, long seed, long tickMicros,
                   NodeFactory<M, P> factory) {
        this.name = Check.notBlank("name", name);
        Check.positive("size", size);
        Check.notNull("network", network);
        this.disk = Check.notNull("disk", disk);
        Check.positive("tickMicros", tickMicros);
        this.factory = Check.notNull("factory", factory);
        this.seed = seed;
        this.tickNanos = tickMicros * 1_000L;
        List<String> names = new ArrayList<>();
        for (int i = 1; i <= size; i++) {
            names.add("n" + i);
        }
        this.ids = List.copyOf(names);
        AtomicInteger threads = new AtomicInteger();
        ScheduledThreadPoolExecutor stpe = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "vernier-" + name + "-net-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        stpe.setRemoveOnCancelPolicy(true);
        stpe.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        this.scheduler = stpe;
        this.network = new Network(network, seed, scheduler);
    }

    /** Starts every node. */
    public synchronized void start() {
        for (String id : ids) {
            if (!live.containsKey(id)) {
                startNode(id);
            }
        }
    }

    private void startNode(String id) {
        if (closed) {
            throw new IllegalStateException("cluster " + name + " is closed");
        }
        int incarnation = incarnations.merge(id, 1, Integer::sum);
        DurableStore store = stores.computeIfAbsent(id, k -> new DurableStore(disk, k));
        List<String> peers = ids.stream().filter(p -> !p.equals(id)).toList();
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + id.hashCode() * 31L + incarnation);
        NodeContext<M> context = new NodeContext<>(this, id, peers, store, random);
        P process = factory.create(context);
        String threadName = "vernier-" + name + "-" + id + "-" + incarnation;
        ExecutorService loop = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
        Incarnation inc = new Incarnation(id, context, process, loop);
        live.put(id, inc);
        inc.run(process::start);
        inc.ticker = scheduler.scheduleAtFixedRate(() -> {
            if (inc.tickQueued.compareAndSet(false, true)) {
                if (!inc.run(() -> {
                    inc.tickQueued.set(false);
                    process.onTick(System.nanoTime());
                })) {
                    inc.tickQueued.set(false);
                }
            }
        }, tickNanos, tickNanos, TimeUnit.NANOSECONDS);
        LOG.debug("{} node {} started (incarnation {})", name, id, incarnation);
    }

    /** @return node ids {@code n1..nN} */
    public List<String> nodeIds() {
        return ids;
    }

    /** @return the network model (for partitions and counters) */
    public Network network() {
        return network;
    }

    /** @return the durable store of a node (for statistics) */
    public synchronized DurableStore durable(String id) {
        checkId(id);
        return stores.computeIfAbsent(id, k -> new DurableStore(disk, k));
    }

    /** @return true when the node is running */
    public boolean isAlive(String id) {
        return live.containsKey(id);
    }

    /** @return ids of the running nodes, in cluster order */
    public List<String> liveNodes() {
        return ids.stream().filter(live::containsKey).toList();
    }

    /**
     * Runs {@code action} on the node's event loop.
     *
     * @return false when the node is down (the action is dropped)
     */
    public boolean execute(String id, Consumer<P> action) {
        Incarnation inc = live.get(id);
        return inc != null && inc.run(() -> action.accept(inc.process));
    }

    /**
     * Runs {@code query} on the node's event loop and returns its result.
     *
     * @return a future failing with {@link IllegalStateException} when the node is down
     */
    public <T> CompletableFuture<T> call(String id, Function<P, T> query) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Incarnation inc = live.get(id);
        Runnable down = () -> result.completeExceptionally(new IllegalStateException("node " + id + " is down"));
        if (inc == null || !inc.run(() -> {
            try {
                result.complete(query.apply(inc.process));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        }, down)) {
            down.run();
        }
        return result;
    }

    void send(String from, String to, M message) {
        Incarnation sender = live.get(from);
        if (sender == null || !sender.running) {
            return;
        }
        network.send(from, to, message, m -> {
            Incarnation dest = live.get(to);
            if (dest != null) {
                @SuppressWarnings("unchecked")
                M typed = (M) m;
                dest.run(() -> dest.process.onMessage(from, typed));
            }
        });
    }

    void executeOnIncarnation(String id, NodeContext<M> context, Runnable task) {
        Incarnation inc = live.get(id);
        if (inc != null && inc.context == context) {
            inc.run(task);
        }
    }

    /**
     * Crashes a node: its event loop stops (interrupting a durable write in progress), its volatile
     * state is lost and messages to it are dropped until it restarts.
     *
     * @return false when it was already down
     * @throws IllegalArgumentException for an unknown id
     */
    public synchronized boolean crash(String id) {
        checkId(id);
        Incarnation inc = live.remove(id);
        if (inc == null) {
            return false;
        }
        stop(inc);
        LOG.debug("{} node {} crashed", name, id);
        return true;
    }

    /**
     * Restarts a crashed node as a new incarnation recovering from its durable store.
     *
     * @return false when it was running already
     * @throws IllegalArgumentException for an unknown id
     */
    public synchronized boolean restart(String id) {
        checkId(id);
        if (live.containsKey(id)) {
            return false;
        }
        startNode(id);
        return true;
    }

    /**
     * Cuts the links between {@code group} and the other nodes.
     *
     * @throws IllegalArgumentException for an unknown id
     */
    public void partition(Collection<String> group) {
        Check.notNull("group", group);
        group.forEach(this::checkId);
        network.partition(group);
    }

    /** Heals every partition. */
    public void heal() {
        network.heal();
    }

    private void stop(Incarnation inc) {
        inc.running = false;
        if (inc.ticker != null) {
            inc.ticker.cancel(false);
        }
        // queued tasks never run now: let each say so (a pending call fails instead of hanging)
        inc.loop.shutdownNow().forEach(Runnable::run);
        try {
            if (!inc.loop.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warn("{} node {}: event loop did not stop within 10 s", name, inc.id);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            inc.process.onStopped();
        } catch (RuntimeException e) {
            LOG.warn("{} node {}: onStopped failed", name, inc.id, e);
        }
    }

    private void checkId(String id) {
        if (!ids.contains(id)) {
            throw new IllegalArgumentException("nodeId must be one of " + ids + ", but was " + id);
        }
    }

    /** @return the node process of a running node, for tests and verification only (not thread-safe to use) */
    Optional<P> process(String id) {
        Incarnation inc = live.get(id);
        return inc == null ? Optional.empty() : Optional.of(inc.process);
    }

    /** Stops every node and the scheduler; waits for their threads to end. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (String id : ids) {
            Incarnation inc = live.remove(id);
            if (inc != null) {
                stop(inc);
            }
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        stores.values().forEach(DurableStore::close);
    }
}
