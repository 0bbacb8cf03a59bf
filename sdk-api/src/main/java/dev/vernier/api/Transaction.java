package dev.vernier.api;

/**
 * One transaction submitted to a {@link ProtocolSuite}.
 *
 * <p>Immutable apart from the payload array, which is shared between transactions of the same type
 * and must not be modified by the suite. Thread-safe to read.
 */
public final class Transaction {

    private final long id;
    private final int typeIndex;
    private final TxType type;
    private final byte[] payload;
    private final long intendedStartNanos;

    /**
     * @param id unique within a run, increasing in submission order per generator
     * @param typeIndex index of {@code type} in the scenario's mix
     * @param type the transaction's type
     * @param payload payload bytes (shared, read-only by contract)
     * @param intendedStartNanos when the load model meant to submit it, in {@link NanoClock} nanoseconds
     */
    public Transaction(long id, int typeIndex, TxType type, byte[] payload, long intendedStartNanos) {
        this.id = id;
        this.typeIndex = typeIndex;
        this.type = type;
        this.payload = payload;
        this.intendedStartNanos = intendedStartNanos;
    }

    /** @return the run-unique id */
    public long id() {
        return id;
    }

    /** @return the index of the type in the scenario's mix */
    public int typeIndex() {
        return typeIndex;
    }

    /** @return the type */
    public TxType type() {
        return type;
    }

    /** @return the payload; do not modify */
    public byte[] payload() {
        return payload;
    }

    /** @return the intended start in nanoseconds of the run's clock */
    public long intendedStartNanos() {
        return intendedStartNanos;
    }

    /** @return a key derived from the id, convenient for key-value state machines */
    public String key() {
        return "k" + (id & 0xFFFF);
    }

    @Override
    public String toString() {
        return "Transaction{id=" + id + ", type=" + type.name() + ", payload=" + payload.length + "B}";
    }
}
