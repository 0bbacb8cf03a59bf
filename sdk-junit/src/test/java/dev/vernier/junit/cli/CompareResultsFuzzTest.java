package dev.vernier.junit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vernier.core.report.JsonReport;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.stats.ResultStatistics;
import dev.vernier.core.stats.StatisticsConfig;
import dev.vernier.testkit.SyntheticResults;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate never mistakes bad input for a regression. Seeded mutations of a valid candidate (and of
 * a valid baseline): truncations, {@code null} and other non-results, missing fields, values of the
 * wrong type, random byte edits. For every one: the exit code is 0, 1 or 2, never 3 and never an
 * exception; exit 2 names the mutated file; and exit 0 or 1 happens only when the file is a valid
 * result, with the very verdict a direct comparison of the parsed results gives (re-measured another
 * way).
 */
class CompareResultsFuzzTest {

    private static final JsonReport JSON = new JsonReport();

    @TempDir
    Path dir;

    private int cases;
    private int badInput;

    @Test
    void noMutationOfAnInputIsEverTakenForARegression() throws Exception {
        SplittableRandom rnd = new SplittableRandom(12);
        ScenarioResult base = SyntheticResults.result("raft", "steady", 1, 3, 1.0, 0.03);
        ScenarioResult cand = SyntheticResults.result("raft", "steady", 2, 3, 0.6, 0.03);
        String baseText = JSON.write(base);
        String candText = JSON.write(cand);
        Path baseFile = Files.writeString(dir.resolve("baseline.json"), baseText);
        assertEquals(CompareResults.REGRESSED, run(baseFile, Files.writeString(dir.resolve("c.json"), candText)),
                "the unmutated pair is a clear regression, so a mistaken 1 would show");

        List<String> mutants = new ArrayList<>();
        for (String s : List.of("null", "", " ", "[]", "{}", "true", "42", "\"result\"", "{\"schemaVersion\": 2}",
                "{\"schemaVersion\": null}", "{\"schemaVersion\": 2.5}", "{\"schemaVersion\": -1}")) {
            mutants.add(s);
        }
        for (int i = 0; i < 40; i++) {
            mutants.add(candText.substring(0, rnd.nextInt(candText.length())));
        }
        for (int i = 0; i < 50; i++) {
            mutants.add(removeRandomField(candText, rnd));
        }
        for (int i = 0; i < 50; i++) {
            mutants.add(retypeRandomValue(candText, rnd));
        }
        for (int i = 0; i < 100; i++) {
            mutants.add(mutateBytes(candText, rnd));
        }
        for (int i = 0; i < mutants.size(); i++) {
            Path f = dir.resolve("mutant-" + i + ".json");
            Files.write(f, mutants.get(i).getBytes(StandardCharsets.ISO_8859_1));
            check(baseFile, f, f, mutants.get(i));
            // the same mutation as the baseline
            check(f, dir.resolve("c.json"), f, mutants.get(i));
        }
        assertTrue(badInput > cases / 2, "most mutants are bad input: " + badInput + " of " + cases);
    }

    private void check(Path baseline, Path candidate, Path mutated, String mutant) throws Exception {
        cases++;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try {
            code = new CompareResults().run(new String[] {baseline.toString(), candidate.toString()},
                    new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new AssertionError("threw on " + abbreviate(mutant), e);
        }
        String errors = err.toString(StandardCharsets.UTF_8);
        if (code == CompareResults.BAD_INPUT) {
            badInput++;
            assertTrue(errors.contains("error: " + mutated + ": "), "names the file: " + errors);
            return;
        }
        if (code != CompareResults.OK && code != CompareResults.REGRESSED) {
            fail("exit " + code + " for " + abbreviate(mutant) + ": " + errors);
        }
        // a verdict: the mutant must be a valid result, and the verdict the one a direct comparison gives
        ScenarioResult b;
        ScenarioResult c;
        try {
            b = JSON.read(Files.readString(baseline, StandardCharsets.UTF_8));
            c = JSON.read(Files.readString(candidate, StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw new AssertionError("exit " + code + " for an input the reader refuses (" + e.getMessage() + "): "
                    + abbreviate(mutant), e);
        }
        boolean regressed = ResultStatistics.compare(b, c, StatisticsConfig.defaults()).regressed();
        assertEquals(regressed ? CompareResults.REGRESSED : CompareResults.OK, code, abbreviate(mutant));
    }

    private int run(Path a, Path b) {
        return new CompareResults().run(new String[] {a.toString(), b.toString()},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
    }

    private static String removeRandomField(String text, SplittableRandom rnd) throws Exception {
        JsonNode root = JSON.mapper().readTree(text);
        List<ObjectNode> objects = new ArrayList<>();
        collect(root, objects);
        ObjectNode o = objects.get(rnd.nextInt(objects.size()));
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        if (!names.isEmpty()) {
            o.remove(names.get(rnd.nextInt(names.size())));
        }
        return JSON.mapper().writeValueAsString(root);
    }

    private static String retypeRandomValue(String text, SplittableRandom rnd) throws Exception {
        JsonNode root = JSON.mapper().readTree(text);
        List<ObjectNode> objects = new ArrayList<>();
        collect(root, objects);
        ObjectNode o = objects.get(rnd.nextInt(objects.size()));
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        if (names.isEmpty()) {
            return text;
        }
        String name = names.get(rnd.nextInt(names.size()));
        JsonNodeFactory f = JsonNodeFactory.instance;
        JsonNode replacement = switch (rnd.nextInt(8)) {
            case 0 -> f.nullNode();
            case 1 -> f.textNode("x");
            case 2 -> f.numberNode(-1);
            case 3 -> f.numberNode(1e308 * 10);
            case 4 -> f.booleanNode(true);
            case 5 -> f.arrayNode();
            case 6 -> f.objectNode();
            default -> f.numberNode(rnd.nextLong());
        };
        o.set(name, replacement);
        return JSON.mapper().writeValueAsString(root);
    }

    private static void collect(JsonNode n, List<ObjectNode> out) {
        if (n instanceof ObjectNode o) {
            out.add(o);
            Iterator<Map.Entry<String, JsonNode>> it = o.fields();
            while (it.hasNext()) {
                collect(it.next().getValue(), out);
            }
        } else if (n instanceof ArrayNode a) {
            a.forEach(e -> collect(e, out));
        }
    }

    /** Random byte edits (as Latin-1 so any byte value can appear, including invalid UTF-8). */
    private static String mutateBytes(String text, SplittableRandom rnd) {
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + rnd.nextInt(4);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = rnd.nextInt(sb.length());
            switch (rnd.nextInt(3)) {
                case 0 -> sb.setCharAt(at, (char) rnd.nextInt(256));
                case 1 -> sb.insert(at, (char) rnd.nextInt(256));
                default -> sb.deleteCharAt(at);
            }
        }
        return sb.toString();
    }

    private static String abbreviate(String s) {
        return s.length() <= 200 ? s : s.substring(0, 200) + "...";
    }
}
