package dev.vernier.cli.commands;

import dev.vernier.cli.ExitCodes;
import dev.vernier.cli.Main;
import dev.vernier.cli.config.BenchmarkConfig;
import dev.vernier.cli.config.ConfigLoader;
import dev.vernier.cli.run.Verdict;
import dev.vernier.core.archive.RunArchives;
import dev.vernier.core.report.HtmlReport;
import dev.vernier.core.report.JsonReport;
import dev.vernier.core.report.MarkdownReport;
import dev.vernier.core.report.ReportSet;
import dev.vernier.core.result.ScenarioResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code vernier report}: renders a stored result's reports again (against other targets, say). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = {"Render the reports of a stored result again.", "", "Renders the reports of a result again: the Markdown summary with findings (targets met or"
                + " missed, grade, bottlenecks, recommendations) to standard output, or with --output the Markdown,"
                + " the HTML report, the JSON and the run's interval log into a directory. Targets come from"
                + " --config (the scenario of the same name, else the file's targets), else the seed's defaults."},
        footerHeading = "%nExamples:%n",
        footer = {"  vernier report vernier-results/archives/20250101T120000Z-raft-steady.zip",
                "  vernier report result.json --output out/",
                "  vernier report 20250101T120000Z-raft-steady --config examples/ci-gate.yaml --check",
                "",
                "Exit codes:   0 rendered",
                "              1 with --check: a target missed",
                "              2 bad input",
                "              3 internal error"})
public final class ReportCommand implements Callable<Integer> {

    @ParentCommand
    private Main main;

    @Parameters(index = "0", paramLabel = "RESULT",
            description = "A result.json, a run directory, a .zip archive or a run's name under --results.")
    private String result;

    @Option(names = "--results", paramLabel = "DIR", defaultValue = "vernier-results",
            description = "Where run names are looked up (its archives/). Default: ${DEFAULT-VALUE}.")
    private Path results;

    @Option(names = "--output", paramLabel = "DIR",
            description = "Write report.md, report.html, result.json (and latency.hlog, environment.json when the"
                    + " run has them) here instead of printing the Markdown.")
    private Path output;

    @Option(names = "--config", paramLabel = "FILE", description = "Take the targets from this configuration.")
    private Path config;

    @Mixin
    private ConfigOptions configOptions;

    @Option(names = "--check", description = "Exit 1 when a target is missed.")
    private boolean check;

    @Override
    public Integer call() {
        Results.Loaded loaded;
        try {
            loaded = Results.open(result, results);
        } catch (IllegalArgumentException e) {
            return Problems.bad(main.err(), e.getMessage());
        }
        ScenarioResult r = loaded.result();
        BenchmarkConfig.TargetSet targets = BenchmarkConfig.TargetSet.defaults();
        if (config != null) {
            try {
                BenchmarkConfig c = ConfigLoader.load(config, configOptions.options());
                targets = c.scenarios().stream().filter(e -> e.scenario().name().equals(r.scenarioName()))
                        .map(BenchmarkConfig.ScenarioEntry::targets).findFirst().orElse(c.targets());
            } catch (IllegalArgumentException e) {
                return Problems.input(main.err(), config, e);
            }
        }
        String markdown = new MarkdownReport().render(r, targets.targets());
        if (output == null) {
            main.out().print(markdown);
        } else {
            try {
                Files.createDirectories(output);
                Files.writeString(output.resolve(RunArchives.MARKDOWN), markdown, StandardCharsets.UTF_8);
                HtmlReport.builder().targets(targets.targets()).build().write(ReportSet.of(r),
                        output.resolve(RunArchives.HTML));
                Files.writeString(output.resolve(RunArchives.RESULT), new JsonReport().write(r), StandardCharsets.UTF_8);
                if (loaded.run() != null) {
                    for (String extra : new String[] {RunArchives.HLOG, RunArchives.ENVIRONMENT}) {
                        if (loaded.run().files().contains(extra)) {
                            Files.write(output.resolve(extra), loaded.run().bytes(extra));
                        }
                    }
                }
            } catch (IOException | UncheckedIOException e) {
                main.err().println("error: cannot write " + output + ": " + e.getMessage());
                return ExitCodes.RUN_FAILED;
            }
            main.out().println("Wrote " + output.resolve(RunArchives.MARKDOWN) + ", " + RunArchives.HTML + " and "
                    + RunArchives.RESULT);
        }
        Verdict v = Verdict.of(r, targets);
        if (check && !v.missed().isEmpty()) {
            v.missed().forEach(m -> main.err().println("MISSED " + m));
            return ExitCodes.FAILED_CHECK;
        }
        return ExitCodes.OK;
    }
}
