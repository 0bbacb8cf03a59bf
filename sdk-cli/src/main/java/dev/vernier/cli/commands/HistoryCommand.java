package dev.vernier.cli.commands;

import dev.vernier.cli.ExitCodes;
import dev.vernier.cli.Main;
import dev.vernier.cli.run.Table;
import dev.vernier.core.archive.ArchiveEntry;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.store.ResultStore;
import dev.vernier.core.store.StoreEvent;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code vernier history}: the stored results and baselines; saves and deletes baselines. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"List stored results and baselines; save or delete a baseline.", "", "Lists the results stored by vernier run and vernier tune (newest first, per suite and"
                + " scenario), the named baselines and the archived runs; saves a result as a named baseline"
                + " (the gate's reference) or deletes one. Listing never deletes anything (no retention is"
                + " applied)."},
        footerHeading = "%nExamples:%n",
        footer = {"  vernier history",
                "  vernier history --suite raft --limit 5",
                "  vernier history --baseline main --suite raft --scenario steady   # the latest raft/steady",
                "  vernier history --baseline release-1.2 --from vernier-results/archives/<run>.zip",
                "  vernier history --delete-baseline old",
                "",
                "Exit codes:   0 done",
                "              2 bad input (no such result, series or directory; an ambiguous choice)"})
