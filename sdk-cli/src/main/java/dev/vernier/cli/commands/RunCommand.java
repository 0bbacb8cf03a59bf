package dev.vernier.cli.commands;

import dev.vernier.cli.ExitCodes;
import dev.vernier.cli.Main;
import dev.vernier.cli.config.BenchmarkConfig;
import dev.vernier.cli.config.ConfigLoader;
import dev.vernier.cli.progress.Progress;
import dev.vernier.cli.run.BenchmarkRunner;
import dev.vernier.cli.run.RunReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code vernier run}: every suite against every scenario of a configuration file. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run every suite against every scenario of a configuration file.", "", "Runs every suite of a configuration against every scenario that runs on it (each phase:"
                + " throughput, latency, resources, scalability, fault tolerance), checks the machine first, and"
                + " writes per run a directory and a .zip with result.json, report.md (with findings against the"
                + " targets), report.html and latency.hlog, plus a summary of all runs; prints the summary."},
        footerHeading = "%nExamples:%n",
        footer = {"  vernier run examples/comprehensive.yaml",
                "  vernier run examples/ci-gate.yaml --profile ci",
                "  vernier run examples/comprehensive.yaml --suite raft --scenario leader-crash --time-scale 0.2",
                "  vernier run my.yaml --dry-run            # check the file and show the plan, run nothing",
                "",
                "Exit codes:   0 every target met (and no regression against the gate's baselines)",
                "              1 a target missed or a regression",
                "              2 bad configuration or usage: every problem printed with its path",
                "              3 a run failed (the others still ran and were written)",
                "            130 cancelled by Ctrl-C (what was measured, the stopped run too, is written)"})
public final class RunCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Parameters(index = "0", paramLabel = "CONFIG.yaml", description = "The configuration file (docs/cli.md).")
    private Path config;

    @Mixin
    private ConfigOptions configOptions;

    @Option(names = "--results", paramLabel = "DIR",
            description = "Results directory instead of the file's output.directory (default vernier-results).")
    private Path results;

    @Option(names = "--suite", paramLabel = "NAME", split = ",", description = "Run only these suites.")
    private List<String> suites = new ArrayList<>();

    @Option(names = "--scenario", paramLabel = "NAME", split = ",", description = "Run only these scenarios.")
    private List<String> scenarios = new ArrayList<>();

    @Option(names = "--progress", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (bars on a terminal, lines otherwise), bars, lines or none. Default: ${DEFAULT-VALUE}.")
    private String progress;

    @Option(names = "--no-machine-check", description = "Skip the check of the machine before the runs.")
    private boolean noMachineCheck;

    @Option(names = "--dry-run", description = "Check the file and print the plan; run nothing.")
    private boolean dryRun;

    @Override
    public Integer call() {
        BenchmarkConfig c;
        List<BenchmarkRunner.Plan> plan;
        Progress display;
        BenchmarkRunner runner;
        try {
            c = ConfigLoader.load(config, configOptions.options());
            if (c.scenarios().isEmpty()) {
                return Problems.bad(main.err(), config + ": has no scenarios, so there is nothing to run (a tuning file"
                        + " runs with: vernier tune " + config + ")");
            }
            plan = BenchmarkRunner.plan(c, suites, scenarios);
            display = main.progress(progress);
            runner = new BenchmarkRunner(c, plan, new BenchmarkRunner.Options(results, !noMachineCheck), display);
            runner.checkGate();
        } catch (IllegalArgumentException e) {
            return Problems.input(main.err(), config, e);
        }
        if (dryRun) {
            main.out().println(describe(c, plan));
            return ExitCodes.OK;
        }
        try (Main.Interrupt hook = main.onInterrupt(runner::cancel, Duration.ofSeconds(60))) {
            RunReport report = runner.run();
            main.out().print(report.render());
            main.out().flush();
            return report.exitCode();
        }
    }

    private static String describe(BenchmarkConfig c, List<BenchmarkRunner.Plan> plan) {
        StringBuilder b = new StringBuilder();
        b.append(c.source()).append(": valid").append(c.profile() == null ? "" : ", profile " + c.profile())
                .append(c.timeScale() == 1 ? "" : ", time scale " + c.timeScale()).append(System.lineSeparator());
        double seconds = 0;
        for (BenchmarkRunner.Plan p : plan) {
            var s = p.entry().scenario();
            double one = (s.warmup().toNanos() + s.iterations() * s.duration().toNanos()) / 1e9;
            double phases = s.phases().stream().filter(x -> x != dev.vernier.api.Phase.RESOURCES).count();
            double estimate = one * Math.max(1, phases) * (s.phases().contains(dev.vernier.api.Phase.SCALABILITY)
                    ? Math.max(1, s.clusterSizes().size()) : 1);
            seconds += estimate;
            b.append(String.format(Locale.ROOT, "  %-12s %-28s %-60s ~%.0f s%n", p.suite().name(), s.name(),
                    s.phases() + " " + s.load(), estimate));
        }
        b.append(String.format(Locale.ROOT, "%d run(s), about %.0f s of load (setup and teardown not counted)",
                plan.size(), seconds));
        return b.toString();
    }
}
