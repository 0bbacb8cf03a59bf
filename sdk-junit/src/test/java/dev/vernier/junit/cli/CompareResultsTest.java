package dev.vernier.junit.cli;

import dev.vernier.testkit.SyntheticResults;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.core.report.JsonReport;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.store.ResultStore;
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

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return new CompareResults().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String write(String name, ScenarioResult r) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, new JsonReport().write(r));
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
        assertTrue(out.toString().contains("REGRESSED"), out.toString());
        // the same pair with a 30% practical threshold is not a regression
        assertEquals(0, run("--threshold", "0.3", a, b));
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
    void twoForBadInput() throws Exception {
        String a = write("a.json", SyntheticResults.result("raft", "steady", 1, 12, 1.0, 0.03));
        Files.writeString(dir.resolve("bad.json"), "{ not json");
        assertEquals(2, run());
        assertEquals(2, run(a));
        assertEquals(2, run(a, dir.resolve("missing.json").toString()));
        assertEquals(2, run(a, dir.resolve("bad.json").toString()));
        assertEquals(2, run("--confidence", "1.5", a, a));
        assertTrue(err.toString().contains("displayConfidence must be in (0, 1), but was 1.5"), err.toString());
        assertEquals(2, run("--threshold", "abc", a, a));
        assertEquals(2, run("--frobnicate", a, a));
        assertEquals(2, run("--store", dir.toString(), a));
        assertTrue(err.toString().contains("usage"), err.toString());
    }
}
