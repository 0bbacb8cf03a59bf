package dev.vernier.cli.run;

import dev.vernier.cli.config.BenchmarkConfig;
import dev.vernier.cli.env.MachineCheck;
import dev.vernier.core.archive.RunArchives;
import dev.vernier.core.report.Targets;
import dev.vernier.core.result.Environment;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.result.Warning;
import dev.vernier.core.stats.StatisticsConfig;
import dev.vernier.core.store.ResultStore;
import dev.vernier.core.store.StoreEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where the results of one command go: each result gets the configuration's label and the machine's
 * warnings (so they travel with it), a run directory and its {@code .zip} under
 * {@code <results>/archives}, and a place in the store (history, baselines); summaries of a whole
 * command go under {@code <results>/runs}. Not thread-safe; closes the store it opened.
 */
final class ResultWriter implements AutoCloseable {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final BenchmarkConfig config;
    private final Path directory;
    private final MachineCheck.Report machine;
    private final ResultStore store;
    private final RunArchives archives;

    /**
     * What was written for one result.
     *
     * @param directory the run directory, or null
     * @param archive its {@code .zip}, or null
     * @param failure why it could not be written, or null
     */
    record Written(Path directory, Path archive, String failure) {
    }

    /**
     * @param config the configuration (output, gate statistics, label)
     * @param directory the results directory
     * @param machine the machine check, or null
     * @param say receives store events other than writes (a corrupt file moved aside...)
     */
    ResultWriter(BenchmarkConfig config, Path directory, MachineCheck.Report machine, Consumer<String> say) {
        this.config = config;
        this.directory = directory;
        this.machine = machine;
        if (config.output().store() || !config.gate().baselines().isEmpty()) {
            BenchmarkConfig.Gate g = config.gate();
            StatisticsConfig stats = StatisticsConfig.defaults().withAlpha(g.alpha())
                    .withPracticalThreshold(g.threshold()).withErrorRateThreshold(g.errorThreshold());
            ResultStore.Builder b = ResultStore.builder(directory).statistics(stats).listener(e -> {
                if (e.kind() != StoreEvent.Kind.WRITTEN) {
                    say.accept("  store: " + e.message());
                }
            });
            this.store = config.output().store() ? b.retention(config.output().retention()).build()
                    : b.keepForever().build();
            this.archives = store.archives();
        } else {
            this.store = null;
            this.archives = RunArchives.in(directory.resolve("archives"));
        }
    }

    /** @return the store, or null when results are not stored and there is no gate */
    ResultStore store() {
        return store;
    }

    /** @return the result with the configuration's label and the machine's warnings */
    ScenarioResult decorate(ScenarioResult r) {
        Environment env = r.environment();
        if (env != null && config.output().label() != null) {
            env = env.withLabel(config.output().label());
        }
        List<Warning> warnings = new ArrayList<>(r.warnings());
        if (machine != null) {
            machine.warnings().forEach(f -> warnings.add(new Warning(Warning.Kind.OTHER, null,
                    "machine not quiet: " + f.message())));
        }
        return new ScenarioResult(r.schemaVersion(), r.suite(), r.scenario(), r.startedAtEpochMillis(),
                r.elapsedSeconds(), r.throughput(), r.latency(), r.resources(), r.scalability(), r.faultTolerance(),
                warnings, env);
    }

    /**
     * @param result a decorated result
     * @param targets what its findings are judged against
     * @param hlog the run's interval log, or null
     * @param tuning a tuning session drawn in its HTML report, or null
     * @return where it went
     */
    Written write(ScenarioResult result, Targets targets, Path hlog, dev.vernier.core.report.TuningTrajectory tuning) {
        Path dir = null;
        try {
            RunArchives.Writer w = archives.writer().targets(targets).html(config.output().html()).tuning(tuning);
            if (hlog != null && Files.size(hlog) > 0) {
                w.hlog(hlog);
            }
            if (machine != null) {
                w.environment(machine.describe());
            }
            dir = w.write(result);
            Path zip = config.output().archive() ? archives.compress(dir) : null;
            if (store != null && config.output().store()) {
                store.save(result);
            }
            return new Written(dir, zip, null);
        } catch (IOException | UncheckedIOException e) {
            return new Written(dir, null, "measured, but the results could not all be written: " + e.getMessage());
        }
    }

    /**
     * @param startedAtEpochMillis when the command's first result started
     * @param suffix appended to the name, e.g. {@code -tuning}
     * @return a new directory {@code <results>/runs/<time>-<file><suffix>}
     * @throws IOException when it cannot be created
     */
    Path summaryDirectory(long startedAtEpochMillis, String suffix) throws IOException {
        String stem = config.source() == null ? "run" : config.source().getFileName().toString()
                .replaceAll("\\.ya?ml$", "").replaceAll("[^A-Za-z0-9._-]", "_");
        String base = STAMP.format(Instant.ofEpochMilli(startedAtEpochMillis)) + "-" + stem + suffix;
        Path runs = directory.resolve("runs");
        Files.createDirectories(runs);
        for (int i = 1; ; i++) {
            Path dir = runs.resolve(i == 1 ? base : base + "-" + i);
            try {
                return Files.createDirectory(dir);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                // a run that started in the same second: take the next name
            }
        }
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
