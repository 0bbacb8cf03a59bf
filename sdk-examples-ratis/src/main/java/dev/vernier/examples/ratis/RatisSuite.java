package dev.vernier.examples.ratis;

import dev.vernier.api.internal.Check;
import dev.vernier.api.NanoClock;
import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.SuiteContext;
import dev.vernier.api.Transaction;
import dev.vernier.api.TxOutcome;
import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.IntParameter;
import dev.vernier.api.tuning.Parameter;
import dev.vernier.api.tuning.ParameterRole;
import dev.vernier.api.tuning.ParameterSpace;
import dev.vernier.api.tuning.Tunable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.metrics.MetricRegistries;
import org.apache.ratis.metrics.MetricRegistryInfo;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.rpc.SupportedRpcType;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ProtocolSuite} backed by a real Apache Ratis group running in this JVM: {@code nodes}
 * Raft servers on loopback (gRPC transport, free ports picked at setup), each with a
 * {@link CounterStateMachine}, driven through one {@link RaftClient}'s asynchronous API.
 *
 * <p><b>Transactions.</b> {@link #submit} sends the payload as a Ratis {@link Message}; the stage
 * completes with {@link TxOutcome#committed(long, long)} carrying the leader's state-machine
 * timestamps (agreed = apply began, the entry being committed by then; applied = apply finished,
 * both in nanoseconds of {@link SuiteContext#clock()}), with {@link TxOutcome#rejected} when Ratis
 * replies with an error, and exceptionally when the client fails (for example after its retries).
 *
 * <p><b>Tuning.</b> The suite is {@link Tunable} over Ratis' log-appender batching:
 * <ul>
 *   <li>{@value #ELEMENT_LIMIT} (entries per AppendEntries batch, 1..{@value #ELEMENT_LIMIT_MAX},
 *       {@value #ELEMENT_LIMIT_MAX} meaning Ratis' own default 0 = no element limit);</li>
 *   <li>{@value #BYTE_LIMIT} (in KiB, bytes per batch);</li>
 *   <li>{@value #WRITE_BUFFER} (in KiB, the segmented log's write buffer; needs a restart).</li>
 * </ul>
 * Ratis' log appenders read the batching limits when a server becomes leader, so {@link #apply}
 * writes them into every server's live {@link RaftProperties} and then transfers leadership to
 * another peer, whose new appenders pick them up. The write buffer is allocated when a server
 * starts, so changing it restarts every server (same ports and storage, log recovered).
 *
 * <p><b>Thread-safety.</b> {@link #submit} may be called from any number of threads at once.
 * {@link #setup}, {@link #apply}, {@link #teardown} and the inspection methods are serialised on an
 * internal lock; {@link #apply} may run while load is being submitted (requests in flight during a
 * leadership change are retried by the Ratis client). Instances are built with {@link #builder()}.
 */
public final class RatisSuite implements ProtocolSuite, Tunable {

    /** Parameter name: entries per AppendEntries batch; {@value #ELEMENT_LIMIT_MAX} = no limit. */
    public static final String ELEMENT_LIMIT = RaftServerConfigKeys.Log.Appender.BUFFER_ELEMENT_LIMIT_KEY;
    /** Parameter name: bytes per AppendEntries batch, in KiB. */
    public static final String BYTE_LIMIT = RaftServerConfigKeys.Log.Appender.BUFFER_BYTE_LIMIT_KEY;
    /** Parameter name: segmented-log write buffer size, in KiB. */
    public static final String WRITE_BUFFER = RaftServerConfigKeys.Log.WRITE_BUFFER_SIZE_KEY;

    /** Largest element-limit value; it stands for Ratis' "0 = no limit", its default. */
    public static final int ELEMENT_LIMIT_MAX = 1024;

    private static final Logger LOG = LoggerFactory.getLogger(RatisSuite.class);
    private static final int KIB = 1024;
    private static final int RATIS_NO_ELEMENT_LIMIT = 0;
    // Names used by org.apache.ratis.grpc.metrics.GrpcServerMetrics (private there).
    private static final String GRPC_METRICS_APP = "ratis_grpc";
    private static final String LOG_APPENDER_METRICS = "log_appender";
    private static final String APPEND_REQUESTS_METRIC = "num_requests";

    private static final IntParameter ELEMENT_LIMIT_PARAMETER = Parameter
            .integer(ELEMENT_LIMIT, 1, ELEMENT_LIMIT_MAX, ELEMENT_LIMIT_MAX)
            .logScaled()
            .withRole(ParameterRole.BATCH_SIZE)
            .describedAs("Ratis log appender: most log entries the leader sends a follower in one AppendEntries"
                    + " batch (count). Ratis' default is 0 = no element limit (batches then bounded only by "
                    + BYTE_LIMIT + "); the largest value here, " + ELEMENT_LIMIT_MAX + ", is written to Ratis as 0"
                    + " and read back as " + ELEMENT_LIMIT_MAX + ". 1 sends one entry per RPC. Applied live:"
                    + " set on every server's properties, then leadership is transferred to another peer, because"
                    + " appenders read it only when a server becomes leader.");
    private static final IntParameter BYTE_LIMIT_PARAMETER = Parameter
            .integer(BYTE_LIMIT, 64, 4096,
                    (int) (RaftServerConfigKeys.Log.Appender.BUFFER_BYTE_LIMIT_DEFAULT.getSize() / KIB))
            .logScaled()
            .withRole(ParameterRole.BATCH_SIZE)
            .describedAs("Ratis log appender: most bytes of log entries in one AppendEntries batch, in KiB"
                    + " (Ratis default 4096 KiB = 4 MB). Must exceed the largest single entry, or that entry can"
                    + " never be sent; it stays below " + WRITE_BUFFER + ". Applied live: set on every server's"
                    + " properties, then leadership is transferred to another peer.");
    private static final IntParameter WRITE_BUFFER_PARAMETER = Parameter
            .integer(WRITE_BUFFER, 8192, 32768,
                    (int) (RaftServerConfigKeys.Log.WRITE_BUFFER_SIZE_DEFAULT.getSize() / KIB))
            .logScaled()
            .withRole(ParameterRole.BUFFER)
            .restartRequired()
            .describedAs("Ratis segmented log: size of each server's write buffer for log entries, in KiB"
                    + " (Ratis default 8192 KiB = 8 MB; Ratis requires it to exceed " + BYTE_LIMIT + " + 8 bytes,"
                    + " which the lower bound guarantees). Allocated when a server starts, so a change restarts"
                    + " every server with the same ports and storage (the log is recovered and replayed).");
    private static final ParameterSpace SPACE =
            ParameterSpace.of(ELEMENT_LIMIT_PARAMETER, BYTE_LIMIT_PARAMETER, WRITE_BUFFER_PARAMETER);

    private final int nodeCount;
    private final Duration leaderTimeout;
    private final Duration rpcTimeoutMin;
    private final Duration rpcTimeoutMax;
    private final Duration requestTimeout;
    private final Path storageParent;

    private final Object lock = new Object();
    // Guarded by lock; the volatile ones are also read without it by submit().
    private volatile RaftClient client;
    private RaftClient retiredClient;
    private volatile NanoClock clock = NanoClock.system();
    private List<Node> nodes = List.of();
    private RaftGroup group;
    private Path storageRoot;
    private Configuration configuration;

    private RatisSuite(Builder b) {
        this.nodeCount = b.nodes;
        this.leaderTimeout = b.leaderTimeout;
        this.rpcTimeoutMin = b.rpcTimeoutMin;
        this.rpcTimeoutMax = b.rpcTimeoutMax;
        this.requestTimeout = b.requestTimeout;
        this.storageParent = b.storageParent;
        this.configuration = SPACE.defaults().with(b.initial);
    }

    /** @return a builder with the defaults (3 nodes, 2 s/4 s election timeouts, 10 s leader wait) */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return "ratis";
    }

    @Override
    public void setup(SuiteContext context) throws Exception {
        Check.notNull("context", context);
        synchronized (lock) {
            if (client != null) {
                throw new IllegalStateException("ratis suite is already set up");
            }
            clock = context.clock();
            Path parent = storageParent != null ? Files.createDirectories(storageParent) : defaultStorageParent();
            storageRoot = parent == null
                    ? Files.createTempDirectory("vernier-ratis-")
                    : Files.createTempDirectory(parent, "vernier-ratis-");
            try {
                // Ratis keeps metrics JVM-wide by server id: a per-run tag keeps two groups apart.
                String tag = Long.toHexString(UUID.randomUUID().getMostSignificantBits() & 0xFFFFFFL);
                List<RaftPeer> peers = new ArrayList<>();
                for (int i = 0; i < nodeCount; i++) {
                    peers.add(RaftPeer.newBuilder()
                            .setId("n" + i + "-" + tag)
                            .setAddress("127.0.0.1:" + freePort())
                            .build());
                }
                group = RaftGroup.valueOf(RaftGroupId.valueOf(new UUID(context.seed(), 0x7261746973L)), peers);
                startNodes(RaftStorage.StartupOption.FORMAT);
                Node leader = awaitLeader(null);
                client = newClient(leader);
                LOG.info("ratis group {} of {} nodes ready, leader {}, storage {}",
                        group.getGroupId(), nodeCount, leader.peer.getId(), storageRoot);
            } catch (Exception | Error e) {
                closeQuietly();
                throw e;
            }
        }
    }

    @Override
    public CompletionStage<TxOutcome> submit(Transaction transaction) {
        RaftClient c = client;
        if (c == null) {
            throw new IllegalStateException("ratis suite is not set up");
        }
        Message message = Message.valueOf(UnsafeByteOperations.unsafeWrap(transaction.payload()));
        return c.async().send(message).thenApply(RatisSuite::toOutcome);
    }

    private static TxOutcome toOutcome(RaftClientReply reply) {
        if (!reply.isSuccess()) {
            return TxOutcome.rejected(reply.getException() == null ? "ratis reply not successful"
                    : reply.getException().toString());
        }
        ByteString content = reply.getMessage() == null ? ByteString.EMPTY : reply.getMessage().getContent();
        if (content.size() != CounterStateMachine.REPLY_BYTES) {
            return TxOutcome.committed();
        }
        ByteBuffer b = content.asReadOnlyByteBuffer();
        return TxOutcome.committed(b.getLong(), b.getLong());
    }

    /**
     * Closes the client, then all servers in parallel, and deletes the storage directory. Every
     * thread the group started ends, except Ratis' JVM-wide {@code TimeoutTimer} daemon threads
     * ("timer0".."timerN"), which Ratis creates once per JVM, shares between groups and offers no
     * way to stop. Safe to call more than once.
     */
    @Override
    public void teardown() throws Exception {
        synchronized (lock) {
            closeQuietly();
        }
    }

    // ---------------------------------------------------------------- Tunable

    @Override
    public ParameterSpace parameterSpace() {
        return SPACE;
    }

    /**
     * @return the values in force: read back from the current leader's (else the first server's)
     *     live properties while running, the configured values otherwise
     */
    @Override
    public Configuration currentConfiguration() {
        synchronized (lock) {
            if (nodes.isEmpty()) {
                return configuration;
            }
            Node source = nodes.stream().filter(Node::isLeader).findFirst().orElse(nodes.get(0));
            return readConfiguration(source.server.getProperties());
        }
    }

    @Override
    public void apply(Configuration changes) throws Exception {
        Check.notNull("changes", changes);
        Configuration valid = SPACE.validate(changes);
        synchronized (lock) {
            Configuration before = nodes.isEmpty() ? configuration
                    : readConfiguration(nodes.get(0).server.getProperties());
            Configuration next = before.with(valid);
            boolean restart = false;
            boolean live = false;
            for (Map.Entry<String, Object> e : valid.values().entrySet()) {
                if (!e.getValue().equals(before.get(e.getKey()))) {
                    if (SPACE.get(e.getKey()).requiresRestart()) {
                        restart = true;
                    } else {
                        live = true;
                    }
                }
            }
            configuration = next;
            if (nodes.isEmpty() || !(restart || live)) {
                return; // not running (used at the next setup) or nothing changed
            }
            for (Node node : nodes) {
                writeConfiguration(node.server.getProperties(), next);
            }
            if (restart || (live && nodes.size() == 1)) {
                LOG.info("restarting ratis servers to apply {}", next);
                closeServers();
                startNodes(RaftStorage.StartupOption.RECOVER);
                switchClient(awaitLeader(null));
            } else if (live) {
                transferLeadership();
            }
            LOG.info("ratis configuration now {}", readConfiguration(nodes.get(0).server.getProperties()));
        }
    }

    // ---------------------------------------------------------------- inspection (tests, verification)

    /** @return per node, the number of transactions its state machine applied (empty when not running) */
    public List<Long> appliedCounts() {
        synchronized (lock) {
            return nodes.stream().map(n -> n.stateMachine.appliedCount()).toList();
        }
    }

    /** @return per node, the order-sensitive checksum of applied payloads (empty when not running) */
    public List<Long> checksums() {
        synchronized (lock) {
            return nodes.stream().map(n -> n.stateMachine.checksum()).toList();
        }
    }

    /**
     * @param name a Ratis property key, e.g. {@link #ELEMENT_LIMIT}
     * @return per node, the raw value in that server's live properties (Ratis' own units and encoding)
     */
    public List<String> serverProperty(String name) {
        Check.notBlank("name", name);
        synchronized (lock) {
            return nodes.stream().map(n -> n.server.getProperties().get(name)).toList();
        }
    }

    /** @return the directory holding every node's storage while running, else null */
    Path storageRoot() {
        synchronized (lock) {
            return storageRoot;
        }
    }

    /**
     * Counts the AppendEntries requests that carried log entries (heartbeats excluded) sent by this
     * group's leaders so far, from Ratis' gRPC log-appender metrics ({@code ratis_grpc.log_appender
     * .num_requests}). Divided into the entries replicated over the same window (entries times
     * followers), it gives the average batch size, which is how the element limit shows: with a limit
     * of 1 it cannot exceed 1. Counters restart when the servers restart.
     *
     * @return the count, 0 when not running
     */
    public long appendEntriesRequestCount() {
        synchronized (lock) {
            // Registries are named by member id, "<server id>@<group id>".
            Set<String> ids = nodes.stream().map(n -> n.peer.getId() + "@" + group.getGroupId())
                    .collect(Collectors.toSet());
            return MetricRegistries.global().getMetricRegistries().stream()
                    .filter(r -> isLogAppenderRegistry(r.getMetricRegistryInfo(), ids))
                    .mapToLong(r -> r.counter(APPEND_REQUESTS_METRIC).getCount())
                    .sum();
        }
    }

    private static boolean isLogAppenderRegistry(MetricRegistryInfo info, Set<String> memberIds) {
        return GRPC_METRICS_APP.equals(info.getApplicationName())
                && LOG_APPENDER_METRICS.equals(info.getMetricsComponentName())
                && memberIds.contains(info.getPrefix());
    }

    /** @return the current leader's division, for tests that inspect Ratis itself */
    Optional<RaftServer.Division> leaderDivision() {
        synchronized (lock) {
            return nodes.stream().filter(Node::isLeader).findFirst().flatMap(Node::division);
        }
    }

    /** @return the id of the current leader, if one is known */
    public Optional<String> leaderId() {
        synchronized (lock) {
            return nodes.stream().filter(Node::isLeader).map(n -> n.peer.getId().toString()).findFirst();
        }
    }

    // ---------------------------------------------------------------- internals

    private void startNodes(RaftStorage.StartupOption option) throws IOException {
        List<Node> started = new ArrayList<>();
        try {
            for (RaftPeer peer : group.getPeers()) {
                Path dir = storageRoot.resolve(peer.getId().toString());
                Files.createDirectories(dir);
                RaftProperties properties = serverProperties(peer, dir);
                CounterStateMachine stateMachine = new CounterStateMachine(clock);
                RaftServer server = RaftServer.newBuilder()
                        .setServerId(peer.getId())
                        .setGroup(group)
                        .setStateMachine(stateMachine)
                        .setProperties(properties)
                        .setOption(option)
                        .build();
                started.add(new Node(peer, server, stateMachine));
                server.start();
            }
        } catch (IOException | RuntimeException e) {
            nodes = started;
            throw e;
        }
        nodes = List.copyOf(started);
    }

    private RaftProperties serverProperties(RaftPeer peer, Path dir) {
        RaftProperties p = new RaftProperties();
        RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
        GrpcConfigKeys.Server.setHost(p, "127.0.0.1");
        GrpcConfigKeys.Server.setPort(p, port(peer));
        RaftServerConfigKeys.setStorageDir(p, List.of(dir.toFile()));
        // Two cores shared by three servers, a client and the load: generous timeouts so that a
        // busy JIT or GC pause is not taken for a dead leader.
        RaftServerConfigKeys.Rpc.setTimeoutMin(p, duration(rpcTimeoutMin));
        RaftServerConfigKeys.Rpc.setTimeoutMax(p, duration(rpcTimeoutMax));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMin(p, TimeDuration.valueOf(300, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setFirstElectionTimeoutMax(p, TimeDuration.valueOf(800, TimeUnit.MILLISECONDS));
        RaftServerConfigKeys.Rpc.setRequestTimeout(p, duration(requestTimeout));
        RaftServerConfigKeys.Rpc.setSlownessTimeout(p, duration(requestTimeout.multipliedBy(6)));
        RaftServerConfigKeys.LeaderElection.setLeaderStepDownWaitTime(p, duration(rpcTimeoutMax.multipliedBy(2)));
        RaftServerConfigKeys.Log.setSegmentSizeMax(p, SizeInBytes.valueOf("8MB"));
        RaftServerConfigKeys.Log.setPreallocatedSize(p, SizeInBytes.valueOf("1MB"));
        writeConfiguration(p, configuration);
        return p;
    }

    /**
     * A client that starts at the given leader: one that first asks a follower takes a redirect per
     * request, and one whose cached leader is two leadership changes old can wait a whole request
     * timeout on that server before retrying (observed with Ratis 3.3.0 after back-to-back transfers).
     */
    private RaftClient newClient(Node leader) {
        return RaftClient.newBuilder()
                .setClientId(ClientId.randomId())
                .setRaftGroup(group)
                .setLeaderId(leader.peer.getId())
                .setProperties(clientProperties())
                .build();
    }

    /**
     * Points new submissions at a fresh client that knows the new leader. The replaced client keeps
     * serving its in-flight requests (Ratis retries them towards the new leader); it is closed at the
     * next switch, by when those have long completed or timed out, or at teardown.
     */
    private void switchClient(Node leader) {
        RaftClient previous = client;
        client = newClient(leader);
        closeClient(retiredClient);
        retiredClient = previous;
    }

    private static void closeClient(RaftClient c) {
        if (c != null) {
            try {
                c.close();
            } catch (IOException e) {
                LOG.warn("closing a ratis client failed", e);
            }
        }
    }

    private RaftProperties clientProperties() {
        RaftProperties p = new RaftProperties();
        RaftConfigKeys.Rpc.setType(p, SupportedRpcType.GRPC);
        RaftClientConfigKeys.Rpc.setRequestTimeout(p, duration(requestTimeout));
        return p;
    }

    private static void writeConfiguration(RaftProperties p, Configuration c) {
        int elements = c.getInt(ELEMENT_LIMIT);
        RaftServerConfigKeys.Log.Appender.setBufferElementLimit(p,
                elements >= ELEMENT_LIMIT_MAX ? RATIS_NO_ELEMENT_LIMIT : elements);
        RaftServerConfigKeys.Log.Appender.setBufferByteLimit(p,
                SizeInBytes.valueOf((long) c.getInt(BYTE_LIMIT) * KIB));
        RaftServerConfigKeys.Log.setWriteBufferSize(p, SizeInBytes.valueOf((long) c.getInt(WRITE_BUFFER) * KIB));
    }

    private static Configuration readConfiguration(RaftProperties p) {
        int elements = RaftServerConfigKeys.Log.Appender.bufferElementLimit(p);
        Map<String, Object> values = new LinkedHashMap<>();
        values.put(ELEMENT_LIMIT, elements <= RATIS_NO_ELEMENT_LIMIT ? ELEMENT_LIMIT_MAX : elements);
        values.put(BYTE_LIMIT, (int) (RaftServerConfigKeys.Log.Appender.bufferByteLimit(p).getSize() / KIB));
        values.put(WRITE_BUFFER, (int) (RaftServerConfigKeys.Log.writeBufferSize(p).getSize() / KIB));
        return new Configuration(values);
    }

    /**
     * Moves leadership to another peer so that its new log appenders read the changed properties.
     * Retries with the next peer when a transfer times out (for example a follower still catching up).
     */
    private void transferLeadership() throws Exception {
        Node leader = awaitLeader(null);
        Exception last = null;
        for (int attempt = 0; attempt < nodes.size() - 1; attempt++) {
            Node target = nodes.get((nodes.indexOf(leader) + 1 + attempt) % nodes.size());
            try {
                RaftClientReply reply = client.admin()
                        .transferLeadership(target.peer.getId(), leaderTimeout.toMillis());
                if (reply.isSuccess()) {
                    Node now = awaitLeader(leader.peer.getId());
                    switchClient(now);
                    LOG.info("leadership moved from {} to {} to apply appender settings",
                            leader.peer.getId(), now.peer.getId());
                    return;
                }
                last = reply.getException();
            } catch (IOException e) {
                last = e;
            }
            LOG.warn("leadership transfer to {} failed, trying another peer", target.peer.getId(), last);
        }
        throw new IOException("could not transfer leadership away from " + leader.peer.getId(), last);
    }

    /**
     * Waits until some node other than {@code notThis} is a ready leader (one that committed an
     * entry in its term).
     */
    private Node awaitLeader(RaftPeerId notThis) throws Exception {
        long deadline = System.nanoTime() + leaderTimeout.toNanos();
        while (true) {
            for (Node n : nodes) {
                if (!n.peer.getId().equals(notThis) && n.isLeaderReady()) {
                    return n;
                }
            }
            if (System.nanoTime() - deadline > 0) {
                throw new TimeoutException("no ratis leader" + (notThis == null ? "" : " other than " + notThis)
                        + " within " + leaderTimeout);
            }
            Thread.sleep(20);
        }
    }

    private void closeQuietly() {
        RaftClient c = client;
        client = null;
        closeClient(c);
        closeClient(retiredClient);
        retiredClient = null;
        closeServers();
        if (storageRoot != null) {
            deleteRecursively(storageRoot);
            storageRoot = null;
        }
    }

    /** Closes all servers in parallel (each close waits for its own threads) and forgets them. */
    private void closeServers() {
        List<Node> toClose = nodes;
        nodes = List.of();
        if (toClose.isEmpty()) {
            return;
        }
        ExecutorService closer = Executors.newFixedThreadPool(toClose.size(), r -> {
            Thread t = new Thread(r, "vernier-ratis-close");
            t.setDaemon(true);
            return t;
        });
        try {
            CompletableFuture.allOf(toClose.stream().map(n -> CompletableFuture.runAsync(() -> {
                try {
                    n.server.close();
                } catch (IOException e) {
                    LOG.warn("closing ratis server {} failed", n.peer.getId(), e);
                }
            }, closer)).toArray(CompletableFuture[]::new)).join();
        } finally {
            closer.shutdown();
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("could not delete ratis storage {}", root, e);
        }
    }

    /**
     * Prefers {@code /dev/shm} (memory-backed on Linux) where it is writable: Ratis syncs its log to
     * disk per batch, and on these machines an fsync on the root disk takes about 4 ms, which would
     * make the benchmark measure the disk rather than consensus and batching.
     *
     * @return {@code /dev/shm} when usable, null for the system temporary directory
     */
    private static Path defaultStorageParent() {
        Path shm = Path.of("/dev/shm");
        return Files.isDirectory(shm) && Files.isWritable(shm) ? shm : null;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        }
    }

    private static int port(RaftPeer peer) {
        String address = peer.getAddress();
        return Integer.parseInt(address.substring(address.lastIndexOf(':') + 1));
    }

    private static TimeDuration duration(Duration d) {
        return TimeDuration.valueOf(d.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** One running server with its state machine. */
    private record Node(RaftPeer peer, RaftServer server, CounterStateMachine stateMachine) {

        Optional<RaftServer.Division> division() {
            try {
                return Optional.of(server.getDivision(server.getGroupIds().iterator().next()));
            } catch (IOException | RuntimeException e) {
                return Optional.empty();
            }
        }

        private Optional<DivisionInfo> info() {
            return division().map(RaftServer.Division::getInfo);
        }

        boolean isLeader() {
            return info().map(DivisionInfo::isLeader).orElse(false);
        }

        boolean isLeaderReady() {
            return info().map(i -> i.isLeader() && i.isLeaderReady()).orElse(false);
        }
    }

    /**
     * Builds a {@link RatisSuite}. Every setter checks its argument at once and throws
     * {@link IllegalArgumentException} naming the field and the value. Not thread-safe.
     */
    public static final class Builder {

        private int nodes = 3;
        private Duration leaderTimeout = Duration.ofSeconds(10);
        private Duration rpcTimeoutMin = Duration.ofSeconds(2);
        private Duration rpcTimeoutMax = Duration.ofSeconds(4);
        private Duration requestTimeout = Duration.ofSeconds(10);
        private Path storageParent;
        private Configuration initial = new Configuration(Map.of());

        private Builder() {
        }

        /**
         * @param count servers in the group, 1..7 (default 3); with 1 node live changes restart it
         * @return this builder
         */
        public Builder nodes(int count) {
            if (count < 1 || count > 7) {
                throw new IllegalArgumentException("nodes must be in [1, 7], but was " + count);
            }
            this.nodes = count;
            return this;
        }

        /**
         * @param timeout how long setup, restarts and leadership transfers wait for a ready leader
         *     (default 10 s)
         * @return this builder
         */
        public Builder leaderTimeout(Duration timeout) {
            this.leaderTimeout = Check.positive("leaderTimeout", timeout);
            return this;
        }

        /**
         * Ratis' {@code raft.server.rpc.timeout.min/max}: a follower that hears nothing from the
         * leader for a random time in [min, max] starts an election. Defaults 2 s and 4 s, well above
         * Ratis' 150/300 ms, so that two busy cores do not cause spurious elections.
         *
         * @param min lower bound, positive
         * @param max upper bound, greater than {@code min}
         * @return this builder
         */
        public Builder electionTimeout(Duration min, Duration max) {
            Check.positive("electionTimeout.min", min);
            Check.positive("electionTimeout.max", max);
            if (max.compareTo(min) <= 0) {
                throw new IllegalArgumentException("electionTimeout.max must be greater than min (" + min
                        + "), but was " + max);
            }
            this.rpcTimeoutMin = min;
            this.rpcTimeoutMax = max;
            return this;
        }

        /**
         * @param timeout Ratis server and client request timeout (default 10 s)
         * @return this builder
         */
        public Builder requestTimeout(Duration timeout) {
            this.requestTimeout = Check.positive("requestTimeout", timeout);
            return this;
        }

        /**
         * @param parent directory under which a fresh, temporary storage directory is created at
         *     setup and deleted at teardown (default: {@code /dev/shm} where writable, else the system
         *     temporary directory; a disk-backed parent makes every log sync an fsync)
         * @return this builder
         */
        public Builder storageParent(Path parent) {
            this.storageParent = Check.notNull("storageParent", parent);
            return this;
        }

        /**
         * @param values starting values for some or all parameters, within bounds
         * @return this builder
         */
        public Builder initialConfiguration(Configuration values) {
            Check.notNull("initialConfiguration", values);
            this.initial = SPACE.validate(values);
            return this;
        }

        /** @return the suite, not yet set up */
        public RatisSuite build() {
            return new RatisSuite(this);
        }
    }
}