public final class HistoryCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Option(names = "--results", paramLabel = "DIR", defaultValue = "vernier-results",
            description = "The results directory (the store). Default: ${DEFAULT-VALUE}.")
    private Path results;

    @Option(names = "--suite", paramLabel = "NAME", description = "Only this suite.")
    private String suite;

    @Option(names = "--scenario", paramLabel = "NAME", description = "Only this scenario.")
    private String scenario;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "10",
            description = "At most N results per suite and scenario. Default: ${DEFAULT-VALUE}.")
    private int limit;

    @Option(names = "--baseline", paramLabel = "NAME",
            description = "Save a result as the baseline NAME: the one --from names, else the latest of the"
                    + " --suite/--scenario chosen (or of the only series stored).")
    private String baseline;

    @Option(names = "--from", paramLabel = "RESULT",
            description = "With --baseline: a result.json, run directory, archive or run name.")
    private String from;

    @Option(names = "--delete-baseline", paramLabel = "NAME", description = "Delete the baseline NAME.")
    private String delete;

    @Override
    public Integer call() {
        if (limit < 1) {
            return Problems.bad(main.err(), "--limit must be at least 1, but was " + limit);
        }
        if (from != null && baseline == null) {
            return Problems.bad(main.err(), "--from goes with --baseline, which is missing");
        }
        List<String> problems = new ArrayList<>();
        try (ResultStore store = ResultStore.builder(results).keepForever().listener(e -> {
            if (e.kind() != StoreEvent.Kind.WRITTEN) {
                problems.add(e.message());
            }
        }).build()) {
            int code;
            if (delete != null) {
                code = delete(store);
            } else if (baseline != null) {
                code = save(store);
            } else {
                code = list(store);
            }
            problems.forEach(p -> main.err().println("store: " + p));
            return code;
        } catch (UncheckedIOException e) {
            return Problems.bad(main.err(), "cannot use " + results + ": " + e.getMessage());
        }
    }

    private int delete(ResultStore store) {
        if (!store.deleteBaseline(delete)) {
            return Problems.bad(main.err(), "there is no baseline '" + delete + "' in " + results + "; baselines: "
                    + store.baselineNames());
        }
        main.out().println("Deleted baseline " + delete);
        return ExitCodes.OK;
    }

    private int save(ResultStore store) {
        ScenarioResult r;
        if (from != null) {
            try {
                r = Results.open(from, results).result();
            } catch (IllegalArgumentException e) {
                return Problems.bad(main.err(), e.getMessage());
            }
        } else {
            List<ResultStore.Series> series = selected(store);
            if (series.size() != 1) {
                return Problems.bad(main.err(), (series.isEmpty() ? "no stored result matches" : series.size()
                        + " series match") + (suite == null ? "" : " --suite " + suite)
                        + (scenario == null ? "" : " --scenario " + scenario) + "; choose one with --suite and"
                        + " --scenario, or --from. Stored: " + names(store.series()));
            }
            Optional<ScenarioResult> latest = store.latest(series.get(0).suite(), series.get(0).scenario());
            if (latest.isEmpty()) {
                return Problems.bad(main.err(), "the results of " + names(series) + " cannot be read");
            }
            r = latest.get();
        }
        Path file = store.saveBaseline(baseline, r);
        main.out().println("Saved baseline " + baseline + ": " + r.suite() + " / " + r.scenarioName() + ", started "
                + Instant.ofEpochMilli(r.startedAtEpochMillis()) + " (" + file + ")");
        return ExitCodes.OK;
    }

    private List<ResultStore.Series> selected(ResultStore store) {
        return store.series().stream().filter(s -> (suite == null || s.suite().equals(suite))
                && (scenario == null || s.scenario().equals(scenario))).toList();
    }

    private static String names(List<ResultStore.Series> series) {
        return series.isEmpty() ? "none" : series.stream().map(s -> s.suite() + " / " + s.scenario()).toList().toString();
    }

    private int list(ResultStore store) {
        List<ResultStore.Series> series = selected(store);
        if ((suite != null || scenario != null) && series.isEmpty()) {
            return Problems.bad(main.err(), "no stored result matches" + (suite == null ? "" : " --suite " + suite)
                    + (scenario == null ? "" : " --scenario " + scenario) + "; stored: " + names(store.series()));
        }
        main.out().println("Results in " + store.directory() + (series.isEmpty() ? ": none yet (vernier run stores"
                + " them)" : " (newest first, at most " + limit + " per suite and scenario):"));
        if (!series.isEmpty()) {
            Table t = new Table(new String[] {"suite", "scenario", "started (UTC)", "ops/s", "p50 ms", "p99 ms", "errors",
                    "label"}, new boolean[] {false, false, false, true, true, true, true, false});
            for (ResultStore.Series s : series) {
                List<ScenarioResult> all = new ArrayList<>(store.find(s.suite(), s.scenario()));
                all.sort(Comparator.comparingLong(ScenarioResult::startedAtEpochMillis).reversed());
                for (ScenarioResult r : all.subList(0, Math.min(limit, all.size()))) {
                    t.row(r.suite(), r.scenarioName(), Instant.ofEpochMilli(r.startedAtEpochMillis()).toString(),
                            r.throughput() == null ? "-" : f("%,.0f", r.throughput().averageOpsPerSecond()),
                            latency(r, 50), latency(r, 99), errors(r),
                            r.environment() == null || r.environment().label() == null ? "" : r.environment().label());
                }
            }
            main.out().print(t.render());
        }
        List<String> names = store.baselineNames();
        main.out().println();
        main.out().println(names.isEmpty() ? "Baselines: none (save one with --baseline NAME)" : "Baselines:");
        if (!names.isEmpty()) {
            Table t = new Table(new String[] {"name", "suite", "scenario", "started (UTC)", "label"},
                    new boolean[] {false, false, false, false, false});
            for (String n : names) {
                Optional<ScenarioResult> b = store.baseline(n);
                t.row(n, b.map(ScenarioResult::suite).orElse("(unreadable)"), b.map(ScenarioResult::scenarioName)
                        .orElse(""), b.map(r -> Instant.ofEpochMilli(r.startedAtEpochMillis()).toString()).orElse(""),
                        b.map(r -> r.environment() == null || r.environment().label() == null ? ""
                                : r.environment().label()).orElse(""));
            }
            main.out().print(t.render());
        }
        List<ArchiveEntry> archives = store.archives().list();
        long zips = archives.stream().filter(ArchiveEntry::compressed).count();
        main.out().println();
        main.out().println("Archived runs in " + store.archives().root() + ": " + (archives.size() - zips)
                + " run directories, " + zips + " .zip archives" + (archives.isEmpty() ? ""
                : "; newest " + archives.get(0).name()));
        return ExitCodes.OK;
    }

    private static String latency(ScenarioResult r, double p) {
        return r.latency() == null || r.latency().overall().count() == 0 ? "-"
                : f("%.2f", r.latency().overall().percentile(p));
    }

    private static String errors(ScenarioResult r) {
        if (r.latency() != null && r.latency().outcomes().total() > 0) {
            return f("%.2f%%", 100 * r.latency().outcomes().errorRate());
        }
        return r.throughput() == null || r.throughput().outcomes().total() == 0 ? "-"
                : f("%.2f%%", 100 * r.throughput().outcomes().errorRate());
    }

    private static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }
}
