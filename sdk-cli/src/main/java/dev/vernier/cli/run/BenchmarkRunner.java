package dev.vernier.cli.run;

import dev.vernier.api.Scenario;
import dev.vernier.cli.adapters.AlertRules;
import dev.vernier.cli.config.BenchmarkConfig;
import dev.vernier.cli.config.ConfigException;
import dev.vernier.cli.config.Problems;
import dev.vernier.cli.env.MachineCheck;
import dev.vernier.cli.progress.Progress;
import dev.vernier.core.Vernier;
import dev.vernier.core.hlog.IntervalLogListener;
import dev.vernier.core.report.HtmlReport;
import dev.vernier.core.report.MarkdownReport;
import dev.vernier.core.report.ReportSet;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.stats.Comparison;
import dev.vernier.core.stats.FigureChange;
import dev.vernier.core.store.ResultStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a configuration: the machine check, then every suite against every scenario that runs on it,
 * each with its own setup and teardown; each result is written at once (run directory with JSON,
 * Markdown with findings, HTML and the interval log; its {@code .zip}; the store), judged against its
 * targets and, when the configuration has a gate, compared with its baseline. At the end a summary
 * of the whole run ({@code runs/<time>-<file>/summary.md} and {@code report.html}).
 *
 * <p>{@link #cancel()} (the Ctrl-C hook) interrupts the run in progress: the engine stops at once,
 * the suite is torn down, and what finished before is already written; the summary says it was
 * cancelled.
 *
 * <p>{@link #run()} once, from one thread; {@link #cancel()} from any thread.
 */
public final class BenchmarkRunner {

    private static final Logger LOG = LoggerFactory.getLogger(BenchmarkRunner.class);

    /**
     * One suite against one scenario.
     *
     * @param suite the suite
     * @param entry the scenario with its targets
     */
    public record Plan(BenchmarkConfig.Suite suite, BenchmarkConfig.ScenarioEntry entry) {
    }

    /**
     * How to run, from the command line.
     *
     * @param results the results directory instead of the configuration's, or null
     * @param checkMachine false to skip the machine check ({@code --no-machine-check})
     */
    public record Options(Path results, boolean checkMachine) {
    }

    private final BenchmarkConfig config;
    private final List<Plan> plan;
    private final Options options;
    private final Progress progress;
    private final Path directory;
    private final Map<String, ScenarioResult> baselines = new LinkedHashMap<>();
    private volatile Thread runner;
    /** The engine of the run in progress, for {@link Vernier#abort}: the run ends with what it measured. */
    private volatile Vernier current;
    private volatile boolean cancelled;

    /**
     * @param config the configuration
     * @param plan what to run, from {@link #plan}
     * @param options results directory and machine check
     * @param progress shows the run
     */
    public BenchmarkRunner(BenchmarkConfig config, List<Plan> plan, Options options, Progress progress) {
        this.config = config;
        this.plan = List.copyOf(plan);
        this.options = options;
        this.progress = progress;
        this.directory = options.results() != null ? options.results() : config.output().directory();
    }

    /**
     * Suites x scenarios, suite by suite, keeping only those the filters name.
     *
     * @param config the configuration
     * @param suites suite names to run (empty: all)
     * @param scenarios scenario names to run (empty: all)
     * @return the plan
     * @throws ConfigException naming a filter that matches nothing, with the nearest name
     */
    public static List<Plan> plan(BenchmarkConfig config, List<String> suites, List<String> scenarios) {
        Problems p = new Problems();
        List<String> suiteNames = config.suites().stream().map(BenchmarkConfig.Suite::name).toList();
        List<String> scenarioNames = config.scenarios().stream().map(e -> e.scenario().name()).toList();
        for (String s : suites) {
            if (!suiteNames.contains(s)) {
                p.add("--suite", "must name a suite of the file " + suiteNames + ", but was '" + s + "'"
                        + Problems.suggestion(s, suiteNames));
            }
        }
        for (String s : scenarios) {
            if (!scenarioNames.contains(s)) {
                p.add("--scenario", "must name a scenario of the file " + scenarioNames + ", but was '" + s + "'"
                        + Problems.suggestion(s, scenarioNames));
            }
        }
        p.throwIfAny(Map.of());
        List<Plan> out = new ArrayList<>();
        for (BenchmarkConfig.Suite s : config.suites()) {
            if (!suites.isEmpty() && !suites.contains(s.name())) {
                continue;
            }
            for (BenchmarkConfig.ScenarioEntry e : config.scenarios()) {
                if ((scenarios.isEmpty() || scenarios.contains(e.scenario().name())) && e.runsOn(s.name())) {
                    out.add(new Plan(s, e));
                }
            }
        }
        if (out.isEmpty()) {
            throw new ConfigException(List.of("(selection): no scenario runs on the selected suites; nothing to run"));
        }
        return out;
    }

    /**
     * Reads the gate's baselines before anything runs, so that a missing one is bad input, not a
     * failed run.
     *
     * @throws ConfigException when a baseline is missing, unreadable or matches no planned run
     */
    public void checkGate() {
        if (config.gate().baselines().isEmpty()) {
            return;
        }
        Problems p = new Problems();
        try (ResultStore store = ResultStore.builder(directory).keepForever().build()) {
            for (int i = 0; i < config.gate().baselines().size(); i++) {
                String name = config.gate().baselines().get(i);
                Optional<ScenarioResult> b = store.baseline(name);
                String at = "gate.baselines[" + i + "]";
                if (b.isEmpty()) {
                    p.add(at, "must name a baseline stored in " + directory + ", but '" + name + "' is not there (save"
                            + " one with: vernier history --baseline " + name + ")");
                } else if (plan.stream().noneMatch(x -> x.suite().name().equals(b.get().suite())
                        && x.entry().scenario().name().equals(b.get().scenarioName()))) {
                    p.add(at, "baseline '" + name + "' holds " + b.get().suite() + " / " + b.get().scenarioName()
                            + ", which this run does not measure");
                } else {
                    baselines.put(name, b.get());
                }
            }
        }
        p.throwIfAny(Map.of());
    }

    /**
     * Stops the run in progress and the ones after it: the run in progress ends at once with what it
     * measured ({@link Vernier#abort}), which is written like any result; outside a run (the machine
     * check, a suite's setup) the thread is interrupted. Any thread.
     */
    public void cancel() {
        cancelled = true;
        Vernier v = current;
        if (v != null && v.abort("cancelled (Ctrl-C)")) {
            return;
        }
        Thread t = runner;
        if (t != null) {
            t.interrupt();
        }
    }

    /** @return what happened; the exit code is {@link RunReport#exitCode()} */
    public RunReport run() {
        runner = Thread.currentThread();
        long t0 = System.nanoTime();
        String title = config.source() + (config.profile() == null ? "" : " (profile " + config.profile() + ")");
        List<RunReport.Outcome> outcomes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        MachineCheck.Report machine = null;
        try {
            String alerts = AlertRules.status(config.alerts());
            if (alerts != null) {
                notes.add("Alerts: " + alerts);
            }
            if (options.checkMachine() && config.environment().check()) {
                machine = checkMachine();
                if (config.environment().requireQuiet() && !machine.warnings().isEmpty()) {
                    return new RunReport(title, outcomes, machine, false, "the machine is not quiet enough and the"
                            + " configuration says environment.requireQuiet: true", notes, seconds(t0));
                }
            }
            try (ResultWriter writer = new ResultWriter(config, directory, machine, progress::message)) {
                for (Plan p : plan) {
                    if (cancelled) {
                        break;
                    }
                    outcomes.add(runOne(p, writer));
                }
                Path summary = writeSummary(title, outcomes, notes, writer);
                if (summary != null) {
                    notes.add("Summary of all runs: " + summary.resolve("report.html"));
                }
            }
        } catch (InterruptedException e) {
            cancelled = true;
        } finally {
            Thread.interrupted();
            runner = null;
        }
        return new RunReport(title, outcomes, machine, cancelled, null, notes, seconds(t0));
    }

    private static double seconds(long t0) {
        return (System.nanoTime() - t0) / 1e9;
    }

    private MachineCheck.Report checkMachine() throws InterruptedException {
        boolean tails = plan.stream().anyMatch(p -> java.util.Arrays.stream(p.entry().scenario().percentiles())
                .anyMatch(x -> x >= 99.9));
        return MachineCheck.check(config.environment(), config.output().label(), tails, progress::message);
    }

    private RunReport.Outcome runOne(Plan p, ResultWriter writer) {
        String suite = p.suite().name();
        Scenario scenario = p.entry().scenario();
        progress.expect(p.suite().suite(), scenario);
        progress.message("== " + suite + " / " + scenario.name());
        ScenarioResult result = null;
        String failure = null;
        String aborted = null;
        List<String> alerts = new ArrayList<>();
        Path hlog = null;
        try {
            hlog = config.output().hlog() ? Files.createTempFile("vernier-", ".hlog") : null;
            result = measure(p, hlog);
            aborted = AlertRules.abortedBy(result);
            alerts.addAll(AlertRules.fired(result));
        } catch (CancellationException e) {
            cancelled = true;
        } catch (IOException | RuntimeException e) {
            if (cancelled) {
                LOG.debug("{} / {} ended by the cancellation", suite, scenario.name(), e);
            } else {
                failure = e.getMessage() == null ? e.toString() : e.getMessage();
                LOG.debug("{} / {} failed", suite, scenario.name(), e);
                progress.message("  FAILED: " + failure);
            }
        } finally {
            Thread.interrupted(); // a cancel() must not make the writes below fail
        }
        if (aborted != null) {
            progress.message("  ABORTED by an alert rule: " + aborted);
        }
        try {
            if (result == null) {
                return new RunReport.Outcome(suite, scenario.name(), null, failure, aborted, null, List.of(), false,
                        alerts, null, null);
            }
            return written(p, writer.decorate(result), writer, hlog, alerts, aborted);
        } finally {
            deleteQuietly(hlog);
        }
    }

    private ScenarioResult measure(Plan p, Path hlog) {
        String suite = p.suite().name();
        Scenario scenario = p.entry().scenario();
        IntervalLogListener log = hlog == null ? null : IntervalLogListener.builder(hlog)
                .description("Vernier " + suite + " / " + scenario.name()).build();
        try {
            Vernier.Builder vb = Vernier.builder().register(p.suite().suite()).listener(progress);
            if (log != null) {
                vb.listener(log);
            }
            AlertRules.apply(vb, config.alerts());
            try (Vernier v = vb.build()) {
                current = v;
                return v.run(suite, scenario);
            } finally {
                current = null;
            }
        } finally {
            if (log != null) {
                log.close();
            }
        }
    }

    private RunReport.Outcome written(Plan p, ScenarioResult result, ResultWriter writer, Path hlog,
                                      List<String> alerts, String aborted) {
        Verdict verdict = Verdict.of(result, p.entry().targets());
        ResultWriter.Written w = writer.write(result, p.entry().targets().targets(), hlog, null);
        String failure = w.failure();
        ResultStore store = writer.store();
        List<String> gate = new ArrayList<>();
        boolean gateFailed = false;
        for (Map.Entry<String, ScenarioResult> b : baselines.entrySet()) {
            if (!b.getValue().suite().equals(result.suite()) || !b.getValue().scenarioName().equals(result.scenarioName())) {
                continue;
            }
            Comparison c = store.compareWithBaseline(result, b.getKey());
            boolean failed = c.regressed() || config.gate().failOnInconclusive() && !c.inconclusive().isEmpty();
            gateFailed |= failed;
            gate.add("baseline " + b.getKey() + ": " + (c.regressed() ? "REGRESSED " + names(c.regressions())
                    : "no regression") + (c.inconclusive().isEmpty() ? "" : "; INCONCLUSIVE " + names(c.inconclusive())));
        }
        progress.message(String.format(Locale.ROOT, "  %s: grade %s, %d/%d targets met%s%s", result.suite() + " / "
                        + result.scenarioName(), verdict.findings().grade().label(), verdict.met(), verdict.measured(),
                gateFailed ? ", gate FAILED" : "", result.aborted() ? " (aborted: what was measured until then)" : ""));
        return new RunReport.Outcome(p.suite().name(), p.entry().scenario().name(), result, failure, aborted, verdict,
                gate, gateFailed, alerts, w.directory(), w.archive());
    }

    private static String names(List<FigureChange> changes) {
        return changes.stream().map(c -> c.figure() + " " + c.formatChange()).collect(Collectors.joining(", "));
    }

    private Path writeSummary(String title, List<RunReport.Outcome> outcomes, List<String> notes, ResultWriter writer) {
        List<RunReport.Outcome> done = outcomes.stream().filter(o -> o.result() != null).toList();
        if (done.isEmpty()) {
            return null;
        }
        Path dir = null;
        try {
            dir = writer.summaryDirectory(done.get(0).result().startedAtEpochMillis(), "");
            StringBuilder md = new StringBuilder("# Vernier run: ").append(title).append("\n\n");
            MarkdownReport markdown = new MarkdownReport();
            for (RunReport.Outcome o : done) {
                md.append("## ").append(o.suite()).append(" / ").append(o.scenario()).append("\n\n");
                md.append(markdown.render(o.result(), planned(o).entry().targets().targets())).append("\n");
            }
            Files.writeString(dir.resolve("summary.md"), md.toString(), StandardCharsets.UTF_8);
            ReportSet set = ReportSet.builder("Vernier run: " + title)
                    .results(done.stream().map(RunReport.Outcome::result).toList()).build();
            HtmlReport.builder().targets(config.targets().targets()).build().write(set, dir.resolve("report.html"));
            return dir;
        } catch (IOException | UncheckedIOException e) {
            notes.add("The summary of all runs could not be written to " + dir + ": " + e.getMessage());
            return null;
        }
    }

    private Plan planned(RunReport.Outcome o) {
        return plan.stream().filter(p -> p.suite().name().equals(o.suite())
                && p.entry().scenario().name().equals(o.scenario())).findFirst().orElseThrow();
    }

    private static void deleteQuietly(Path p) {
        if (p != null) {
            try {
                Files.deleteIfExists(p);
            } catch (IOException e) {
                LOG.debug("cannot delete {}", p, e);
            }
        }
    }
}
