package dev.vernier.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.cli.fixtures.Cli;
import dev.vernier.core.archive.OpenedRun;
import dev.vernier.core.archive.RunArchives;
import dev.vernier.core.hlog.HistogramMerge;
import dev.vernier.core.result.ScenarioResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code vernier run} end to end, in-process: exit codes 0, 1, 2 and 3 and what each run leaves behind. */
class RunCommandTest {

    @TempDir
    Path dir;

    static String config(String suiteProperties, String targets) {
        return """
                suites:
                  - name: delay
                    class: dev.vernier.cli.fixtures.DelaySuite
                    properties: %s
                scenarios:
                  - name: quick
                    warmup: 100ms
                    duration: 400ms
                    load: {model: closed, clients: 4}
                    timeout: 5s
                    phases: [THROUGHPUT, LATENCY]
                targets: %s
                environment: {check: false}
                """.formatted(suiteProperties, targets);
    }

    private static final String GENEROUS = "{p50Ms: 5000, p95Ms: 5000, p99Ms: 5000}";

    @Test
    void everyTargetMetExitsZeroAndWritesTheRunDirectoryItsArchiveTheStoreAndASummary() throws IOException {
        Path file = Cli.write(dir, "ok.yaml", config("{delayMicros: 300}", GENEROUS));
        Cli.Result r = Cli.run("run", file.toString(), "--results", dir.resolve("results").toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Exit 0: every target met"), r.out());
        List<Path> runs = list(dir.resolve("results/archives"));
        assertEquals(2, runs.size(), runs.toString()); // the directory and its .zip
        OpenedRun fromZip = RunArchives.in(dir.resolve("results/archives")).open(runs.stream()
                .filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow());
        assertTrue(fromZip.files().containsAll(List.of("result.json", "report.md", "report.html", "latency.hlog",
                "manifest.json")), fromZip.files().toString());
        assertTrue(fromZip.text("report.md").contains("Key findings"));
        ScenarioResult result = fromZip.result();
        assertEquals("delay", result.suite());
        assertEquals("quick", result.scenarioName());
        // the log holds the measured intervals: its exact sum never counts more than the result's latency phase
        // plus its throughput phase (transactions completing after the last snapshot are in the result only)
        Path hlog = Files.write(dir.resolve("x.hlog"), fromZip.bytes("latency.hlog"));
        Histogram logged = HistogramMerge.fromLog(hlog, null);
        long committed = result.latency().outcomes().committed() + result.throughput().outcomes().committed();
        assertTrue(logged.getTotalCount() > 0 && logged.getTotalCount() <= committed,
                logged.getTotalCount() + " logged vs " + committed + " committed");
        try (Stream<Path> s = Files.list(dir.resolve("results"))) {
            assertEquals(1, s.filter(p -> p.getFileName().toString().startsWith("delay__quick__")).count());
        }
        Path summary = list(dir.resolve("results/runs")).get(0);
        assertTrue(Files.exists(summary.resolve("report.html")) && Files.exists(summary.resolve("summary.md")));
    }

    @Test
    void aMissedTargetExitsOneAndNamesTheTargetTheFigureAndTheLimit() {
        Path file = Cli.write(dir, "errors.yaml", config("{delayMicros: 300, rejectEvery: 2}", GENEROUS));
        Cli.Result r = Cli.run("run", file.toString(), "--results", dir.resolve("results").toString());
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.out().matches("(?s).*MISSED delay / quick: error rate (49\\.9\\d|50\\.0\\d) %, limit <= 1 %.*"), r.out());
        assertTrue(r.out().contains("Exit 1: 1 run(s) missed a target"), r.out());
    }

    @Test
    void aSuiteThatCannotBeSetUpExitsThreeAndTheOtherSuitesStillRunAndAreWritten() throws IOException {
        String yaml = config("{delayMicros: 300}", GENEROUS).replace("""
                scenarios:""", """
                  - name: broken
                    class: dev.vernier.cli.fixtures.DelaySuite
                    properties: {failSetup: true}
                scenarios:""");
        Path file = Cli.write(dir, "broken.yaml", yaml);
        Cli.Result r = Cli.run("run", file.toString(), "--results", dir.resolve("results").toString());
        assertEquals(3, r.code(), r.toString());
        assertTrue(r.out().contains("FAILED broken / quick: setup of suite 'broken' failed"), r.out());
        assertTrue(list(dir.resolve("results/archives")).stream().anyMatch(p -> p.toString().endsWith("-delay-quick")));
    }

