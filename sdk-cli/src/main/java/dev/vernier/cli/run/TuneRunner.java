package dev.vernier.cli.run;

import dev.vernier.api.NanoClock;
import dev.vernier.api.ProtocolSuite;
import dev.vernier.api.SuiteContext;
import dev.vernier.cli.ExitCodes;
import dev.vernier.cli.adapters.TuningDriver;
import dev.vernier.cli.config.BenchmarkConfig;
import dev.vernier.cli.env.MachineCheck;
import dev.vernier.cli.progress.Progress;
import dev.vernier.core.Vernier;
import dev.vernier.core.report.Gain;
import dev.vernier.core.report.HtmlReport;
import dev.vernier.core.report.ReportSet;
import dev.vernier.core.report.Targets;
import dev.vernier.core.result.ScenarioResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CancellationException;

/**
 * Runs a configuration's tuning section: sets the suite up once, measures the benchmark scenarios
 * before, runs the tuning session on the live suite ({@link TuningDriver}), measures the same
 * scenarios after, tears the suite down; writes every before/after result (run directories,
 * archives, store), the session's report ({@code tuning.md}) and an HTML report with the
 * before/after pairs and the tuning trajectory.
 *
 * <p>{@link #cancel()} (the Ctrl-C hook) cancels the session, which restores the last good
 * configuration; what was measured is written. {@link #run()} once, from one thread;
 * {@link #cancel()} from any thread.
 */
public final class TuneRunner {

    private final BenchmarkConfig config;
    private final BenchmarkRunner.Options options;
    private final Progress progress;
    private volatile Thread runner;
    private volatile Vernier vernier;
    private volatile TuningDriver driver;
    private volatile boolean cancelled;

    /**
     * @param config a configuration with a tuning section
     * @param options results directory and machine check
     * @param progress shows the benchmarks and the windows
     */
    public TuneRunner(BenchmarkConfig config, BenchmarkRunner.Options options, Progress progress) {
        this.config = config;
        this.options = options;
        this.progress = progress;
        Objects.requireNonNull(config.tuning(), "config.tuning()");
    }

    /**
     * What the command did.
     *
     * @param tuning the session's outcome, or null when it did not run
     * @param before the benchmarks before, in order
     * @param after the benchmarks after, in order (empty when cancelled or failed first)
     * @param missed targets missed after tuning, and gain targets missed, one line each
     * @param failure why the command failed, or null
     * @param cancelled true after Ctrl-C
     * @param written where the session's report went, or null
     */
    public record Report(TuningDriver.Outcome tuning, List<ScenarioResult> before, List<ScenarioResult> after,
                         List<String> missed, String failure, boolean cancelled, Path written) {

        /** @return 130 cancelled, 3 failed, 1 a target missed, else 0 */
        public int exitCode() {
            if (cancelled || tuning != null && tuning.cancelled()) {
                return ExitCodes.CANCELLED;
            }
            if (failure != null || tuning == null || !tuning.completed()) {
                return ExitCodes.RUN_FAILED;
            }
            return missed.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED_CHECK;
        }

        /** @return the summary printed at the end */
        public String render() {
            String nl = System.lineSeparator();
            StringBuilder b = new StringBuilder("== Tuning summary").append(nl);
            if (tuning != null) {
                b.append("Session: ").append(tuning.outcome()).append(" (").append(tuning.reason()).append(')')
                        .append(tuning.failure() == null ? "" : ": " + tuning.failure()).append(nl);
                b.append("Start:   ").append(tuning.startConfiguration()).append(nl);
                b.append("Final:   ").append(tuning.finalConfiguration()).append(nl);
                b.append("Changed: ").append(changes(tuning.startConfiguration(), tuning.finalConfiguration()))
                        .append(nl);
                b.append(tuning.headline()).append(nl);
            }
            for (int i = 0; i < after.size() && i < before.size(); i++) {
                ScenarioResult x = before.get(i);
                ScenarioResult y = after.get(i);
                b.append(String.format(Locale.ROOT, "%s: throughput %s -> %s ops/s, p99 %s -> %s ms%n",
                        x.scenarioName(), tp(x), tp(y), p99(x), p99(y)));
            }
            missed.forEach(m -> b.append("MISSED ").append(m).append(nl));
            if (failure != null) {
                b.append("FAILED ").append(failure).append(nl);
            }
            if (written != null) {
                b.append("Report: ").append(written.resolve("report.html")).append(" and ")
                        .append(written.resolve("tuning.md")).append(nl);
            }
            b.append("Exit ").append(exitCode()).append(nl);
            return b.toString();
        }

        private static String changes(Map<String, Object> start, Map<String, Object> end) {
            StringBuilder b = new StringBuilder();
            end.forEach((k, v) -> {
                if (!Objects.equals(start.get(k), v)) {
                    b.append(b.length() == 0 ? "" : ", ").append(k).append(' ').append(start.get(k)).append(" -> ")
                            .append(v);
                }
            });
            return b.length() == 0 ? "nothing" : b.toString();
        }

        private static String tp(ScenarioResult r) {
            return r.throughput() == null ? "-" : String.format(Locale.ROOT, "%,.0f", r.throughput().averageOpsPerSecond());
        }

        private static String p99(ScenarioResult r) {
            return r.latency() == null || r.latency().overall().count() == 0 ? "-"
                    : String.format(Locale.ROOT, "%.2f", r.latency().overall().percentile(99));
        }
    }

