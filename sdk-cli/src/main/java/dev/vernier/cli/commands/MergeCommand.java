package dev.vernier.cli.commands;

import dev.vernier.cli.ExitCodes;
import dev.vernier.cli.Main;
import dev.vernier.cli.run.Table;
import dev.vernier.core.hlog.HistogramMerge;
import dev.vernier.core.hlog.IntervalLogReader;
import dev.vernier.core.hlog.IntervalLogWriter;
import dev.vernier.core.hlog.LoggedInterval;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code vernier merge}: the exact sum of interval logs ({@link HistogramMerge}): every line of a
 * tag in every log added into one histogram, whose percentiles are printed (never an average of
 * per-node or per-interval percentiles).
 */
@Command(name = "merge", mixinStandardHelpOptions = true,
        description = {"Merge interval logs (.hlog) exactly and print the percentiles.", "", "Merges HdrHistogram interval logs (.hlog, e.g. one per node, or several runs) exactly: every"
                + " interval line of a tag is added into one histogram and its percentiles are read from the sum,"
                + " never averaged. Prints count, mean, percentiles and max (ms) per tag; --output writes the sums"
                + " as a log that HdrHistogram tools read."},
        footerHeading = "%nExamples:%n",
        footer = {"  vernier merge node1/latency.hlog node2/latency.hlog node3/latency.hlog",
                "  vernier merge run.hlog --all-tags --percentiles 50,99,99.9",
                "  vernier merge a.hlog b.hlog --output cluster.hlog",
                "",
                "Exit codes:   0 merged",
                "              2 bad input (a missing or malformed log, named with its line)",
                "              3 internal error"})
public final class MergeCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Parameters(paramLabel = "LOG", arity = "1..*", description = "Interval logs (.hlog).")
    private List<Path> logs = new ArrayList<>();

    @Option(names = "--tag", paramLabel = "TAG",
            description = "Merge the lines of this tag (e.g. type=put, stage=consensus); default: the untagged lines"
                    + " (every committed transaction in Vernier's logs).")
    private List<String> tags = new ArrayList<>();

    @Option(names = "--all-tags", description = "Merge every tag found, each on its own.")
    private boolean allTags;

    @Option(names = "--percentiles", paramLabel = "P", split = ",", defaultValue = "50,90,99,99.9,99.99",
            description = "Percentiles to print, each in (0, 100]. Default: ${DEFAULT-VALUE}.")
    private List<Double> percentiles = new ArrayList<>();

    @Option(names = "--output", paramLabel = "FILE", description = "Write the merged histograms to this .hlog.")
    private Path output;

    @Override
    public Integer call() {
        for (double p : percentiles) {
            if (!(p > 0 && p <= 100)) {
                return Problems.bad(main.err(), "--percentiles must each be in (0, 100], but one was " + p);
            }
        }
        if (allTags && !tags.isEmpty()) {
            return Problems.bad(main.err(), "--all-tags and --tag exclude each other");
        }
        Map<String, List<LoggedInterval>> byTag = new LinkedHashMap<>();
        double end = 0;
        for (Path log : logs) {
            if (!Files.isRegularFile(log)) {
                return Problems.bad(main.err(), log + ": no such file");
            }
            List<LoggedInterval> lines;
            try {
                lines = IntervalLogReader.read(log);
            } catch (IllegalArgumentException | UncheckedIOException e) {
                return Problems.bad(main.err(), e.getMessage());
            }
            for (LoggedInterval i : lines) {
                byTag.computeIfAbsent(i.tag() == null ? "" : i.tag(), k -> new ArrayList<>()).add(i);
                end = Math.max(end, i.startSeconds() + i.lengthSeconds());
            }
        }
        List<String> wanted = allTags ? new ArrayList<>(byTag.keySet()) : tags.isEmpty() ? List.of("") : tags;
        for (String t : wanted) {
            if (!byTag.containsKey(t)) {
                return Problems.bad(main.err(), "no line " + (t.isEmpty() ? "without a tag" : "tagged '" + t + "'")
                        + " in " + logs + "; tags found: " + byTag.keySet().stream().map(k -> k.isEmpty() ? "(none)" : k)
                        .toList());
            }
        }
        double[] ps = percentiles.stream().mapToDouble(Double::doubleValue).toArray();
        List<String> header = new ArrayList<>(List.of("tag", "intervals", "count", "mean ms"));
        for (double p : ps) {
            header.add("p" + trim(p) + " ms");
        }
        header.add("max ms");
        boolean[] right = new boolean[header.size()];
        java.util.Arrays.fill(right, 1, right.length, true);
        Table table = new Table(header.toArray(new String[0]), right);
        Map<String, Histogram> sums = new LinkedHashMap<>();
        for (String t : wanted) {
            List<Histogram> parts = byTag.get(t).stream().map(LoggedInterval::histogram).toList();
            Histogram sum = HistogramMerge.of(parts);
            sums.put(t, sum);
            var s = HistogramMerge.summarize(sum, ps);
            List<String> row = new ArrayList<>(List.of(t.isEmpty() ? "(all committed)" : t,
                    Integer.toString(parts.size()), Long.toString(s.count()), ms(s.meanMs())));
            s.percentiles().forEach(p -> row.add(ms(p.valueMs())));
            row.add(ms(s.maxMs()));
            table.row(row.toArray(new String[0]));
        }
        main.out().println("Exact merge of " + logs.size() + " log(s): percentiles of the summed histograms");
        main.out().print(table.render());
        if (output != null) {
            try (IntervalLogWriter w = IntervalLogWriter.create(output, System.currentTimeMillis(),
                    "vernier merge of " + logs.size() + " log(s): one line per tag, the sum of its lines")) {
                for (Map.Entry<String, Histogram> e : sums.entrySet()) {
                    w.write(0, end, e.getKey().isEmpty() ? null : e.getKey(), e.getValue());
                }
            } catch (UncheckedIOException | IllegalArgumentException e) {
                main.err().println("error: cannot write " + output + ": " + e.getMessage());
                return ExitCodes.RUN_FAILED;
            }
            main.out().println("Wrote " + output);
        }
        return ExitCodes.OK;
    }

    private static String ms(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static String trim(double p) {
        return p == Math.rint(p) ? Long.toString((long) p) : Objects.toString(p);
    }
}
