package dev.vernier.junit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.core.report.JsonReport;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.store.ResultStore;
import dev.vernier.testkit.SyntheticResults;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareResultsTest {

    @TempDir
    Path dir;

    private ByteArrayOutputStream out = new ByteArrayOutputStream();
    private ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        return new CompareResults().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String write(String name, ScenarioResult r) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, new JsonReport().write(r));
        return p.toString();
    }

    private String write(String name, String text) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p.toString();
    }

    @Test
    void zeroWhenNothingRegressed() throws Exception {
        String a = write("a.json", SyntheticResults.result("raft", "steady", 1, 12, 1.0, 0.03));
        String b = write("b.json", SyntheticResults.result("raft", "steady", 2, 12, 1.0, 0.03));
        assertEquals(0, run(a, b), err.toString());
        assertTrue(out.toString().contains("| throughput (ops/s)"), out.toString());
        assertTrue(out.toString().contains("OK"), out.toString());
    }

    @Test
    void oneWhenAFigureRegressed() throws Exception {
        String a = write("a.json", SyntheticResults.result("raft", "steady", 1, 12, 1.0, 0.03));
        String b = write("b.json", SyntheticResults.result("raft", "steady", 2, 12, 0.8, 0.03));
        assertEquals(1, run(a, b), err.toString());
        assertTrue(out.toString().contains("REGRESSED: "), out.toString());
        // the same pair with a 30% noise band is not a regression
        assertEquals(0, run("--threshold", "0.3", a, b), out.toString());
    }

    /** The collapse at the iteration count people use: it is a regression at the defaults. */
    @Test
    void aCollapseAtFourIterationsFailsTheGate() throws Exception {
        String a = write("a.json", SyntheticResults.result("raft", "steady", 1, 4, 1.0, 0.05));
        String b = write("b.json", SyntheticResults.result("raft", "steady", 2, 4, 0.115, 0.05));
        assertEquals(1, run(a, b), out.toString());
        assertFalse(out.toString().contains("Infinity"), out.toString());
    }

    @Test
    void inconclusiveFiguresAreListedAndFailTheGateOnlyWhenAskedTo() throws Exception {
        String a = write("a.json", SyntheticResults.result("raft", "steady", 1, 1, 1.0, 0.03));
        String b = write("b.json", SyntheticResults.result("raft", "steady", 2, 1, 0.5, 0.03));
        assertEquals(0, run(a, b), out.toString());
        assertTrue(out.toString().contains("INCONCLUSIVE: throughput"), out.toString());
        assertTrue(out.toString().contains("one iteration on each side"), out.toString());
        assertEquals(1, run("--fail-on-inconclusive", a, b), out.toString());
    }

    @Test
    void comparesWithAStoredBaseline() throws Exception {
        Path storeDir = dir.resolve("store");
        try (ResultStore store = ResultStore.open(storeDir)) {
            store.saveBaseline("main", SyntheticResults.result("raft", "steady", 1, 12, 1.0, 0.03));
        }
        String slow = write("slow.json", SyntheticResults.result("raft", "steady", 2, 12, 0.8, 0.03));
        String same = write("same.json", SyntheticResults.result("raft", "steady", 3, 12, 1.0, 0.03));
        assertEquals(1, run("--store", storeDir.toString(), "--baseline", "main", slow), err.toString());
        assertEquals(0, run("--store", storeDir.toString(), "--baseline", "main", same), err.toString());
        assertEquals(2, run("--store", storeDir.toString(), "--baseline", "nope", same));
        assertTrue(err.toString().contains("nope"), err.toString());
    }

    @Test
    void aStoredBaselineOfANewerVernierIsBadInputNotARegression() throws Exception {
        Path storeDir = dir.resolve("store");
        Path file;
        try (ResultStore store = ResultStore.open(storeDir)) {
            file = store.saveBaseline("main", SyntheticResults.result("raft", "steady", 1, 12, 1.0, 0.03));
        }
        int current = dev.vernier.core.result.ScenarioResult.SCHEMA_VERSION;
        Files.writeString(file, Files.readString(file).replace("\"schemaVersion\" : " + current,
                "\"schemaVersion\" : " + (current + 1)));
        String slow = write("slow.json", SyntheticResults.result("raft", "steady", 2, 12, 0.5, 0.03));
        assertEquals(2, run("--store", storeDir.toString(), "--baseline", "main", slow), out.toString());
        assertTrue(err.toString().contains("written by a newer Vernier"), err.toString());
        assertTrue(Files.exists(file), "left in place");
    }

    @Test
    void twoForBadInput() throws Exception {
        String a = write("a.json", SyntheticResults.result("raft", "steady", 1, 12, 1.0, 0.03));
        String bad = write("bad.json", "{ not json");
        assertEquals(2, run());
        assertEquals(2, run(a));
        assertEquals(2, run(a, dir.resolve("missing.json").toString()));
        assertTrue(err.toString().contains("missing.json: no such file"), err.toString());
        assertEquals(2, run(a, bad));
        assertTrue(err.toString().contains(bad + ": not JSON"), err.toString());
        assertEquals(2, run("--confidence", "1.5", a, a));
        assertTrue(err.toString().contains("displayConfidence must be in (0, 1), but was 1.5"), err.toString());
        assertEquals(2, run("--alpha", "0.7", a, a));
        assertTrue(err.toString().contains("alpha must be in (0, 0.5), but was 0.7"), err.toString());
        assertEquals(2, run("--threshold", "abc", a, a));
        assertEquals(2, run("--frobnicate", a, a));
        assertTrue(err.toString().contains("but was --frobnicate"), err.toString());
        assertEquals(2, run("--store", dir.toString(), a));
        assertTrue(err.toString().contains("usage"), err.toString());
    }

    /** The issue: a file containing `null`, or a result missing a field, exited 1 ("regressed"). */
    @Test
    void nullOrAMissingFieldIsBadInputNamingTheFileAndTheReason() throws Exception {
        String a = write("a.json", SyntheticResults.result("raft", "steady", 1, 12, 1.0, 0.03));
        String text = Files.readString(Path.of(a));
        String nul = write("null.json", "null");
        assertEquals(2, run(a, nul));
        assertTrue(err.toString().contains(nul + ": a result must be a JSON object, but was null"), err.toString());
        String noSuite = write("nosuite.json", text.replaceFirst("\"suite\" : \"raft\",", ""));
        assertEquals(2, run(noSuite, a));
        assertTrue(err.toString().contains(noSuite + ": not a valid Vernier result: suite must not be null"),
                err.toString());
        String noOutcomes = write("nooutcomes.json", text.replaceFirst("\"outcomes\" : \\{[^}]*\\},", ""));
        assertEquals(2, run(a, noOutcomes));
        assertTrue(err.toString().contains("throughput.intervals[0].outcomes must not be null"), err.toString());
        // both inputs bad: both reported
        assertEquals(2, run(nul, noSuite));
        assertTrue(err.toString().contains(nul + ":") && err.toString().contains(noSuite + ":"), err.toString());
        assertEquals("", out.toString(), "nothing compared");
    }
}
