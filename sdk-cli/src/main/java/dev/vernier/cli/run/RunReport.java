package dev.vernier.cli.run;

import dev.vernier.cli.ExitCodes;
import dev.vernier.cli.env.MachineCheck;
import dev.vernier.core.report.Findings;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.result.ThroughputResult;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * What a {@code vernier run} did: one outcome per suite and scenario (a result with its verdict and
 * where it was written, or the failure), the machine check, whether it was cancelled. Immutable and
 * thread-safe.
 *
 * @param title what ran, e.g. {@code examples/ci-gate.yaml (profile ci)}
 * @param outcomes one per suite and scenario that ran or was due to run, in order
 * @param machine the machine check, or null when skipped
 * @param cancelled true when Ctrl-C stopped it
 * @param refused why nothing ran (a machine not quiet enough with {@code requireQuiet}), or null
 * @param notes other lines worth printing (alert rules' status, where the summaries went)
 * @param elapsedSeconds wall-clock length, seconds
 */
public record RunReport(String title, List<Outcome> outcomes, MachineCheck.Report machine, boolean cancelled,
                        String refused, List<String> notes, double elapsedSeconds) {

    /** Copies the lists. */
    public RunReport {
        outcomes = List.copyOf(outcomes);
        notes = List.copyOf(notes);
    }

    /**
     * One suite and scenario.
     *
     * @param suite the suite's name
     * @param scenario the scenario's name
     * @param result the result (cut short when it was aborted or cancelled), or null when it failed or was
     *     cancelled before it measured anything
     * @param failure why it failed, or null
     * @param aborted the alert that stopped it (a rule with {@code abortOnFail}), or null
     * @param verdict the result against its targets, or null without a result
     * @param gate one line per baseline it was compared with
     * @param gateFailed whether the gate failed it (a regression, or INCONCLUSIVE when asked to fail then)
     * @param alerts one line per alert fired during it
     * @param runDirectory where its files were written, or null
     * @param archive its compressed archive, or null
     */
    public record Outcome(String suite, String scenario, ScenarioResult result, String failure, String aborted,
                          Verdict verdict, List<String> gate, boolean gateFailed, List<String> alerts,
                          Path runDirectory, Path archive) {
        /** Copies the lists. */
        public Outcome {
            gate = List.copyOf(gate);
            alerts = List.copyOf(alerts);
        }

        /** @return the exit code this outcome alone would give (a run cancelled by Ctrl-C: see {@link RunReport#exitCode()}) */
        public int exitCode() {
            if (failure != null) {
                return ExitCodes.RUN_FAILED;
            }
            if (aborted != null) {
                return ExitCodes.FAILED_CHECK;
            }
            if (result == null || result.aborted()) {
                return ExitCodes.CANCELLED;
            }
            return !verdict.missed().isEmpty() || gateFailed ? ExitCodes.FAILED_CHECK : ExitCodes.OK;
        }
    }

    /** @return 130 when cancelled, else 3 when a run failed or was refused, 1 when a check failed, else 0 */
    public int exitCode() {
        if (cancelled) {
            return ExitCodes.CANCELLED;
        }
        if (refused != null) {
            return ExitCodes.RUN_FAILED;
        }
        int code = ExitCodes.OK;
        for (Outcome o : outcomes) {
            code = ExitCodes.worst(code, o.exitCode());
        }
        return code;
    }

    /** @return the summary printed at the end of the run */
    public String render() {
        String nl = System.lineSeparator();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "== Summary of %s: %d run(s) in %.1f s%n", title, outcomes.size(),
                elapsedSeconds));
        if (refused != null) {
            b.append("Nothing ran: ").append(refused).append(nl);
        }
        Table t = new Table(new String[] {"suite", "scenario", "ops/s", "p50 ms", "p99 ms", "errors", "grade", "targets",
                "gate"}, new boolean[] {false, false, true, true, true, true, false, false, false});
        for (Outcome o : outcomes) {
            if (o.result() == null) {
                t.row(o.suite(), o.scenario(), "-", "-", "-", "-", "-", o.failure() != null ? "FAILED"
                        : o.aborted() != null ? "ABORTED" : "cancelled", "-");
                continue;
            }
            Findings f = o.verdict().findings();
            t.row(o.suite(), o.scenario(), throughput(o.result()), check(f, 0), check(f, 2), errors(f),
                    f.grade().label(), o.verdict().met() + "/" + o.verdict().measured() + " met"
                            + (o.result().aborted() ? " (aborted)" : ""),
                    o.gate().isEmpty() ? "-" : o.gateFailed() ? "FAILED" : "ok");
        }
        b.append(t.render());
        for (Outcome o : outcomes) {
            for (String m : o.verdict() == null ? List.<String>of() : o.verdict().missed()) {
                b.append("MISSED ").append(o.suite()).append(" / ").append(o.scenario()).append(": ").append(m).append(nl);
            }
            for (String g : o.gate()) {
                b.append("GATE   ").append(o.suite()).append(" / ").append(o.scenario()).append(": ").append(g).append(nl);
            }
            for (String a : o.alerts()) {
                b.append("ALERT  ").append(o.suite()).append(" / ").append(o.scenario()).append(": ").append(a).append(nl);
            }
            if (o.aborted() != null) {
                b.append("ABORTED ").append(o.suite()).append(" / ").append(o.scenario()).append(": ").append(o.aborted())
                        .append(nl);
            }
            if (o.failure() != null) {
                b.append("FAILED ").append(o.suite()).append(" / ").append(o.scenario()).append(": ").append(o.failure())
                        .append(nl);
            }
        }
        if (machine != null) {
            for (MachineCheck.Finding f : machine.findings()) {
                b.append("MACHINE ").append(f).append(nl);
            }
        }
        for (String n : notes) {
            b.append(n).append(nl);
        }
        for (Outcome o : outcomes) {
            if (o.runDirectory() != null) {
                b.append("Report ").append(o.suite()).append(" / ").append(o.scenario()).append(": ")
                        .append(o.runDirectory().resolve("report.html")).append(o.archive() == null ? ""
                                : " (archive " + o.archive().getFileName() + ")").append(nl);
            }
        }
        b.append("Exit ").append(exitCode()).append(": ").append(meaning()).append(nl);
        return b.toString();
    }

    private String meaning() {
        int code = exitCode();
        long missed = outcomes.stream().filter(o -> o.verdict() != null && !o.verdict().missed().isEmpty()).count();
        long gated = outcomes.stream().filter(Outcome::gateFailed).count();
        long aborted = outcomes.stream().filter(o -> o.aborted() != null).count();
        long failed = outcomes.stream().filter(o -> o.failure() != null).count();
        return switch (code) {
            case ExitCodes.OK -> "every target met" + (outcomes.stream().anyMatch(o -> !o.gate().isEmpty())
                    ? ", no regression" : "");
            case ExitCodes.FAILED_CHECK -> String.join("; ", java.util.stream.Stream.of(
                    missed > 0 ? missed + " run(s) missed a target" : null,
                    gated > 0 ? gated + " run(s) failed the gate" : null,
                    aborted > 0 ? aborted + " run(s) aborted by an alert rule" : null)
                    .filter(java.util.Objects::nonNull).toList());
            case ExitCodes.RUN_FAILED -> refused != null ? "refused to run" : failed + " run(s) failed";
            default -> "cancelled; what was measured is written";
        };
    }

    private static String throughput(ScenarioResult r) {
        ThroughputResult t = r.throughput();
        if (t != null) {
            return String.format(Locale.ROOT, "%,.0f", t.averageOpsPerSecond());
        }
        if (r.scalability() != null && !r.scalability().points().isEmpty()) {
            return String.format(Locale.ROOT, "%,.0f (max)", r.scalability().points().stream()
                    .mapToDouble(p -> p.throughputOpsPerSecond()).max().orElse(0));
        }
        if (r.faultTolerance() != null) {
            return String.format(Locale.ROOT, "%,.0f (pre-fault)", r.faultTolerance().preFaultOpsPerSecond());
        }
        return "-";
    }

    private static String check(Findings f, int i) {
        Findings.TargetCheck c = f.checks().get(i);
        return c.status() == Findings.Status.NOT_MEASURED ? "-" : String.format(Locale.ROOT, "%.2f", c.observed());
    }

    private static String errors(Findings f) {
        Findings.TargetCheck c = f.checks().get(3);
        return c.status() == Findings.Status.NOT_MEASURED ? "-" : String.format(Locale.ROOT, "%.2f%%", c.observed());
    }
}
