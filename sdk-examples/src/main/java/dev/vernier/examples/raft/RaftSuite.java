package dev.vernier.examples.raft;

import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.Transaction;
import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.IntParameter;
import dev.vernier.api.tuning.Parameter;
import dev.vernier.api.tuning.ParameterRole;
import dev.vernier.api.tuning.ParameterSpace;
import dev.vernier.examples.cluster.ApplyListener;
import dev.vernier.examples.cluster.ClusterSuite;
import dev.vernier.examples.cluster.LeaderClusterSuite;
import dev.vernier.examples.cluster.NodeContext;
import dev.vernier.examples.raft.RaftMessage.Request;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
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
public final class RaftSuite extends LeaderClusterSuite<RaftMessage, RaftNode, RaftSettings> {

    private static final Logger LOG = LoggerFactory.getLogger(RaftSuite.class);
    private static final List<Integer> SIZES = List.of(1, 3, 5, 7);

    static final IntParameter MAX_BATCH = Parameter.integer("maxBatchSize", 1, 4096, 1).logScaled()
            .withRole(ParameterRole.BATCH_SIZE).describedAs("entries per AppendEntries and per durable write of the leader; live");
    static final Parameter<Boolean> PIPELINING = Parameter.bool("pipelining", false).withRole(ParameterRole.PIPELINE_WINDOW)
            .describedAs("allow maxInflightAppends AppendEntries in flight per follower (else one); live");
    static final IntParameter MAX_INFLIGHT = Parameter.integer("maxInflightAppends", 1, 64, 8)
            .withRole(ParameterRole.PIPELINE_WINDOW).describedAs("AppendEntries in flight per follower when pipelining; live");
    static final IntParameter HEARTBEAT = Parameter.integer("heartbeatIntervalMs", 10, 1000, 50)
            .withRole(ParameterRole.INTERVAL).describedAs("leader heartbeat period in ms; live");
    static final IntParameter ELECTION = Parameter.integer("electionTimeoutMs", 50, 5000, 300)
            .withRole(ParameterRole.TIMEOUT).describedAs("base election timeout in ms, randomised in [T, 2T]; must exceed 2x heartbeat; live");
    private static final ParameterSpace SPACE = ParameterSpace.of(MAX_BATCH, PIPELINING, MAX_INFLIGHT, HEARTBEAT, ELECTION);

    private RaftSuite(Builder b) {
        super("raft", "leader", b, RaftSuite::configurationOf, RaftSuite::toSettings);
    }

    /** @return a builder with the defaults: 3 nodes, default network and disk, default knobs */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected RaftNode newNode(NodeContext<RaftMessage> context) {
        return new RaftNode(context, host);
    }

    @Override
    protected boolean isLeader(RaftNode node) {
        return node.isLeader();
    }

    @Override
    protected Consumer<RaftNode> delivery(long requestId, Transaction transaction) {
        List<Request> one = List.of(new Request(requestId, transaction.key(), transaction.payload()));
        return n -> n.route(one, 0);
    }

    private final RaftNode.Host host = new RaftNode.Host() {
        @Override
        public RaftSettings settings() {
            return liveSettings();
        }

        @Override
        public long clockNanos() {
            return runClock().nanoTime();
        }

        @Override
        public ApplyListener applyListener() {
            return listener();
        }

        @Override
        public void completed(List<Long> requestIds, long agreedNanos, long appliedNanos) {
            clientTable().committed(requestIds, agreedNanos, appliedNanos);
        }

        @Override
        public void rejected(List<Request> requests, String reason) {
            List<Long> ids = new ArrayList<>(requests.size());
            requests.forEach(r -> ids.add(r.id()));
            clientTable().rejected(ids, reason);
        }

        @Override
        public void leaderElected(String nodeId, long term) {
            leaderIs(nodeId, term);
            LOG.debug("raft: {} is leader of term {}", nodeId, term);
        }
    };

    // ---- Tunable

    private static Configuration configurationOf(RaftSettings s) {
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

    // ---- StateVerifier

    @Override
    public Verification verify() {
        return verifyCommittedPrefix(RaftNode::snapshot, RaftNode.Snapshot::commitIndex, "committed entries",
                (i, refId, r, id, s) -> s.terms()[i] == r.terms()[i] && s.requestIds()[i] == r.requestIds()[i] ? null
                        : "index " + (i + 1) + ": " + refId + " has (term " + r.terms()[i] + ", entry "
                        + r.requestIds()[i] + ") but " + id + " has (term " + s.terms()[i] + ", entry "
                        + s.requestIds()[i] + ")");
    }

    /**
     * Builds a {@link RaftSuite}; validates every value eagerly. Not thread-safe.
     */
    public static final class Builder extends ClusterSuite.Builder<Builder, RaftSuite> {

        private Builder() {
            super(SIZES, 3, SPACE);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** @param nodes cluster size, one of 1, 3, 5, 7 (default 3) */
        @Override
        public Builder nodes(int nodes) {
            return super.nodes(nodes);
        }

        /** @param listener observes every apply on every replica (default none) */
        @Override
        public Builder applyListener(ApplyListener listener) {
            return super.applyListener(listener);
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

        /** @return the suite (not yet started: call {@link RaftSuite#setup}) */
        @Override
        public RaftSuite build() {
            return new RaftSuite(this);
        }
    }
}
