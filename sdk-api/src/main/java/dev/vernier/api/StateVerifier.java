package dev.vernier.api;

/**
 * Optional capability of a {@link ProtocolSuite}: check that replicas agree after faults.
 *
 * <p>Implementations must be thread-safe.
 */
public interface StateVerifier {

    /**
     * Compares the committed state of all live replicas.
     *
     * @return whether they agree on the committed prefix, and details
     */
    Verification verify();

    /**
     * The result of a check.
     *
     * @param consistent true when every live replica agrees on the committed prefix
     * @param committedPrefix length of the prefix all live replicas share (entries)
     * @param detail human-readable description, naming the first disagreement if any
     */
    record Verification(boolean consistent, long committedPrefix, String detail) {
    }
}
