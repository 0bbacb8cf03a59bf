package dev.vernier.examples.pbft;

import dev.vernier.examples.cluster.Message;
import java.util.List;

/** PBFT's wire messages. Immutable. */
sealed interface PbftMessage extends Message {

    record Request(long id, String key, byte[] value) {
        int size() {
            return 24 + key.length() + value.length;
        }
    }

    /** An ordered batch; {@code digest} identifies its content (0 for the null batch of a view change). */
    record Batch(long digest, List<Request> requests) {
        static final Batch NULL = new Batch(0, List.of());

        static Batch of(List<Request> requests) {
            long h = 1125899906842597L;
            for (Request r : requests) {
                h = 31 * h + r.id();
            }
            return new Batch(h == 0 ? 1 : h, List.copyOf(requests));
        }

        int size() {
            int s = 16;
            for (Request r : requests) {
                s += r.size();
            }
            return s;
        }
    }

    record Forward(List<Request> requests) implements PbftMessage {
        @Override
        public int sizeBytes() {
            return 16 + requests.stream().mapToInt(Request::size).sum();
        }
    }

    record PrePrepare(long view, long seq, Batch batch) implements PbftMessage {
        @Override
        public int sizeBytes() {
            return 32 + batch.size();
        }
    }

    record Prepare(long view, long seq, long digest) implements PbftMessage {
        @Override
        public int sizeBytes() {
            return 48;
        }
    }

    record Commit(long view, long seq, long digest) implements PbftMessage {
        @Override
        public int sizeBytes() {
            return 48;
        }
    }

    /** A prepared certificate: {@code batch} prepared at {@code seq} in {@code view}. */
    record Prepared(long seq, long view, Batch batch) {
    }

    record ViewChange(long newView, long lastExecuted, List<Prepared> prepared) implements PbftMessage {
        @Override
        public int sizeBytes() {
            return 32 + prepared.stream().mapToInt(p -> 16 + p.batch().size()).sum();
        }
    }

    record NewView(long view, long base, List<PrePrepare> prePrepares) implements PbftMessage {
        @Override
        public int sizeBytes() {
            return 32 + prePrepares.stream().mapToInt(PrePrepare::sizeBytes).sum();
        }
    }

    record Fetch(long fromSeq) implements PbftMessage {
        @Override
        public int sizeBytes() {
            return 16;
        }
    }

    record FetchReply(long fromSeq, List<Batch> batches) implements PbftMessage {
        @Override
        public int sizeBytes() {
            return 16 + batches.stream().mapToInt(Batch::size).sum();
        }
    }
}