    /**
     * Cancels the session (it restores the last good configuration) or ends the benchmark in progress
     * with what it measured. Any thread.
     */
    public void cancel() {
        cancelled = true;
        TuningDriver d = driver;
        if (d != null) {
            d.cancel();
            return;
        }
        Vernier v = vernier;
        if (v != null && v.abort("cancelled (Ctrl-C)")) {
            return;
        }
        Thread t = runner;
        if (t != null) {
            t.interrupt();
        }
    }

    /** @return what happened */
    public Report run() {
        runner = Thread.currentThread();
        BenchmarkConfig.Tuning spec = config.tuning();
        BenchmarkConfig.Suite entry = config.suite(spec.suite());
        ProtocolSuite suite = entry.suite();
        List<BenchmarkConfig.ScenarioEntry> benchmarks = spec.benchmark().stream()
                .map(n -> config.scenarios().stream().filter(e -> e.scenario().name().equals(n)).findFirst().orElseThrow())
                .toList();
        List<ScenarioResult> before = new ArrayList<>();
        List<ScenarioResult> after = new ArrayList<>();
        TuningDriver.Outcome outcome = null;
        String failure = null;
        MachineCheck.Report machine = null;
        Path dir = options.results() != null ? options.results() : config.output().directory();
        try {
            if (options.checkMachine() && config.environment().check()) {
                machine = MachineCheck.check(config.environment(), config.output().label(), false, progress::message);
                if (config.environment().requireQuiet() && !machine.warnings().isEmpty()) {
                    return new Report(null, before, after, List.of(), "the machine is not quiet enough and the"
                            + " configuration says environment.requireQuiet: true", false, null);
                }
            }
            progress.message("== Setting up " + entry.name());
            suite.setup(new SuiteContext(spec.window().seed(), NanoClock.system(), "tuning"));
            try (Vernier v = Vernier.builder().listener(progress).build()) {
                vernier = v;
                measure(v, suite, benchmarks, before, "before tuning");
                if (!cancelled) {
                    progress.message("== Tuning " + entry.name() + (spec.parameters().isEmpty() ? ""
                            : " " + spec.parameters()) + ": " + describe(spec));
                    TuningDriver d = new TuningDriver(spec, v, suite, line -> progress.message("  " + line));
                    driver = d;
                    if (cancelled) {
                        d.cancel();
                    }
                    outcome = d.run();
                    progress.message("  session " + outcome.outcome() + " (" + outcome.reason() + "): "
                            + outcome.finalConfiguration());
                }
                driver = null;
                if (!cancelled && outcome.completed()) {
                    measure(v, suite, benchmarks, after, "after tuning");
                }
            }
        } catch (InterruptedException | CancellationException e) {
            cancelled = true;
        } catch (Exception e) {
            if (!cancelled) {
                failure = e.getMessage() == null ? e.toString() : e.getMessage();
            }
        } finally {
            Thread.interrupted();
            vernier = null;
            driver = null;
            try {
                suite.teardown();
            } catch (Exception e) {
                progress.message("  teardown of " + entry.name() + " failed: " + e);
            }
            runner = null;
        }
        List<String> missed = new ArrayList<>();
        Path written = null;
        try (ResultWriter writer = new ResultWriter(config, dir, machine, progress::message)) {
            List<ScenarioResult> b = new ArrayList<>();
            List<ScenarioResult> a = new ArrayList<>();
            for (ScenarioResult r : before) {
                b.add(writeOne(writer, r, spec.targets().targets(), outcome, "before"));
            }
            for (ScenarioResult r : after) {
                ScenarioResult w = writeOne(writer, r, spec.targets().targets(), outcome, "after");
                a.add(w);
                Verdict v = Verdict.of(w, spec.targets());
                v.missed().forEach(m -> missed.add(w.scenarioName() + " after tuning: " + m));
            }
            for (int i = 0; i < a.size(); i++) {
                gains(b.get(i), a.get(i), spec.targets(), missed);
            }
            written = report(writer, b, a, outcome, failure);
            before = b;
            after = a;
        }
        return new Report(outcome, before, after, missed, failure, cancelled, written);
    }

