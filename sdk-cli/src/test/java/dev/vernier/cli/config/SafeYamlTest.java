package dev.vernier.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The YAML reader takes plain data only, within limits, and says where each problem is. */
class SafeYamlTest {

    /** Hang guard only (a bomb would take minutes or exhaust memory); the read itself takes milliseconds. */
    private static final Duration GUARD = Duration.ofSeconds(20);

    private static ConfigException fails(String yaml) {
        return assertTimeoutPreemptively(GUARD, () -> assertThrows(ConfigException.class, () -> SafeYaml.read(yaml)));
    }

    @Test
    void aBillionLaughsAliasBombFailsOnTheNodeBudget() {
        StringBuilder b = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < 10; i++) {
            b.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 10; j++) {
                b.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            b.append("]\n");
        }
        ConfigException e = fails(b.toString());
        assertTrue(e.getMessage().contains("at most " + SafeYaml.MAX_NODES + " values once aliases are expanded"),
                e.getMessage());
    }

    @Test
    void tooManyAliasesFail() {
        StringBuilder b = new StringBuilder("x: &x 1\nl:\n");
        for (int i = 0; i <= SafeYaml.MAX_ALIASES; i++) {
            b.append("  - *x\n");
        }
        assertTrue(fails(b.toString()).getMessage().contains("at most " + SafeYaml.MAX_ALIASES + " aliases"));
    }

    @Test
    void deepNestingFails() {
        String deep = "a: " + "[".repeat(SafeYaml.MAX_DEPTH + 5) + "1" + "]".repeat(SafeYaml.MAX_DEPTH + 5) + "\n";
        ConfigException e = fails(deep);
        assertTrue(e.getMessage().contains("nest") || e.getMessage().contains("depth"), e.getMessage());
    }

    @Test
    void aDocumentOverTheSizeLimitFails() {
        String big = "a: '" + "x".repeat(SafeYaml.MAX_CODE_POINTS + 10) + "'\n";
        assertTrue(fails(big).getMessage().contains("exceeds the limit"), "SnakeYAML's code point limit applies");
    }

    @Test
    void typesAreNeverInstantiatedFromTags() {
        ConfigException e = fails("a: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL"
                + " [\"http://localhost/\"]]]]\nb: !!binary aGVsbG8=\nc: !custom 3\n");
        assertTrue(e.getMessage().contains("a: must not carry the tag 'tag:yaml.org,2002:javax.script.ScriptEngineManager'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("b: must not carry the tag"), e.getMessage());
        assertTrue(e.getMessage().contains("c: must not carry the tag 'custom'"), e.getMessage());
    }

    @Test
    void duplicateKeysMultipleDocumentsAndNonMapsAreRejectedWithTheirLines() {
        assertTrue(fails("a: 1\nb: 2\na: 3\n").getMessage().contains("a: is set twice (lines 1 and 3)"));
        assertTrue(fails("a: 1\n---\nb: 2\n").getMessage().contains("must be one YAML document"));
        assertTrue(fails("- 1\n- 2\n").getMessage().contains("must be a map of settings"));
        assertTrue(fails("").getMessage().contains("the file is empty"));
        assertTrue(fails("a: [1, 2\n").getMessage().contains("is not valid YAML (line"));
        assertTrue(fails("a: *nothing\n").getMessage().contains("refers to the anchor 'nothing'"));
    }

    @Test
    void anchorsAliasesAndMergeKeysExpandWithWrittenKeysWinning() {
        SafeYaml.Document d = SafeYaml.read("""
                base: &base {warmup: 1s, duration: 5s, load: {model: closed, clients: 8}}
                list: &list [1, 2]
                copy: *list
                scenario:
                  <<: *base
                  duration: 9s
                """);
        assertEquals("9s", d.root().at("/scenario/duration").asText());
        assertEquals("1s", d.root().at("/scenario/warmup").asText());
        assertEquals(8, d.root().at("/scenario/load/clients").asInt());
        assertEquals(2, d.root().at("/copy/1").asInt());
        assertEquals(4, d.lines().get("scenario").intValue());
        assertEquals(6, d.lines().get("scenario.duration").intValue());
    }

    @Test
    void numbersKeepTheirKind() {
        SafeYaml.Document d = SafeYaml.read("i: 3\nl: 12345678901\nbig: 123456789012345678901234\nf: 2.5\nt: true\nn: ~\n");
        assertTrue(d.root().get("i").isInt());
        assertTrue(d.root().get("l").isLong());
        assertTrue(d.root().get("big").isBigInteger());
        assertTrue(d.root().get("f").isDouble());
        assertTrue(d.root().get("t").isBoolean());
        assertTrue(d.root().get("n").isNull());
    }
}
