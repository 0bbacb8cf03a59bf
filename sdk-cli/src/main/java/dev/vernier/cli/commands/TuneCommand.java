package dev.vernier.cli.commands;

import dev.vernier.cli.Main;
import dev.vernier.cli.config.BenchmarkConfig;
import dev.vernier.cli.config.ConfigLoader;
import dev.vernier.cli.run.BenchmarkRunner;
import dev.vernier.cli.run.TuneRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code vernier tune}: a tuning session on a Tunable suite, with benchmarks before and after. */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = {"Tune a live suite, with benchmarks before and after.", "", "Tunes a running suite: sets it up, measures the tuning section's benchmark scenarios, runs a"
                + " tuning session (propose, apply, measure, keep or revert) within the objective's constraints,"
                + " measures the benchmarks again, and writes the before/after results, tuning.md and an HTML"
                + " report with the trajectory. Ctrl-C cancels: the last good configuration is restored."},
        footerHeading = "%nExamples:%n",
        footer = {"  vernier tune examples/tuning.yaml",
                "  vernier tune examples/tuning.yaml --profile ci",
                "",
                "Exit codes:   0 session completed and the targets after it met",
                "              1 a target (or a gain target the file sets) missed after tuning",
                "              2 bad configuration or usage",
                "              3 the session or a benchmark failed",
                "            130 cancelled by Ctrl-C (last good configuration restored, results written)"})
public final class TuneCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Parameters(index = "0", paramLabel = "CONFIG.yaml", description = "A configuration file with a tuning section.")
    private Path config;

    @Mixin
    private ConfigOptions configOptions;

    @Option(names = "--results", paramLabel = "DIR",
            description = "Results directory instead of the file's output.directory (default vernier-results).")
    private Path results;

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto, bars, lines or none. Default: ${DEFAULT-VALUE}.")
    private String progress;

    @Option(names = "--no-machine-check", description = "Skip the check of the machine first.")
    private boolean noMachineCheck;

    @Override
    public Integer call() {
        BenchmarkConfig c;
        TuneRunner runner;
        try {
            c = ConfigLoader.load(config, configOptions.options());
            if (c.tuning() == null) {
                return Problems.bad(main.err(), config + ": has no tuning section, so there is nothing to tune (see"
                        + " examples/tuning.yaml)");
            }
            runner = new TuneRunner(c, new BenchmarkRunner.Options(results, !noMachineCheck), main.progress(progress));
        } catch (IllegalArgumentException e) {
            return Problems.input(main.err(), config, e);
        }
        try (Main.Interrupt hook = main.onInterrupt(runner::cancel, Duration.ofSeconds(60))) {
            TuneRunner.Report report = runner.run();
            main.out().print(report.render());
            main.out().flush();
            return report.exitCode();
        }
    }
}