    private static String describe(BenchmarkConfig.Tuning spec) {
        return (spec.objective().maximize() ? "maximise " : "minimise ") + spec.objective().target()
                + (spec.objective().constraints().isEmpty() ? "" : " subject to " + spec.objective().constraints())
                + ", windows of " + spec.window().duration().toMillis() + " ms";
    }

    private void measure(Vernier vernier, ProtocolSuite suite, List<BenchmarkConfig.ScenarioEntry> benchmarks,
                         List<ScenarioResult> into, String when) {
        for (BenchmarkConfig.ScenarioEntry e : benchmarks) {
            if (cancelled) {
                return;
            }
            progress.expect(suite, e.scenario());
            progress.message("== " + e.scenario().name() + " " + when);
            into.add(vernier.measure(suite, e.scenario()));
        }
    }

    private ScenarioResult writeOne(ResultWriter writer, ScenarioResult r, Targets targets, TuningDriver.Outcome outcome,
                                    String when) {
        ScenarioResult d = writer.decorate(r);
        ResultWriter.Written w = writer.write(d, targets, null, outcome == null ? null : outcome.trajectory());
        if (w.failure() != null) {
            progress.message("  " + r.scenarioName() + " " + when + ": " + w.failure());
        }
        return d;
    }

    /** Gain targets count only when the file sets them: 3x and 35% are the seed's aspiration, not a gate. */
    private static void gains(ScenarioResult before, ScenarioResult after, BenchmarkConfig.TargetSet t,
                              List<String> missed) {
        Gain g = Gain.of(before, after, t.targets());
        if (t.explicit().contains("throughputGain") && g.throughputFigure() != null && !g.throughputMet()) {
            missed.add(String.format(Locale.ROOT, "%s: throughput gain %.2fx, target >= %sx", before.scenarioName(),
                    g.throughputRatio(), t.targets().throughputGain()));
        }
        if (t.explicit().contains("latencyReductionPercent") && !g.latency().isEmpty() && !g.latencyMet()) {
            missed.add(String.format(Locale.ROOT, "%s: latency reduction below the target of %s%% (p50 %.1f%%)",
                    before.scenarioName(), t.targets().latencyReductionPercent(),
                    g.headlineLatency().map(Gain.LatencyChange::reductionPercent).orElse(Double.NaN)));
        }
    }

    private Path report(ResultWriter writer, List<ScenarioResult> before, List<ScenarioResult> after,
                        TuningDriver.Outcome outcome, String failure) {
        if (outcome == null && before.isEmpty()) {
            return null;
        }
        try {
            long started = !before.isEmpty() ? before.get(0).startedAtEpochMillis() : System.currentTimeMillis();
            Path dir = writer.summaryDirectory(started, "-tuning");
            StringBuilder md = new StringBuilder();
            if (outcome != null) {
                md.append(outcome.markdown()).append('\n').append(outcome.headline()).append("\n\n");
            }
            if (failure != null) {
                md.append("Failed: ").append(failure).append("\n\n");
            }
            Files.writeString(dir.resolve("tuning.md"), md.toString(), StandardCharsets.UTF_8);
            ReportSet.Builder set = ReportSet.builder("Tuning " + config.tuning().suite() + " ("
                    + config.source().getFileName() + ")");
            for (int i = 0; i < before.size(); i++) {
                if (i < after.size()) {
                    set.beforeAfter(before.get(i).scenarioName() + ": live tuning", before.get(i), after.get(i));
                } else {
                    set.result(before.get(i));
                }
            }
            if (outcome != null) {
                set.tuning(outcome.trajectory());
            }
            HtmlReport.builder().targets(config.tuning().targets().targets()).build().write(set.build(),
                    dir.resolve("report.html"));
            return dir;
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            progress.message("  the tuning report could not be written: " + e.getMessage());
            return null;
        }
    }
}
