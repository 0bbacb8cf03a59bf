package dev.vernier.junit.cli;

import dev.vernier.core.report.JsonReport;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.stats.Comparison;
import dev.vernier.core.stats.ResultStatistics;
import dev.vernier.core.stats.StatisticsConfig;
import dev.vernier.core.store.ResultStore;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Command line gate: compares a candidate result with a baseline and exits 0 when no figure
 * regressed, 1 when one did, 2 for bad input (usage, unreadable file, missing baseline).
 *
 * <pre>
 * CompareResults [--confidence 0.999] [--threshold 0.02] BASELINE.json CANDIDATE.json
 * CompareResults [--confidence 0.999] [--threshold 0.02] --store DIR --baseline NAME CANDIDATE.json
 * </pre>
 *
 * The comparison is printed as a Markdown table. Stateless; {@link #run} is thread-safe.
 */
public final class CompareResults {

    /** No figure regressed. */
    public static final int OK = 0;
    /** At least one figure regressed. */
    public static final int REGRESSED = 1;
    /** Bad arguments or input files. */
    public static final int BAD_INPUT = 2;

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: CompareResults [--confidence C] [--threshold T] BASELINE.json CANDIDATE.json",
            "       CompareResults [--confidence C] [--threshold T] --store DIR --baseline NAME CANDIDATE.json",
            "  --confidence  confidence level in (0, 1), default 0.999",
            "  --threshold   practical threshold as a fraction, default 0.02",
            "exit codes: 0 no figure regressed, 1 a figure regressed, 2 bad input");

    /** Runs the comparison and exits with its code. */
    public static void main(String[] args) {
        System.exit(new CompareResults().run(args, System.out, System.err));
    }

    /**
     * @param args command-line arguments (see the class comment)
     * @param out where the comparison is printed
     * @param err where usage and input errors are printed
     * @return {@link #OK}, {@link #REGRESSED} or {@link #BAD_INPUT}
     */
    public int run(String[] args, PrintStream out, PrintStream err) {
        StatisticsConfig config = StatisticsConfig.defaults();
        String storeDir = null;
        String baselineName = null;
        List<String> files = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--confidence" -> config = config.withDisplayConfidence(number(a, value(args, ++i, a)));
                    case "--threshold" -> config = config.withPracticalThreshold(number(a, value(args, ++i, a)));
                    case "--store" -> storeDir = value(args, ++i, a);
                    case "--baseline" -> baselineName = value(args, ++i, a);
                    case "-h", "--help" -> {
                        out.println(USAGE);
                        return BAD_INPUT;
                    }
                    default -> {
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        files.add(a);
                    }
                }
            }
            if ((storeDir == null) != (baselineName == null)) {
                throw new IllegalArgumentException("--store and --baseline go together, but only one was given");
            }
            int expected = storeDir == null ? 2 : 1;
            if (files.size() != expected) {
                throw new IllegalArgumentException("expected " + expected + " result file(s), but got " + files.size()
                        + " " + files);
            }
            ScenarioResult candidate = read(Path.of(files.get(expected - 1)));
            Comparison comparison;
            if (storeDir == null) {
                comparison = ResultStatistics.compare(read(Path.of(files.get(0))), candidate, config);
            } else {
                Path dir = Path.of(storeDir);
                if (!Files.isDirectory(dir)) {
                    throw new IllegalArgumentException("--store must be a directory, but was " + storeDir);
                }
                try (ResultStore store = ResultStore.builder(dir).statistics(config)
                        .listener(e -> err.println(e.message())).build()) {
                    Optional<ScenarioResult> base = store.baseline(baselineName);
                    if (base.isEmpty()) {
                        throw new IllegalArgumentException("--baseline must name a stored baseline, but " + baselineName
                                + " is not in " + dir);
                    }
                    comparison = store.compareWithBaseline(candidate, baselineName);
                }
            }
            if (comparison.changes().isEmpty()) {
                throw new IllegalArgumentException("the two results share no figure");
            }
            out.print(comparison.toMarkdown());
            if (comparison.regressed()) {
                out.println();
                out.println("REGRESSED: " + comparison.regressions().size() + " figure(s)");
                return REGRESSED;
            }
            out.println();
            out.println("OK: no figure regressed");
            return OK;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(USAGE);
            return BAD_INPUT;
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
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

    private static ScenarioResult read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read result file " + file + ": " + e, e);
        }
        try {
            return new JsonReport().read(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
        }
    }
}
