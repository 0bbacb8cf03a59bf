package dev.vernier.cli.commands;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.vernier.cli.ExitCodes;
import dev.vernier.cli.Main;
import dev.vernier.cli.config.BenchmarkConfig;
import dev.vernier.cli.config.ConfigLoader;
import dev.vernier.cli.env.MachineCheck;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code vernier env}: the check of the machine, on its own. */
@Command(name = "env", mixinStandardHelpOptions = true,
        description = {"Check the machine: is it quiet enough to measure?", "", "Checks the machine as vernier run does before measuring: JDK, OS, CPU model and cores, CPU"
                + " frequency and scaling governor where readable, memory, load average and the other processes"
                + " busy during a short sample; warns when it is not quiet enough for trustworthy figures (load"
                + " average above the processors, little free memory, busy processes). Limits come from"
                + " --config's environment section, else the defaults."},
        footerHeading = "%nExamples:%n",
        footer = {"  vernier env",
                "  vernier env --strict --sample 3s            # exit 1 on a busy machine (a CI pre-check)",
                "  vernier env --config examples/ci-gate.yaml --json",
                "",
                "Exit codes:   0 checked (with --strict: and quiet)",
                "              1 with --strict: the machine is not quiet enough",
                "              2 bad input"})
public final class EnvCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Option(names = "--config", paramLabel = "FILE", description = "Take the limits from this configuration.")
    private Path config;

    @Mixin
    private ConfigOptions configOptions;

    @Option(names = "--sample", paramLabel = "DURATION",
            description = "How long to sample other processes (e.g. 2s; 0 skips it). Default: the configuration's,"
                    + " else 1s.")
    private String sample;

    @Option(names = "--json", description = "Print the facts and findings as JSON (the run's environment.json).")
    private boolean json;

    @Option(names = "--strict", description = "Exit 1 when the machine is not quiet enough.")
    private boolean strict;

    @Override
    public Integer call() throws Exception {
        BenchmarkConfig.EnvironmentCheck limits = BenchmarkConfig.EnvironmentCheck.defaults();
        String label = null;
        boolean tails = false;
        if (config != null) {
            try {
                BenchmarkConfig c = ConfigLoader.load(config, configOptions.options());
                limits = c.environment();
                label = c.output().label();
                tails = c.scenarios().stream().anyMatch(e -> Arrays.stream(e.scenario().percentiles())
                        .anyMatch(p -> p >= 99.9));
            } catch (IllegalArgumentException e) {
                return Problems.input(main.err(), config, e);
            }
        }
        if (sample != null) {
            Duration d = parse(sample);
            if (d == null) {
                return Problems.bad(main.err(), "--sample must be a duration between 0 and 60 s such as 2s or 500ms,"
                        + " but was " + sample);
            }
            limits = new BenchmarkConfig.EnvironmentCheck(true, limits.maxLoadPerCore(), limits.minFreeMemoryMb(),
                    limits.busyProcessPercent(), d, limits.requireQuiet());
        }
        MachineCheck.Report report = MachineCheck.check(limits, label, tails, json ? s -> { } : main.err()::println);
        Map<String, String> facts = report.describe();
        if (json) {
            main.out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(facts));
        } else {
            int w = facts.keySet().stream().mapToInt(String::length).max().orElse(10);
            facts.forEach((k, v) -> main.out().println(String.format(Locale.ROOT, "%-" + w + "s  %s", k, v)));
            main.out().println(report.warnings().isEmpty() ? "The machine is quiet enough."
                    : report.warnings().size() + " warning(s): figures measured now may be disturbed.");
        }
        return strict && !report.warnings().isEmpty() ? ExitCodes.FAILED_CHECK : ExitCodes.OK;
    }

    private static Duration parse(String text) {
        dev.vernier.cli.config.Problems p = new dev.vernier.cli.config.Problems();
        Duration d = dev.vernier.cli.config.Values.duration(
                com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(text), "--sample", p);
        return d == null || d.isNegative() || d.compareTo(Duration.ofSeconds(60)) > 0 ? null : d;
    }
}
