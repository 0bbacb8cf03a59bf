package dev.vernier.cli;

import dev.vernier.cli.commands.CompareCommand;
import dev.vernier.cli.commands.EnvCommand;
import dev.vernier.cli.commands.HistoryCommand;
import dev.vernier.cli.commands.MergeCommand;
import dev.vernier.cli.commands.ReportCommand;
import dev.vernier.cli.commands.RunCommand;
import dev.vernier.cli.commands.TuneCommand;
import dev.vernier.cli.progress.Progress;
import dev.vernier.core.resources.EnvironmentProbe;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code vernier} command: {@code run}, {@code tune}, {@code compare}, {@code history},
 * {@code report}, {@code merge} and {@code env}. Exit codes ({@link ExitCodes}): 0 all targets met /
 * no regression, 1 a target missed or a regression, 2 bad input or usage, 3 the run failed, 130
 * cancelled by Ctrl-C.
 *
 * <p>{@link #main} is the jar's entry point; {@link #execute} runs a command in-process (tests) and
 * returns its exit code instead of exiting. One instance runs one command at a time.
 */
@Command(name = "vernier", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {"Benchmarks consensus systems from a YAML configuration, tunes them live, and compares,"
                + " archives and re-renders the results."},
        subcommands = {RunCommand.class, TuneCommand.class, CompareCommand.class, HistoryCommand.class,
                ReportCommand.class, MergeCommand.class, EnvCommand.class, CommandLine.HelpCommand.class},
        footerHeading = "%nExamples:%n",
        footer = {"  vernier run examples/comprehensive.yaml",
                "  vernier run examples/ci-gate.yaml --profile ci",
                "  vernier tune examples/tuning.yaml",
                "  vernier compare baseline.json candidate.json",
                "  vernier history --baseline main --suite raft --scenario steady",
                "  vernier env",
                "",
                "Exit codes:   0 all targets met / no regression",
                "              1 a target missed or a regression",
                "              2 bad input or usage (nothing was run)",
                "              3 the run failed",
                "            130 cancelled by Ctrl-C (what was measured is written)",
                "Every command takes --help. Reference: docs/cli.md"})
public final class Main implements Callable<Integer> {

    @CommandLine.Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Log at debug level (set before anything runs, so only in the jar's main).")
    private boolean verbose;

    private final PrintStream out;
    private final PrintStream err;
    private final Map<String, String> env;
    private final boolean interactive;
    private volatile boolean interrupted;

    /**
     * @param out where results and summaries go
     * @param err where progress, problems and usage errors go
     * @param env the process environment (progress mode, terminal width)
     * @param interactive whether the process runs on an interactive terminal
     */
    public Main(PrintStream out, PrintStream err, Map<String, String> env, boolean interactive) {
        this.out = out;
        this.err = err;
        this.env = Map.copyOf(env);
        this.interactive = interactive;
    }

    /**
     * Runs a command and exits with its code; after Ctrl-C it leaves the exit to the JVM (130).
     *
     * @param args the command line
     */
    public static void main(String[] args) {
        if (System.getProperty("org.slf4j.simpleLogger.defaultLogLevel") == null) {
            boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
            System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "debug" : "warn");
        }
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true,
                StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true,
                StandardCharsets.UTF_8);
        Main main = new Main(out, err, System.getenv(), System.console() != null);
        int code = main.execute(args);
        if (!main.interrupted) {
            System.exit(code);
        }
    }

    /**
     * @param args the command line
     * @return the exit code
     */
    public int execute(String... args) {
        CommandLine cl = new CommandLine(this);
        cl.setUsageHelpWidth(100);
        cl.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        cl.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        cl.setExitCodeExceptionMapper(t -> ExitCodes.RUN_FAILED);
        cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("internal error (please report it): " + e);
            if (env.containsKey("VERNIER_DEBUG")) {
                e.printStackTrace(commandLine.getErr());
            }
            return ExitCodes.RUN_FAILED;
        });
        cl.setParameterExceptionHandler((e, a) -> {
            CommandLine c = e.getCommandLine();
            c.getErr().println("error: " + e.getMessage());
            if (e instanceof CommandLine.UnmatchedArgumentException u && !c.getSubcommands().isEmpty()
                    && !u.getUnmatched().isEmpty() && !u.getUnmatched().get(0).startsWith("-")) {
                String given = u.getUnmatched().get(0);
                String hint = dev.vernier.cli.config.Problems.suggestion(given, c.getSubcommands().keySet());
                c.getErr().println("'" + given + "' is not a command" + (hint.isEmpty() ? "" : hint.replace("; ", "; "))
                        + "; commands: " + String.join(", ", c.getSubcommands().keySet()));
            } else {
                CommandLine.UnmatchedArgumentException.printSuggestions(e, c.getErr());
            }
            c.getErr().println("Usage: see '" + c.getCommandSpec().qualifiedName() + " --help'");
            return ExitCodes.BAD_INPUT;
        });
        return cl.execute(args);
    }

    /** Without a command: the usage, and exit 2. */
    @Override
    public Integer call() {
        err.println("error: a command is needed");
        new CommandLine(this).usage(err);
        return ExitCodes.BAD_INPUT;
    }

    /** @return where results go */
    public PrintStream out() {
        return out;
    }

    /** @return where progress and problems go */
    public PrintStream err() {
        return err;
    }

    /**
     * @param option the {@code --progress} option: auto, bars, lines or none
     * @return the progress display on standard error
     */
    public Progress progress(String option) {
        return new Progress(err, Progress.mode(option, interactive, env), Progress.width(env));
    }

    /**
     * Registers what Ctrl-C does while a command runs: a shutdown hook that calls {@code cancel} and
     * then waits (at most {@code wait}) for the command to write what it measured and close the
     * returned handle.
     *
     * @param cancel stops the work in progress (cancels the run or the tuning session)
     * @param wait how long the hook waits for the command to finish writing
     * @return closed when the command is done (it removes the hook, or releases it)
     */
    public Interrupt onInterrupt(Runnable cancel, java.time.Duration wait) {
        return new Interrupt(cancel, wait);
    }

    /** The Ctrl-C handling of one command. */
    public final class Interrupt implements AutoCloseable {
        private final CountDownLatch done = new CountDownLatch(1);
        private final Thread hook;

        private Interrupt(Runnable cancel, java.time.Duration wait) {
            hook = new Thread(() -> {
                interrupted = true;
                err.println();
                err.println("Interrupted: stopping, restoring what was changed and writing what was measured...");
                cancel.run();
                try {
                    if (!done.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                        err.println("Gave up waiting after " + wait.toSeconds() + " s; some results may be missing.");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "vernier-ctrl-c");
            Runtime.getRuntime().addShutdownHook(hook);
        }

        /** @return true when Ctrl-C (or another shutdown) started */
        public boolean fired() {
            return interrupted;
        }

        @Override
        public void close() {
            done.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook is running and has been released above
            }
        }
    }

    /** The version: Vernier's, from the build. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"vernier " + EnvironmentProbe.vernierVersion(),
                    "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
