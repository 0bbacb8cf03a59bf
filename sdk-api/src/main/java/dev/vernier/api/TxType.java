package dev.vernier.api;

import dev.vernier.api.internal.Check;

/**
 * One kind of transaction in a {@link TransactionMix}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name a short name used in reports, e.g. {@code "put"}
 * @param weight relative frequency, positive (weights need not add up to 1)
 * @param payloadBytes size of the payload in bytes, 0 to {@link #MAX_PAYLOAD_BYTES}
 */
public record TxType(String name, double weight, int payloadBytes) {

    /** Largest payload: 64 MiB (one payload per type is allocated for the run). */
    public static final int MAX_PAYLOAD_BYTES = 64 << 20;

    /** @throws IllegalArgumentException naming the field and the value when one is invalid */
    public TxType {
        Check.notBlank("txType.name", name);
        Check.positive("txType[" + name + "].weight", weight);
        Check.nonNegative("txType[" + name + "].payloadBytes", payloadBytes);
        if (payloadBytes > MAX_PAYLOAD_BYTES) {
            throw new IllegalArgumentException("txType[" + name + "].payloadBytes must be at most " + MAX_PAYLOAD_BYTES
                    + ", but was " + payloadBytes);
        }
    }
}
