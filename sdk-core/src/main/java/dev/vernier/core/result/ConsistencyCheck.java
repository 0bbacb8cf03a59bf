package dev.vernier.core.result;

/**
 * What the suite's {@code StateVerifier} said after the faults. Immutable and thread-safe.
 *
 * @param consistent true when every live replica agrees on the committed prefix
 * @param committedPrefix length of the prefix they share, entries
 * @param detail the verifier's description
 */
public record ConsistencyCheck(boolean consistent, long committedPrefix, String detail) {
}
