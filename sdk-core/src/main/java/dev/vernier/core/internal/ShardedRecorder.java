package dev.vernier.core.internal;

import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Hands each recording thread its own {@link Shard} and merges them on the reader's side.
 *
 * <p>Recording is wait-free per thread (a thread-local lookup and one phaser entry). One thread at a
 * time may call {@link #harvestInto}.
 */
public final class ShardedRecorder {

    private final int types;
    private final long highest;
    private final long lagThreshold;
    private final CopyOnWriteArrayList<Shard> shards = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Shard> local = ThreadLocal.withInitial(this::newShard);

    /**
     * @param types number of transaction types
     * @param highestTrackableNanos histogram range, ns
     * @param lagThresholdNanos lag above which a send counts as late, ns
     */
    public ShardedRecorder(int types, long highestTrackableNanos, long lagThresholdNanos) {
        this.types = types;
        this.highest = highestTrackableNanos;
        this.lagThreshold = lagThresholdNanos;
    }

    private Shard newShard() {
        Shard s = new Shard(types, highest, lagThreshold);
        shards.add(s);
        return s;
    }

    /** @return the calling thread's shard */
    public Shard shard() {
        return local.get();
    }

    /** @return a new aggregate bucket matching this recorder's shape */
    public Bucket newAggregate() {
        return new Bucket(types, highest, false);
    }

    /**
     * Adds everything recorded by every thread since the last harvest to {@code target}.
     *
     * @param target the aggregate
     */
    public void harvestInto(Bucket target) {
        for (Shard s : shards) {
            s.harvestInto(target);
        }
    }

    /** @return number of threads that have recorded */
    public int shardCount() {
        return shards.size();
    }
}