    @Test
    void aMalformedConfigurationPrintsEveryProblemWithItsPathAndExitsTwoWithoutRunning() {
        Path file = Cli.write(dir, "bad.yaml", """
                suites: [raft, paxos]
                scenarios:
                  - {name: a, duration: 1s}
                  - {name: b, iterations: 0}
                  - name: c
                    load: {model: constantRate, opsPerSecond: -5}
                    phasez: [LATENCY]
                targets: {p99Ms: -1}
                """);
        Cli.Result r = Cli.run("run", file.toString(), "--results", dir.resolve("results").toString());
        assertEquals(2, r.code(), r.toString());
        for (String line : List.of(
                "suites[1].name: must be a built-in suite (gossip, pbft, raft) or come with a class, but was 'paxos'",
                "scenarios[1].iterations: must be between 1 and 1000, but was 0 (line 4)",
                "scenarios[2].load.opsPerSecond: must be between 0.001 and 1.0E9 ops/s, but was -5.0 (line 6)",
                "scenarios[2].phasez: is not a known setting; did you mean 'phases'?",
                "targets.p99Ms: must be positive, but was -1 (line 8)",
                "exit 2: bad input, nothing was run")) {
            assertTrue(r.err().contains(line), "missing: " + line + "\n" + r);
        }
        assertTrue(r.err().contains("5 problems"), r.err());
        assertTrue(r.err().indexOf("suites[1]") < r.err().indexOf("targets.p99Ms"), "in the order of the lines: " + r);
        assertFalse(Files.exists(dir.resolve("results")));
    }

    @Test
    void dryRunChecksTheFileAndShowsThePlanWithoutRunningAnything() {
        Path file = Cli.write(dir, "ok.yaml", config("{delayMicros: 300}", GENEROUS));
        Cli.Result r = Cli.run("run", file.toString(), "--dry-run", "--results", dir.resolve("results").toString());
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("valid") && r.out().contains("quick"), r.out());
        assertFalse(Files.exists(dir.resolve("results")));
    }

    @Test
    void filtersThatMatchNothingAreBadInputWithTheNearestName() {
        Path file = Cli.write(dir, "ok.yaml", config("{delayMicros: 300}", GENEROUS));
        Cli.Result r = Cli.run("run", file.toString(), "--scenario", "quik");
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("--scenario: must name a scenario of the file [quick], but was 'quik'; did you"
                + " mean 'quick'?"), r.err());
    }

    @Test
    void theGateExitsOneWhenTheCandidateRegressedAgainstTheStoredBaseline() {
        String results = dir.resolve("results").toString();
        String base = config("{delayMicros: 300}", GENEROUS).replace("duration: 400ms", "duration: 400ms\n    iterations: 3");
        Path first = Cli.write(dir, "base.yaml", base);
        assertEquals(0, Cli.run("run", first.toString(), "--results", results).code());
        Cli.Result saved = Cli.run("history", "--results", results, "--baseline", "main");
        assertEquals(0, saved.code(), saved.toString());
        Path slower = Cli.write(dir, "slower.yaml", base.replace("delayMicros: 300", "delayMicros: 6000")
                + "gate: {baselines: [main]}\n");
        Cli.Result r = Cli.run("run", slower.toString(), "--results", results);
        assertEquals(1, r.code(), r.toString());
        assertTrue(r.out().contains("GATE   delay / quick: baseline main: REGRESSED"), r.out());
        assertTrue(r.out().contains("run(s) failed the gate"), r.out());
    }

    @Test
    void aGateWhoseBaselineIsMissingIsBadInputBeforeAnythingRuns() {
        Path file = Cli.write(dir, "gate.yaml", config("{delayMicros: 300}", GENEROUS) + "gate: {baselines: [main]}\n");
        Cli.Result r = Cli.run("run", file.toString(), "--results", dir.resolve("results").toString());
        assertEquals(2, r.code(), r.toString());
        assertTrue(r.err().contains("gate.baselines[0]: must name a baseline stored in"), r.err());
        assertTrue(r.err().contains("vernier history --baseline main"), r.err());
    }

    @Test
    void alertsThatFireAreReportedAndStoredAndAnAbortOnFailRuleStopsOnlyItsRun() {
        String yaml = config("{delayMicros: 300}", GENEROUS).replace("scenarios:", """
                scenarios:
                  - name: first
                    warmup: 0s
                    duration: 400ms
                    snapshotInterval: 100ms
                    load: {model: closed, clients: 4}
                    phases: [THROUGHPUT]""") + """
                alerts:
                  rules:
                    - {name: Slow, metric: throughput, below: 1000000000, severity: critical}
                """;
        Path watched = Cli.write(dir, "watched.yaml", yaml);
        Cli.Result r = Cli.run("run", watched.toString(), "--results", dir.resolve("a").toString());
        assertEquals(0, r.code(), "an alert is reported, not a failed target: " + r);
        assertTrue(r.out().contains("ALERT  delay / first: CRITICAL Slow fired on delay"), r.out());
        Path aborting = Cli.write(dir, "aborting.yaml", yaml.replace("severity: critical}",
                "severity: critical, abortOnFail: true}").replace("name: first", "name: first\n    suites: [delay]"));
        Cli.Result a = Cli.run("run", aborting.toString(), "--results", dir.resolve("b").toString());
        assertEquals(1, a.code(), a.toString());
        assertTrue(a.out().contains("ABORTED delay / first: "), a.out());
        assertTrue(a.out().contains("ABORTED delay / quick: "), "each run is stopped by its own engine: " + a.out());
        assertTrue(a.out().contains("2 run(s) aborted by an alert rule"), a.out());
    }

    static List<Path> list(Path p) {
        try (Stream<Path> s = Files.list(p)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
