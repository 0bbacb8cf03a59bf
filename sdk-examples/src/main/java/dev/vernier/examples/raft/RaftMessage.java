package dev.vernier.examples.raft;

import dev.vernier.examples.cluster.Message;
import java.util.List;

/** Raft's wire messages. Immutable. */
sealed interface RaftMessage extends Message {

    /** A client request: a key-value put. */
    record Request(long id, String key, byte[] value) {
        int size() {
            return 24 + key.length() + value.length;
        }
    }

    /** One log entry; {@code requestId} is negative ({@code -term}) for a leader's no-op entry. */
    record Entry(long term, long requestId, String key, byte[] value) {
        int size() {
            return 32 + (key == null ? 0 : key.length()) + value.length;
        }
    }

    record RequestVote(long term, String candidate, long lastLogIndex, long lastLogTerm) implements RaftMessage {
        @Override
        public int sizeBytes() {
            return 48;
        }
    }

    record VoteReply(long term, boolean granted) implements RaftMessage {
        @Override
        public int sizeBytes() {
            return 24;
        }
    }

    /**
     * @param epoch the leader's replication epoch for the receiver, echoed in the reply: the leader
     *     starts a new one each time it rewinds the receiver's next index, and so tells the answers to
     *     appends sent before the rewind (stale) from those it still waits for
     */
    record AppendEntries(long term, String leader, long prevIndex, long prevTerm, List<Entry> entries,
                         long leaderCommit, boolean heartbeat, long epoch) implements RaftMessage {
        @Override
        public int sizeBytes() {
            int size = 72;
            for (Entry e : entries) {
                size += e.size();
            }
            return size;
        }
    }

    /** @param epoch the epoch of the append (or heartbeat) this answers */
    record AppendReply(long term, boolean success, long matchIndex, long hint, boolean heartbeat, long epoch)
            implements RaftMessage {
        @Override
        public int sizeBytes() {
            return 48;
        }
    }

    /** Client requests forwarded by a follower to the leader it knows. */
    record Forward(List<Request> requests, int hops) implements RaftMessage {
        @Override
        public int sizeBytes() {
            int size = 16;
            for (Request r : requests) {
                size += r.size();
            }
            return size;
        }
    }
}
