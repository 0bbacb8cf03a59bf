package dev.vernier.cli.config;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.vernier.cli.fixtures.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Seeded random mutations of the example files: a mutant never crashes the loader (only a
 * {@link ConfigException} with a path on each line), never hangs it, and a mutant that is certainly
 * invalid never loads (it names the mutated place).
 */
class ConfigFuzzTest {

    private static final Pattern PROBLEM = Pattern.compile("^\\S.*?: \\S.*");
    /** Hang guard for a whole batch (hundreds of loads, each a few milliseconds). */
    private static final Duration GUARD = Duration.ofSeconds(60);
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static String example(String name) throws IOException {
        return Files.readString(Cli.repository().resolve("examples").resolve(name));
    }

    /** The mutant loads, or fails with problems each of which starts with a path. */
    private static List<String> loadOrProblems(String yaml, String profile) {
        try {
            ConfigLoader.parse(yaml, Path.of("mutant.yaml"), new ConfigLoader.Options(profile, 1, List.of()));
            return List.of();
        } catch (ConfigException e) {
            assertFalse(e.problems().isEmpty());
            for (String p : e.problems()) {
                assertTrue(PROBLEM.matcher(p).matches(), "a problem without a path: " + p);
            }
            return e.problems();
        } catch (RuntimeException e) {
            throw new AssertionError("the loader crashed on a mutant:\n" + yaml, e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"comprehensive.yaml", "ci-gate.yaml", "tuning.yaml"})
    void textMutationsNeverCrashOrHang(String file) throws IOException {
        String original = example(file);
        Random rnd = new Random(file.hashCode());
        String alphabet = ":-[]{}&*!|>#'\"\n\t ,.0123456789abcxyz";
        assertTimeoutPreemptively(GUARD, () -> {
            int failed = 0;
            for (int i = 0; i < 100; i++) {
                StringBuilder b = new StringBuilder(original);
                int edits = 1 + rnd.nextInt(4);
                for (int e = 0; e < edits; e++) {
                    int at = rnd.nextInt(b.length());
                    switch (rnd.nextInt(5)) {
                        case 0 -> b.deleteCharAt(at);
                        case 1 -> b.insert(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
                        case 2 -> b.setCharAt(at, alphabet.charAt(rnd.nextInt(alphabet.length())));
                        case 3 -> b.setLength(at);
                        default -> {
                            int nl = b.indexOf("\n", at);
                            if (nl > 0) {
                                int start = b.lastIndexOf("\n", at) + 1;
                                b.insert(nl + 1, b.substring(start, nl + 1));
                            }
                        }
                    }
                    if (b.length() == 0) {
                        break;
                    }
                }
                failed += loadOrProblems(b.toString(), null).isEmpty() ? 0 : 1;
            }
            assertTrue(failed > 30, "most random edits break a file; only " + failed + " of 100 did");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"comprehensive.yaml", "ci-gate.yaml", "tuning.yaml"})
    void mutationsThatCertainlyBreakTheFileNeverPassSilently(String file) throws IOException {
        ObjectNode original = SafeYaml.read(example(file)).root();
        List<String[]> objects = new ArrayList<>();
        List<String[]> leaves = new ArrayList<>();
        walk(original, "", objects, leaves);
        YAMLMapper yaml = new YAMLMapper();
        Random rnd = new Random(31L * file.hashCode());
        assertTimeoutPreemptively(GUARD, () -> {
            for (int i = 0; i < 150; i++) {
                ObjectNode mutant = original.deepCopy();
                String path;
                String what;
                int kind = rnd.nextInt(3);
                if (kind == 0 || leaves.isEmpty()) {
                    path = objects.get(rnd.nextInt(objects.size()))[0];
                    ((ObjectNode) at(mutant, path)).put("zzqx", 1);
                    what = "an unknown key under '" + path + "'";
                } else {
                    String[] leaf = leaves.get(rnd.nextInt(leaves.size()));
                    path = leaf[0];
                    JsonNode replacement = kind == 1 || "text".equals(leaf[1]) ? NODES.objectNode().put("zzqx", 1)
                            : NODES.textNode("zz!qx");
                    replace(mutant, path, replacement);
                    what = "'" + path + "' replaced by " + replacement;
                }
                String profile = path.startsWith("profiles.") ? path.split("\\.")[1] : null;
                String text = yaml.writeValueAsString(mutant);
                List<String> problems = loadOrProblems(text, profile);
                if (problems.isEmpty()) {
                    fail("passed silently: " + what + "\n" + text);
                }
                if (profile == null) {
                    String p = path;
                    assertTrue(problems.stream().map(l -> l.substring(0, l.indexOf(": ")))
                                    .anyMatch(x -> x.startsWith(p) || p.startsWith(x) || x.equals("(document)")),
                            what + " is not named among\n  " + String.join("\n  ", problems));
                }
            }
        });
    }

    /** Collects the paths of objects and of scalar leaves, leaving out anchors (x-) and profile names' own maps. */
    private static void walk(JsonNode n, String path, List<String[]> objects, List<String[]> leaves) {
        if (n.isObject()) {
            objects.add(new String[] {path});
            for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (path.isEmpty() && e.getKey().startsWith("x-")) {
                    continue;
                }
                if (e.getKey().equals("description")) {
                    continue; // any text is a description
                }
                walk(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), objects, leaves);
            }
        } else if (n.isArray()) {
            for (int i = 0; i < n.size(); i++) {
                walk(n.get(i), path + "[" + i + "]", objects, leaves);
            }
        } else {
            leaves.add(new String[] {path, n.isTextual() ? "text" : "value"});
        }
    }

    private static JsonNode at(JsonNode root, String path) {
        return path.isEmpty() ? root : Paths.find(root, path);
    }

    private static void replace(JsonNode root, String path, JsonNode value) {
        int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
        String parentPath = cut < 0 ? "" : path.substring(0, cut);
        JsonNode parent = at(root, parentPath);
        if (path.endsWith("]")) {
            ((com.fasterxml.jackson.databind.node.ArrayNode) parent).set(
                    Integer.parseInt(path.substring(path.lastIndexOf('[') + 1, path.length() - 1)), value);
        } else {
            ((ObjectNode) parent).set(path.substring(cut + 1), value);
        }
    }
}
