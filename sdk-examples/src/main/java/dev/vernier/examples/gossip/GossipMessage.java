package dev.vernier.examples.gossip;

import dev.vernier.examples.cluster.Message;
import java.util.List;
import java.util.Map;

/** Gossip's wire messages. Immutable. */
sealed interface GossipMessage extends Message {

    /** A transaction, identified by the node that accepted it and its sequence there. */
    record Item(String origin, long seq, long requestId, String key, byte[] value) {
        int size() {
            return 40 + key.length() + value.length;
        }
    }

    /** Push: recent items; pull: what the sender has (contiguous count per origin). */
    record Sync(Map<String, Long> summary, List<Item> push) implements GossipMessage {
        @Override
        public int sizeBytes() {
            return 16 + summary.size() * 16 + push.stream().mapToInt(Item::size).sum();
        }
    }

    /** The items the receiver of a {@link Sync} had and its sender lacked. */
    record SyncReply(List<Item> items) implements GossipMessage {
        @Override
        public int sizeBytes() {
            return 16 + items.stream().mapToInt(Item::size).sum();
        }
    }
}
