package dev.vernier.examples.raft;

/**
 * The live-tunable knobs of a {@link RaftSuite}. Immutable; the suite swaps whole instances.
 *
 * @param maxBatchSize entries per AppendEntries message and per durable write of the leader
 * @param pipelining whether more than one AppendEntries may be in flight per follower
 * @param maxInflightAppends appends in flight per follower when pipelining is on
 * @param heartbeatIntervalMs leader heartbeat period in milliseconds
 * @param electionTimeoutMs base election timeout in milliseconds (randomised in [T, 2T])
 */
record RaftSettings(int maxBatchSize, boolean pipelining, int maxInflightAppends, int heartbeatIntervalMs,
                    int electionTimeoutMs) {

    int inflightLimit() {
        return pipelining ? maxInflightAppends : 1;
    }
}
