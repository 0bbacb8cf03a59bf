package dev.vernier.cli.commands;

import dev.vernier.cli.ExitCodes;
import dev.vernier.cli.Main;
import dev.vernier.core.archive.RunArchives;
import dev.vernier.junit.cli.CompareResults;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code vernier compare}: the regression gate. It is {@link CompareResults}, the same code the
 * sdk-junit gate runs, with the same options, output and exit codes; this command only adds that a
 * run directory or archive may stand for its {@code result.json}.
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare a candidate result with a baseline (the regression gate).", "", "Compares a candidate result with a baseline, figure by figure (throughput, error rate, mean"
                + " and percentiles), each with its interval, p-value and verdict (IMPROVED, REGRESSED, UNCHANGED,"
                + " INCONCLUSIVE), and says how the two environments differ. A result is a result.json, a run"
                + " directory or its .zip. Bad input is never taken for a regression: every file is read and"
                + " checked first."},
        footerHeading = "%nExamples:%n",
        footer = {"  vernier compare baseline.json candidate.json",
                "  vernier compare vernier-results/archives/20250101T120000Z-raft-steady.zip candidate.json",
                "  vernier compare --store vernier-results --baseline main candidate.json",
                "  vernier compare --threshold 0.05 --fail-on-inconclusive a.json b.json",
                "",
                "Exit codes:   0 no figure regressed",
                "              1 a figure regressed (or was INCONCLUSIVE, with --fail-on-inconclusive)",
                "              2 bad input (a file or an option): nothing was compared",
                "              3 internal error"})
public final class CompareCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Parameters(paramLabel = "RESULT", arity = "1..2",
            description = "BASELINE and CANDIDATE, or only CANDIDATE with --store and --baseline.")
    private List<String> files = new ArrayList<>();

    @Option(names = "--store", paramLabel = "DIR", description = "A result store holding the baseline.")
    private String store;

    @Option(names = "--baseline", paramLabel = "NAME", description = "The stored baseline's name (with --store).")
    private String baseline;

    @Option(names = "--alpha", paramLabel = "A",
            description = "Significance level of verdicts, in (0, 0.5); default 0.05.")
    private String alpha;

    @Option(names = "--threshold", paramLabel = "T",
            description = "Noise band of relative changes as a fraction; default 0.02.")
    private String threshold;

    @Option(names = "--error-threshold", paramLabel = "E",
            description = "Noise band of error-rate changes as a share; default 0.001.")
    private String errorThreshold;

    @Option(names = "--confidence", paramLabel = "C",
            description = "Confidence level of the figures' intervals (display only); default 0.95.")
    private String confidence;

    @Option(names = "--fail-on-inconclusive", description = "Exit 1 also when a figure is INCONCLUSIVE.")
    private boolean failOnInconclusive;

    @Override
    public Integer call() {
        List<String> args = new ArrayList<>();
        add(args, "--alpha", alpha);
        add(args, "--threshold", threshold);
        add(args, "--error-threshold", errorThreshold);
        add(args, "--confidence", confidence);
        add(args, "--store", store);
        add(args, "--baseline", baseline);
        if (failOnInconclusive) {
            args.add("--fail-on-inconclusive");
        }
        List<Path> temporary = new ArrayList<>();
        try {
            for (String f : files) {
                args.add(resultFile(f, temporary));
            }
            return new CompareResults().run(args.toArray(new String[0]), main.out(), main.err());
        } catch (IllegalArgumentException e) {
            main.err().println("error: " + e.getMessage());
            main.err().println("exit " + ExitCodes.BAD_INPUT + ": bad input, nothing was compared");
            return ExitCodes.BAD_INPUT;
        } finally {
            for (Path t : temporary) {
                try {
                    Files.deleteIfExists(t);
                } catch (IOException e) {
                    // a temporary copy: the system's temporary directory is cleaned anyway
                }
            }
        }
    }

    private static void add(List<String> args, String option, String value) {
        if (value != null) {
            args.add(option);
            args.add(value);
        }
    }

    /** A run directory or archive becomes a temporary copy of its result.json; anything else is passed on. */
    private static String resultFile(String given, List<Path> temporary) {
        Path p = Path.of(given);
        boolean archive = Files.isDirectory(p) || given.endsWith(".zip") && Files.isRegularFile(p);
        if (!archive) {
            return given;
        }
        try {
            String json = RunArchives.in(p.toAbsolutePath().getParent()).open(p).text(RunArchives.RESULT);
            Path t = Files.createTempFile("vernier-compare-", ".json");
            temporary.add(t);
            Files.writeString(t, json, StandardCharsets.UTF_8);
            return t.toString();
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException(given + ": cannot be read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(given + ": " + e.getMessage(), e);
        }
    }
}
