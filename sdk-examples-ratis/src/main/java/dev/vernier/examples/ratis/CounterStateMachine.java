package dev.vernier.examples.ratis;

import dev.vernier.api.NanoClock;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * A replicated counter: every committed log entry increments the number of applied transactions,
 * adds its payload size and folds the payload into a running checksum, so replicas can be compared.
 *
 * <p>Each reply carries two longs, the {@link NanoClock} time when applying began (the entry is
 * committed by then: "agreed") and when it finished ("applied"). Those timestamps are only meaningful
 * because all nodes run in the same JVM as the harness and share its clock.
 *
 * <p>Thread-safety: Ratis calls {@link #applyTransaction} from one state-machine updater thread per
 * server; the counters are read from other threads through volatile fields.
 */
final class CounterStateMachine extends BaseStateMachine {

    /** Size in bytes of the reply: agreed-at and applied-at nanoseconds. */
    static final int REPLY_BYTES = 2 * Long.BYTES;

    private final NanoClock clock;
    private volatile long appliedCount;
    private volatile long appliedBytes;
    private volatile long checksum = 17;

    CounterStateMachine(NanoClock clock) {
        this.clock = clock;
    }

    @Override
    public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
        long agreedAt = clock.nanoTime();
        LogEntryProto entry = trx.getLogEntry();
        ByteString data = entry.getStateMachineLogEntry().getLogData();
        // Written by the single updater thread only, so read-modify-write on volatiles is safe.
        checksum = checksum * 31 + data.hashCode();
        appliedBytes = appliedBytes + data.size();
        appliedCount = appliedCount + 1;
        updateLastAppliedTermIndex(entry.getTerm(), entry.getIndex());
        long appliedAt = clock.nanoTime();
        ByteBuffer reply = ByteBuffer.allocate(REPLY_BYTES).putLong(agreedAt).putLong(appliedAt).flip();
        return CompletableFuture.completedFuture(Message.valueOf(UnsafeByteOperations.unsafeWrap(reply)));
    }

    /** @return transactions applied on this replica */
    long appliedCount() {
        return appliedCount;
    }

    /** @return payload bytes applied on this replica */
    long appliedBytes() {
        return appliedBytes;
    }

    /** @return order-sensitive checksum of all applied payloads */
    long checksum() {
        return checksum;
    }
}
