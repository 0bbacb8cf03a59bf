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
        /** A result or baseline was written (and synced to disk). */
        WRITTEN,
        /** A file could not be read as a result and was moved to the {@code corrupt/} subdirectory. */
        CORRUPT_MOVED,
        /** A file could not be read and could not be moved aside either (it is skipped). */
        UNREADABLE,
        /**
         * A file was written by a newer Vernier (a newer schema version): it is left in place,
         * skipped by this store, and reported once per store.
         */
        NEWER_SCHEMA,
        /** A file written by an older Vernier whose schema this one cannot read; left in place. */
        OLDER_SCHEMA,
        /** A result older than the retention period was deleted. */
        EXPIRED_DELETED,
        /** A temporary file left by a writer that died mid-save was deleted. */
        STALE_TEMP_DELETED,
        /** A baseline was deleted on request. */
        BASELINE_DELETED
    }
}
