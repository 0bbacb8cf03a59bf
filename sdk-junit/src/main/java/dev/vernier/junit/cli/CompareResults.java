package dev.vernier.junit.cli;

import dev.vernier.core.report.JsonReport;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.stats.Comparison;
import dev.vernier.core.stats.FigureChange;
import dev.vernier.core.stats.ResultStatistics;
import dev.vernier.core.stats.StatisticsConfig;
import dev.vernier.core.store.ResultStore;
import dev.vernier.core.store.StoreEvent;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Command line gate: compares a candidate result with a baseline and exits 0 when no figure
 * regressed, 1 when one did, 2 when an input cannot be read or is not a valid result (and for
 * usage errors), 3 for an internal error. Bad input is never taken for a regression: every file is
 * read and validated before anything is compared, and every failure is printed with its file and
 * reason.
 *
 * <pre>
 * CompareResults [options] BASELINE.json CANDIDATE.json
 * CompareResults [options] --store DIR --baseline NAME CANDIDATE.json
 * </pre>
 *
 * The comparison is printed as a Markdown table, with the environments' differences and the reason
 * of every verdict that is not IMPROVED or REGRESSED. Opening {@code --store} never deletes a
 * result (it is opened without retention). Stateless; {@link #run} is thread-safe.
 */
public final class CompareResults {

    /** No figure regressed. */
    public static final int OK = 0;
    /** At least one figure regressed (or was INCONCLUSIVE, with {@code --fail-on-inconclusive}). */
    public static final int REGRESSED = 1;
    /** Bad arguments, or an input file that cannot be read or is not a valid result. */
    public static final int BAD_INPUT = 2;
    /** A failure inside Vernier (a bug): neither a verdict nor bad input. */
    public static final int INTERNAL_ERROR = 3;

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: CompareResults [options] BASELINE.json CANDIDATE.json",
            "       CompareResults [options] --store DIR --baseline NAME CANDIDATE.json",
            "  --alpha A               significance level of verdicts, in (0, 0.5), default 0.05",
            "                          (change intervals are at 1 - A)",
            "  --threshold T           noise band of relative changes as a fraction, default 0.02",
            "  --error-threshold E     noise band of error-rate changes as a share, default 0.001",
            "  --confidence C          confidence level of the figures' intervals (display only), default 0.95",
            "  --fail-on-inconclusive  exit 1 also when a figure is INCONCLUSIVE",
            "exit codes: 0 no figure regressed, 1 a figure regressed, 2 bad input (file or option), 3 internal error");

    /** Runs the comparison and exits with its code. */
    public static void main(String[] args) {
        int code;
        try {
            code = new CompareResults().run(args, System.out, System.err);
        } catch (Throwable t) {
            System.err.println("internal error: " + t);
            code = INTERNAL_ERROR;
        }
        System.exit(code);
    }

    /**
     * @param args command-line arguments (see the class comment)
     * @param out where the comparison is printed
     * @param err where usage and input errors are printed
     * @return {@link #OK}, {@link #REGRESSED}, {@link #BAD_INPUT} or {@link #INTERNAL_ERROR}
     */
    public int run(String[] args, PrintStream out, PrintStream err) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return BAD_INPUT;
        }
        if (o.help) {
            out.println(USAGE);
            return OK;
        }
        try {
            return compare(o, out, err);
        } catch (RuntimeException e) {
            err.println("internal error (please report it): " + e);
            return INTERNAL_ERROR;
        }
    }

    private int compare(Options o, PrintStream out, PrintStream err) {
        List<String> failures = new ArrayList<>();
        Path candidateFile = Path.of(o.files.get(o.files.size() - 1));
        ScenarioResult candidate = readAndCheck(candidateFile, o.config, failures);
        Comparison comparison = null;
        if (o.storeDir == null) {
            Path baselineFile = Path.of(o.files.get(0));
            ScenarioResult baseline = readAndCheck(baselineFile, o.config, failures);
            if (failures.isEmpty()) {
                comparison = ResultStatistics.compare(baseline, candidate, o.config);
            }
        } else {
            Path dir = Path.of(o.storeDir);
            if (!Files.isDirectory(dir)) {
                failures.add("--store " + o.storeDir + ": must be a directory, but is "
                        + (Files.exists(dir) ? "a file" : "missing"));
            } else {
                List<String> storeProblems = new ArrayList<>();
                try (ResultStore store = ResultStore.builder(dir).keepForever().statistics(o.config)
                        .listener(e -> {
                            if (e.kind() != StoreEvent.Kind.WRITTEN) {
                                storeProblems.add(e.message());
                            }
                        }).build()) {
                    if (candidate != null) {
                        try {
                            comparison = store.compareWithBaseline(candidate, o.baselineName);
                        } catch (IllegalArgumentException e) {
                            failures.add("--baseline " + o.baselineName + " in " + dir + ": " + e.getMessage());
                        }
                    } else if (store.baseline(o.baselineName).isEmpty()) {
                        failures.add("--baseline " + o.baselineName + " in " + dir
                                + ": not found or not readable");
                    }
                }
                storeProblems.forEach(m -> err.println("store: " + m));
            }
        }
        if (!failures.isEmpty()) {
            failures.forEach(f -> err.println("error: " + f));
            err.println("exit " + BAD_INPUT + ": bad input, nothing was compared");
            return BAD_INPUT;
        }
        if (comparison.changes().isEmpty()) {
            err.println("error: the two results share no figure");
            return BAD_INPUT;
        }
        out.print(comparison.toMarkdown());
        out.println();
        List<FigureChange> inconclusive = comparison.inconclusive();
        if (!inconclusive.isEmpty()) {
            out.println("INCONCLUSIVE: " + inconclusive.stream().map(c -> c.figure() + " (detectable "
                    + c.formatDetectable() + ")").collect(Collectors.joining(", ")));
        }
        if (comparison.regressed()) {
            out.println("REGRESSED: " + comparison.regressions().size() + " figure(s): " + comparison.regressions()
                    .stream().map(FigureChange::figure).collect(Collectors.joining(", ")));
            return REGRESSED;
        }
        if (o.failOnInconclusive && !inconclusive.isEmpty()) {
            out.println("FAILED: " + inconclusive.size() + " figure(s) INCONCLUSIVE and --fail-on-inconclusive is set");
            return REGRESSED;
        }
        out.println("OK: no figure regressed");
        return OK;
    }

    /** Reads a result and computes its figures; on failure adds "file: reason" and returns null. */
    private static ScenarioResult readAndCheck(Path file, StatisticsConfig config, List<String> failures) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            failures.add(file + ": no such file");
            return null;
        } catch (CharacterCodingException e) {
            failures.add(file + ": not UTF-8 text (" + e.getMessage() + ")");
            return null;
        } catch (IOException e) {
            failures.add(file + ": cannot read it: " + e);
            return null;
        }
        ScenarioResult r;
        try {
            r = new JsonReport().read(text);
        } catch (IllegalArgumentException e) {
            failures.add(file + ": " + e.getMessage());
            return null;
        }
        try {
            ResultStatistics.of(r, config);
        } catch (IllegalArgumentException e) {
            failures.add(file + ": " + e.getMessage());
            return null;
        }
        return r;
    }

    /** Parsed arguments. */
    private static final class Options {
        StatisticsConfig config = StatisticsConfig.defaults();
        String storeDir;
        String baselineName;
        boolean failOnInconclusive;
        boolean help;
        final List<String> files = new ArrayList<>();

        static Options parse(String[] args) {
            Options o = new Options();
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--alpha" -> o.config = o.config.withAlpha(number(a, value(args, ++i, a)));
                    case "--threshold" -> o.config = o.config.withPracticalThreshold(number(a, value(args, ++i, a)));
                    case "--error-threshold" -> o.config = o.config.withErrorRateThreshold(
                            number(a, value(args, ++i, a)));
                    case "--confidence" -> o.config = o.config.withDisplayConfidence(number(a, value(args, ++i, a)));
                    case "--store" -> o.storeDir = value(args, ++i, a);
                    case "--baseline" -> o.baselineName = value(args, ++i, a);
                    case "--fail-on-inconclusive" -> o.failOnInconclusive = true;
                    case "-h", "--help" -> o.help = true;
                    default -> {
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("option must be one of --alpha, --threshold,"
                                    + " --error-threshold, --confidence, --store, --baseline, --fail-on-inconclusive,"
                                    + " --help, but was " + a);
                        }
                        o.files.add(a);
                    }
                }
            }
            if (o.help) {
                return o;
            }
            if ((o.storeDir == null) != (o.baselineName == null)) {
                throw new IllegalArgumentException("--store and --baseline go together, but only "
                        + (o.storeDir == null ? "--baseline" : "--store") + " was given");
            }
            int expected = o.storeDir == null ? 2 : 1;
            if (o.files.size() != expected) {
                throw new IllegalArgumentException("expected " + expected + " result file(s), but got "
                        + o.files.size() + " " + o.files);
            }
            return o;
        }

        private static String value(String[] args, int i, String option) {
            if (i >= args.length) {
                throw new IllegalArgumentException(option + " needs a value, but none was given");
            }
            return args[i];
        }

        private static double number(String option, String text) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " must be a number, but was " + text, e);
            }
        }
    }
}
