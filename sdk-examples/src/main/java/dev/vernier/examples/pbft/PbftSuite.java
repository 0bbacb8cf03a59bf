package dev.vernier.examples.pbft;

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
import dev.vernier.examples.pbft.PbftMessage.Request;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

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
public final class PbftSuite extends LeaderClusterSuite<PbftMessage, PbftNode, PbftSettings> {

    private static final List<Integer> SIZES = List.of(1, 4, 7);

    static final IntParameter BATCH = Parameter.integer("batchSize", 1, 4096, 16).logScaled()
            .withRole(ParameterRole.BATCH_SIZE).describedAs("requests per pre-prepare and per durable write; live");
    static final IntParameter WINDOW = Parameter.integer("window", 1, 64, 4)
            .withRole(ParameterRole.PIPELINE_WINDOW).describedAs("sequence numbers in flight beyond the last executed one; live");
    static final IntParameter VIEW_CHANGE = Parameter.integer("viewChangeTimeoutMs", 50, 10_000, 500)
            .withRole(ParameterRole.TIMEOUT).describedAs("ms without progress before replicas move to the next view; live");
    private static final ParameterSpace SPACE = ParameterSpace.of(BATCH, WINDOW, VIEW_CHANGE);

    private PbftSuite(Builder b) {
        super("pbft", "primary", b, PbftSuite::configurationOf, PbftSuite::toSettings);
    }

    /** @return a builder with the defaults: 4 replicas, default network and disk, default knobs */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    protected PbftNode newNode(NodeContext<PbftMessage> context) {
        return new PbftNode(context, host);
    }

    @Override
    protected boolean isLeader(PbftNode node) {
        return node.isPrimaryNow();
    }

    @Override
    protected Consumer<PbftNode> delivery(long requestId, Transaction transaction) {
        List<Request> one = List.of(new Request(requestId, transaction.key(), transaction.payload()));
        return n -> n.submit(one);
    }

    private final PbftNode.Host host = new PbftNode.Host() {
        @Override
        public PbftSettings settings() {
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
        public void executed(List<Long> requestIds, long agreedNanos, long appliedNanos) {
            clientTable().committed(requestIds, agreedNanos, appliedNanos);
        }

        @Override
        public void primaryIs(String nodeId, long view) {
            leaderIs(nodeId, view);
        }
    };

    // ---- Tunable

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

    /** @return the current primary if known and live (same as {@link #leader()}) */
    public Optional<String> primary() {
        return leader();
    }

    // ---- StateVerifier

    @Override
    public Verification verify() {
        return verifyCommittedPrefix(PbftNode::snapshot, PbftNode.Snapshot::lastExecuted, "executed batches",
                (i, refId, r, id, s) -> s.digests()[i] == r.digests()[i] ? null
                        : "sequence " + (i + 1) + ": " + refId + " executed batch " + r.digests()[i] + " but " + id
                        + " executed " + s.digests()[i]);
    }

    /**
     * Builds a {@link PbftSuite}; validates every value eagerly. Not thread-safe.
     */
    public static final class Builder extends ClusterSuite.Builder<Builder, PbftSuite> {

        private Builder() {
            super(SIZES, 4, SPACE);
        }

        @Override
        protected Builder self() {
            return this;
        }

        /** @param nodes cluster size 3f+1, one of 1, 4, 7 (default 4) */
        @Override
        public Builder nodes(int nodes) {
            return super.nodes(nodes);
        }

        /** @param listener observes every apply on every replica (default none) */
        @Override
        public Builder applyListener(ApplyListener listener) {
            return super.applyListener(listener);
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

        /** @return the suite (not yet started: call {@link PbftSuite#setup}) */
        @Override
        public PbftSuite build() {
            return new PbftSuite(this);
        }
    }
}
