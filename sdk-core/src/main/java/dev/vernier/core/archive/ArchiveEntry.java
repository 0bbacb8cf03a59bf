package dev.vernier.core.archive;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One archived run in a results directory: a run directory or its compressed archive. Immutable and
 * thread-safe.
 *
 * @param name the run's name, {@code <time>-<suite>-<scenario>} (the directory's name, or the archive's
 *     without {@code .zip})
 * @param path the directory or the {@code .zip} file
 * @param compressed true for a {@code .zip} archive
 * @param started when the run started, parsed from the name
 * @param bytes the archive's size, or the sum of the directory's files, bytes
 */
public record ArchiveEntry(String name, Path path, boolean compressed, Instant started, long bytes) {
}
