package dev.vernier.cli.commands;

import dev.vernier.core.archive.OpenedRun;
import dev.vernier.core.archive.RunArchives;
import dev.vernier.core.report.JsonReport;
import dev.vernier.core.result.ScenarioResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reading a result the way every command accepts one. Stateless. */
final class Results {

    private Results() {
    }

    /**
     * A result read from the command line.
     *
     * @param result the result
     * @param run the run it came with (its interval log, environment...), or null for a lone result.json
     */
    record Loaded(ScenarioResult result, OpenedRun run) {
    }

    /**
     * A result file ({@code result.json}), a run directory, a {@code .zip} archive, or the name of a
     * run under {@code <results>/archives}.
     *
     * @param given as written on the command line
     * @param results the results directory (for run names)
     * @return the result
     * @throws IllegalArgumentException naming the file and the reason when it cannot be read
     */
    static Loaded open(String given, Path results) {
        Path p = Path.of(given);
        try {
            if (Files.isRegularFile(p) && !given.endsWith(".zip")) {
                return new Loaded(new JsonReport().read(Files.readString(p, StandardCharsets.UTF_8)), null);
            }
            RunArchives archives = RunArchives.in(results.resolve("archives"));
            if (!Files.exists(p) && !Files.exists(archives.root().resolve(given))
                    && !Files.exists(archives.root().resolve(given + ".zip"))) {
                throw new IllegalArgumentException("no such file, run directory, archive or run name (runs are looked"
                        + " up in " + archives.root() + ")");
            }
            OpenedRun run = archives.open(p);
            return new Loaded(run.result(), run);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IllegalArgumentException(given + ": not UTF-8 text", e);
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(given + ": cannot be read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(given + ": " + e.getMessage(), e);
        }
    }
}
