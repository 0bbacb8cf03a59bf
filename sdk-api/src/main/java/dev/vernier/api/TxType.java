package dev.vernier.api;

import dev.vernier.api.internal.Check;

/**
 * One kind of transaction in a {@link TransactionMix}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param name a short name used in reports, e.g. {@code "put"}
 * @param weight relative frequency, positive (weights need not add up to 1)
 * @param payloadBytes size of the payload in bytes, 0 or more
 */
public record TxType(String name, double weight, int payloadBytes) {

    /** @throws IllegalArgumentException naming the field and the value when one is invalid */
    public TxType {
        Check.notBlank("txType.name", name);
        Check.positive("txType[" + name + "].weight", weight);
        Check.nonNegative("txType[" + name + "].payloadBytes", payloadBytes);
    }
}
