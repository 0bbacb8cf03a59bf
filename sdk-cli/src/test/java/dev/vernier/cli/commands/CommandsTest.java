package dev.vernier.cli.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vernier.cli.fixtures.Cli;
import dev.vernier.core.hlog.IntervalLogWriter;
import dev.vernier.core.report.JsonReport;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.testkit.SyntheticResults;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Usage, help and the commands besides run: compare, history, report, merge, env. */
class CommandsTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"run", "tune", "compare", "history", "report", "merge", "env"})
    void everyCommandHasHelpWithExamplesAndItsExitCodes(String command) {
        Cli.Result r = Cli.run(command, "--help");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("Usage: vernier " + command), r.out());
        assertTrue(r.out().contains("Examples:") && r.out().contains("  vernier " + command), r.out());
        assertTrue(r.out().contains("Exit codes:"), r.out());
    }

    @Test
    void theTopLevelHelpListsTheCommandsAndTheExitCodes() {
        Cli.Result r = Cli.run("--help");
        assertEquals(0, r.code());
        for (String c : List.of("run", "tune", "compare", "history", "report", "merge", "env")) {
            assertTrue(r.out().contains("  " + c + " "), c + " missing:\n" + r.out());
        }
        assertTrue(r.out().contains("130 cancelled by Ctrl-C"), r.out());
        assertEquals(0, Cli.run("--version").code());
    }

    @Test
    void usageErrorsExitTwo() {
        assertEquals(2, Cli.run().code());
        Cli.Result unknown = Cli.run("rnu");
        assertEquals(2, unknown.code(), unknown.toString());
        assertTrue(unknown.err().contains("'rnu' is not a command; did you mean 'run'?"), unknown.err());
        Cli.Result option = Cli.run("run", "x.yaml", "--profil", "ci");
        assertEquals(2, option.code(), option.toString());
        assertTrue(option.err().contains("--profile"), option.err());
        assertEquals(2, Cli.run("run").code(), "a missing parameter");
        Cli.Result missing = Cli.run("run", dir.resolve("nope.yaml").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("nope.yaml: no such file"), missing.err());
        assertEquals(2, Cli.run("run", "x.yaml", "--time-scale", "0").code());
    }

    private Path result(String name, ScenarioResult r) throws IOException {
        return Files.writeString(dir.resolve(name), new JsonReport().write(r), StandardCharsets.UTF_8);
    }

    @Test
    void compareKeepsCompareResultsExitCodes() throws IOException {
        Path base = result("base.json", SyntheticResults.result("raft", "steady", 1, 6, 1.0, 0.02));
        Path same = result("same.json", SyntheticResults.result("raft", "steady", 2, 6, 1.0, 0.02));
        Path slow = result("slow.json", SyntheticResults.result("raft", "steady", 3, 6, 0.5, 0.02));
        Cli.Result ok = Cli.run("compare", base.toString(), same.toString());
        assertEquals(0, ok.code(), ok.toString());
        assertTrue(ok.out().contains("OK: no figure regressed"), ok.out());
        Cli.Result worse = Cli.run("compare", base.toString(), slow.toString());
        assertEquals(1, worse.code(), worse.toString());
        assertTrue(worse.out().contains("REGRESSED"), worse.out());
        Path garbage = Files.writeString(dir.resolve("garbage.json"), "{\"schemaVersion\": 2, \"suite\": 3}");
        Cli.Result bad = Cli.run("compare", base.toString(), garbage.toString());
        assertEquals(2, bad.code(), bad.toString());
        assertTrue(bad.err().contains("garbage.json"), bad.err());
        assertEquals(2, Cli.run("compare", "--alpha", "2", base.toString(), same.toString()).code());
        assertEquals(2, Cli.run("compare", base.toString(), dir.resolve("missing.zip").toString()).code());
    }

    @Test
    void historyListsStoredResultsAndSavesAndDeletesBaselines() {
        Path file = Cli.write(dir, "ok.yaml", RunCommandTest.config("{delayMicros: 300}",
                "{p50Ms: 5000, p95Ms: 5000, p99Ms: 5000}"));
        String results = dir.resolve("results").toString();
        assertEquals(0, Cli.run("run", file.toString(), "--results", results).code());
        Cli.Result list = Cli.run("history", "--results", results);
        assertEquals(0, list.code(), list.toString());
        assertTrue(list.out().contains("delay") && list.out().contains("quick"), list.out());
        assertTrue(list.out().contains("Baselines: none"), list.out());
        assertTrue(list.out().contains("1 run directories, 1 .zip archives"), list.out());
        Cli.Result unknown = Cli.run("history", "--results", results, "--baseline", "main", "--suite", "raft");
        assertEquals(2, unknown.code(), unknown.toString());
        assertEquals(0, Cli.run("history", "--results", results, "--baseline", "main").code());
        Cli.Result again = Cli.run("history", "--results", results);
        assertTrue(again.out().contains("main") && again.out().contains("Baselines:"), again.out());
        assertEquals(0, Cli.run("history", "--results", results, "--delete-baseline", "main").code());
        assertEquals(2, Cli.run("history", "--results", results, "--delete-baseline", "main").code());
    }

    @Test
    void reportRendersAStoredRunAgainAndChecksItAgainstAnotherFilesTargets() throws IOException {
        Path file = Cli.write(dir, "ok.yaml", RunCommandTest.config("{delayMicros: 300}",
                "{p50Ms: 5000, p95Ms: 5000, p99Ms: 5000}"));
        String results = dir.resolve("results").toString();
        assertEquals(0, Cli.run("run", file.toString(), "--results", results).code());
        Path zip = RunCommandTest.list(dir.resolve("results/archives")).stream()
                .filter(p -> p.toString().endsWith(".zip")).findFirst().orElseThrow();
        Cli.Result md = Cli.run("report", zip.toString());
        assertEquals(0, md.code(), md.toString());
        assertTrue(md.out().contains("### Key findings"), md.out());
        Cli.Result out = Cli.run("report", zip.toString(), "--output", dir.resolve("again").toString());
        assertEquals(0, out.code(), out.toString());
        for (String f : List.of("report.md", "report.html", "result.json", "latency.hlog")) {
            assertTrue(Files.exists(dir.resolve("again").resolve(f)), f);
        }
        Path strict = Cli.write(dir, "strict.yaml", RunCommandTest.config("{delayMicros: 300}", "{p50Ms: 0.000001}"));
        Cli.Result check = Cli.run("report", zip.getFileName().toString().replace(".zip", ""), "--results", results,
                "--config", strict.toString(), "--check");
        assertEquals(1, check.code(), check.toString());
        assertTrue(check.err().contains("MISSED p50 latency"), check.err());
        assertEquals(2, Cli.run("report", dir.resolve("nothing.json").toString()).code());
    }

    /**
     * The merge's percentiles re-measured another way: every value recorded straight into one
     * histogram. The logs split the same values over three "nodes" and many intervals.
     */
    @Test
    void mergePrintsThePercentilesOfTheExactSumOfEveryLog() throws IOException {
        Random rnd = new Random(17);
        Histogram all = new Histogram(3);
        all.setAutoResize(true);
        List<Path> logs = new java.util.ArrayList<>();
        for (int node = 0; node < 3; node++) {
            Path log = dir.resolve("node" + node + ".hlog");
            try (IntervalLogWriter w = IntervalLogWriter.create(log, 1_700_000_000_000L, "node " + node)) {
                for (int interval = 0; interval < 20; interval++) {
                    Histogram h = new Histogram(3);
                    h.setAutoResize(true);
                    for (int i = 0; i < 500; i++) {
                        // a slow node 2 with a heavy tail: averaging per-node p99s would hide it
                        long nanos = (long) (1_000_000 * (node == 2 ? 5 : 1) * Math.exp(rnd.nextGaussian()));
                        h.recordValue(nanos);
                        all.recordValue(nanos);
                    }
                    w.write(interval, interval + 1, null, h);
                }
            }
            logs.add(log);
        }
        List<String> args = new java.util.ArrayList<>(List.of("merge"));
        logs.forEach(l -> args.add(l.toString()));
        args.add("--output");
        args.add(dir.resolve("merged.hlog").toString());
        Cli.Result r = Cli.run(args.toArray(new String[0]));
        assertEquals(0, r.code(), r.toString());
        String expected = "(?s).*\\s" + all.getTotalCount() + "\\s+"
                + java.util.regex.Pattern.quote(String.format(Locale.ROOT, "%.3f", all.getMean() / 1e6)) + "\\s.*";
        assertTrue(r.out().matches(expected), expected + " in\n" + r.out());
        for (double p : new double[] {50, 90, 99, 99.9}) {
            String v = String.format(Locale.ROOT, "%.3f", all.getValueAtPercentile(p) / 1e6);
            assertTrue(r.out().contains(v), "p" + p + " " + v + " in\n" + r.out());
        }
        Cli.Result again = Cli.run("merge", dir.resolve("merged.hlog").toString());
        assertTrue(again.out().matches(expected), "the merged log holds the same sum:\n" + again.out());
        Path broken = Files.writeString(dir.resolve("broken.hlog"), Files.readString(logs.get(0))
                .replaceFirst("HISTF", "HISTF!!"));
        Cli.Result bad = Cli.run("merge", broken.toString());
        assertEquals(2, bad.code(), bad.toString());
        assertTrue(bad.err().contains("broken.hlog") && bad.err().contains("line"), bad.err());
        assertEquals(2, Cli.run("merge", logs.get(0).toString(), "--tag", "type=none").code());
    }

    @Test
    void envPrintsTheMachineAndWithStrictExitsOneWhenItIsNotQuiet() throws IOException {
        Cli.Result r = Cli.run("env", "--sample", "0s");
        assertEquals(0, r.code(), r.toString());
        assertTrue(r.out().contains("cpu") && r.out().contains("loadAverage") && r.out().contains("memory"), r.out());
        Cli.Result json = Cli.run("env", "--sample", "0s", "--json");
        JsonNode facts = new ObjectMapper().readTree(json.out());
        assertTrue(facts.has("jdk") && facts.has("cores") && facts.has("cpuGovernor"), json.out());
        Path hungry = Cli.write(dir, "hungry.yaml", RunCommandTest.config("{delayMicros: 300}", "{}")
                .replace("environment: {check: false}", "environment: {minFreeMemoryMb: 1000000000, sampleTime: 0s}"));
        Cli.Result strict = Cli.run("env", "--config", hungry.toString(), "--strict");
        assertEquals(1, strict.code(), strict.toString());
        assertTrue(strict.out().contains("MiB of memory is available"), strict.out());
        assertEquals(2, Cli.run("env", "--sample", "forever").code());
    }
}
