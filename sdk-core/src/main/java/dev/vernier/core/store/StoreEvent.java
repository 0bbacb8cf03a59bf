package dev.vernier.core.store;

import java.nio.file.Path;

/**
 * Something the {@link ResultStore} did that a caller may want to know. Immutable and thread-safe.
 *
 * @param kind what happened
 * @param file the file concerned (for {@link Kind#CORRUPT_MOVED}, where it was moved to)
 * @param message one sentence, naming the file and the reason
 * @param cause the underlying exception, or null
 */
public record StoreEvent(Kind kind, Path file, String message, Throwable cause) {

    /** What happened. */
    public enum Kind {
        /** A result or baseline was written. */
        WRITTEN,
        /** A file could not be read as a result and was moved to the {@code corrupt/} subdirectory. */
        CORRUPT_MOVED,
        /** A file could not be read and could not be moved aside either (it is skipped). */
        UNREADABLE
    }
}
