package dev.vernier.core.internal.engine;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hands each recording thread its own {@link Shard} and merges them on the reader's side.
 *
 * <p>Recording is wait-free per thread (a thread-local lookup and one phaser entry). Memory stays
 * bounded whatever threads complete transactions: a new thread takes over the shard of a thread that
 * has ended (its writes happen-before {@link Thread#isAlive()} returning false), and beyond
 * {@link #MAX_SHARDS} threads share one shard that records under a lock. One thread at a time may
 * call {@link #harvestInto}.
 */
public final class ShardedRecorder {

    /** Shards owned by one thread each; threads beyond this share one locked shard. */
    public static final int MAX_SHARDS = 32;

    private final int types;
    private final long highest;
    private final CopyOnWriteArrayList<Shard> shards = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Shard> local = ThreadLocal.withInitial(this::shardForNewThread);
    private Shard.Shared shared;

    /**
     * @param types number of transaction types
     * @param highestTrackableNanos histogram range, ns
     */
    public ShardedRecorder(int types, long highestTrackableNanos) {
        this.types = types;
        this.highest = highestTrackableNanos;
    }

    private synchronized Shard shardForNewThread() {
        Thread me = Thread.currentThread();
        for (Shard s : shards) {
            Thread owner = s.owner;
            if (!(s instanceof Shard.Shared) && owner != null && !owner.isAlive()) {
                s.owner = me;
                return s;
            }
        }
        if (shards.size() >= MAX_SHARDS) {
            if (shared == null) {
                shared = new Shard.Shared(types, highest);
                shards.add(shared);
            }
            return shared;
        }
        Shard s = new Shard(types, highest);
        s.owner = me;
        shards.add(s);
        return s;
    }

    /** @return the calling thread's shard */
    public Shard shard() {
        return local.get();
    }

    /** @return a new aggregate tally matching this recorder's shape */
    public Tally newAggregate() {
        return new Tally(types, highest, false);
    }

    /**
     * Adds everything recorded by every thread since the last harvest to {@code target}.
     *
     * @param target the aggregate
     */
    public void harvestInto(Tally target) {
        for (Shard s : shards) {
            s.harvestInto(target);
        }
    }

    /** @return number of shards (at most {@link #MAX_SHARDS} plus the shared one) */
    public int shardCount() {
        return shards.size();
    }
}
