package dev.vernier.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Applies a profile of the configuration's {@code profiles} to the rest of it, on the tree, before
 * anything is parsed: so a value a profile sets is checked like any other, and a problem in it is
 * reported with the profile's line.
 *
 * <pre>
 * profiles:
 *   ci:
 *     description: short runs for CI
 *     timeScale: 0.1              # every scenario's warm-up, duration, intervals and fault times x 0.1
 *     allScenarios: {iterations: 1}   # merged into every scenario
 *     scenarios:                  # merged into the scenario of that name
 *       consensus-500-clients: {load: {model: closed, clients: 100}}
 *     suites:                     # merged into the suite of that name
 *       raft: {properties: {nodes: 3}}
 *     targets: {p99Ms: 800}       # merged into the section of that name
 * </pre>
 *
 * Maps merge key by key, recursively; any other value (a list, a number) replaces the one it
 * meets. Stateless.
 */
final class Profiles {

    /** Keys a profile may hold. */
    static final Set<String> KEYS = Set.of("description", "timeScale", "allScenarios", "scenarios", "suites",
            "targets", "alerts", "environment", "output", "gate", "tuning");
    /** The sections a profile merges into, by the same name. */
    static final List<String> SECTIONS = List.of("targets", "alerts", "environment", "output", "gate", "tuning");

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Profiles() {
    }

    /**
     * The result of applying a profile.
     *
     * @param root the configuration without {@code profiles}, with the profile merged in
     * @param timeScale the profile's time scale (1 when it has none)
     */
    record Applied(ObjectNode root, double timeScale) {
    }

    /**
     * @param root the whole configuration (not changed)
     * @param name the profile to apply, or null for none
     * @param lines the document's lines; merged values get the lines of the profile's text
     * @param problems receives problems with the profile
     * @return the configuration to parse
     */
    static Applied apply(ObjectNode root, String name, Map<String, Integer> lines, Problems problems) {
        ObjectNode out = root.deepCopy();
        JsonNode profiles = out.remove("profiles");
        normaliseSuites(out);
        if (profiles != null) {
            if (!profiles.isObject()) {
                problems.add("profiles", "must be a map of profile names to profiles, but was "
                        + Problems.describe(profiles));
                profiles = null;
            } else {
                for (Iterator<Map.Entry<String, JsonNode>> it = profiles.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    String at = "profiles." + e.getKey();
                    if (!e.getValue().isObject()) {
                        problems.add(at, "must be a map of settings, but was " + Problems.describe(e.getValue()));
                    } else {
                        problems.unknownKeys(e.getValue(), at, KEYS);
                    }
                }
            }
        }
        if (name == null) {
            return new Applied(out, 1);
        }
        JsonNode profile = profiles == null ? null : profiles.get(name);
        if (profile == null || !profile.isObject()) {
            Set<String> defined = new TreeSet<>();
            if (profiles != null) {
                profiles.fieldNames().forEachRemaining(defined::add);
            }
            problems.add("profiles", "must define the profile '" + name + "' given with --profile, but "
                    + (defined.isEmpty() ? "the file defines no profile" : "defines only " + defined)
                    + Problems.suggestion(name, defined));
            return new Applied(out, 1);
        }
        String base = "profiles." + name;
        double scale = 1;
        if (profile.has("timeScale")) {
            Double s = Values.number(profile.get("timeScale"), base + ".timeScale", 1e-6, 1e6, problems);
            scale = s == null ? 1 : s;
        }
        for (String section : SECTIONS) {
            JsonNode src = profile.get(section);
            if (src == null) {
                continue;
            }
            JsonNode target = out.get(section);
            if (target != null && target.isObject() && src.isObject()) {
                merge((ObjectNode) target, section, src, base + "." + section, lines);
            } else {
                out.set(section, src.deepCopy());
                copyLines(base + "." + section, section, lines);
            }
        }
        JsonNode scenarios = out.get("scenarios");
        if (profile.has("allScenarios")) {
            JsonNode all = profile.get("allScenarios");
            if (!all.isObject()) {
                problems.add(base + ".allScenarios", "must be a map of scenario settings, but was "
                        + Problems.describe(all));
            } else if (scenarios != null && scenarios.isArray()) {
                for (int i = 0; i < scenarios.size(); i++) {
                    if (scenarios.get(i).isObject()) {
                        merge((ObjectNode) scenarios.get(i), "scenarios[" + i + "]", all, base + ".allScenarios", lines);
                    }
                }
            }
        }
        byName(out.get("scenarios"), "scenarios", profile.get("scenarios"), base + ".scenarios", lines, problems);
        byName(out.get("suites"), "suites", profile.get("suites"), base + ".suites", lines, problems);
        return new Applied(out, scale);
    }

    /** Suites written as a bare name ({@code - raft}) become {@code {name: raft}}. */
    static void normaliseSuites(ObjectNode root) {
        JsonNode suites = root.get("suites");
        if (suites != null && suites.isArray()) {
            ArrayNode a = (ArrayNode) suites;
            for (int i = 0; i < a.size(); i++) {
                if (a.get(i).isTextual()) {
                    a.set(i, NODES.objectNode().put("name", a.get(i).asText()));
                }
            }
        }
    }

    private static void byName(JsonNode list, String listPath, JsonNode overrides, String srcPath,
                               Map<String, Integer> lines, Problems problems) {
        if (overrides == null) {
            return;
        }
        if (!overrides.isObject()) {
            problems.add(srcPath, "must be a map of names to settings, but was " + Problems.describe(overrides));
            return;
        }
        List<String> names = new ArrayList<>();
        if (list != null && list.isArray()) {
            for (JsonNode e : list) {
                names.add(e.isObject() && e.path("name").isTextual() ? e.get("name").asText() : null);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = overrides.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String at = srcPath + "." + e.getKey();
            int i = names.indexOf(e.getKey());
            if (i < 0) {
                problems.add(at, "must name one of the file's " + listPath + ", but there is none called '"
                        + e.getKey() + "'" + Problems.suggestion(e.getKey(),
                        names.stream().filter(java.util.Objects::nonNull).toList()));
            } else if (!e.getValue().isObject()) {
                problems.add(at, "must be a map of settings, but was " + Problems.describe(e.getValue()));
            } else {
                merge((ObjectNode) list.get(i), listPath + "[" + i + "]", e.getValue(), at, lines);
            }
        }
    }

    /** Merges {@code src} into {@code target}: maps key by key, anything else replaced. */
    static void merge(ObjectNode target, String targetPath, JsonNode src, String srcPath, Map<String, Integer> lines) {
        for (Iterator<Map.Entry<String, JsonNode>> it = src.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String key = e.getKey();
            JsonNode existing = target.get(key);
            String tp = Paths.child(targetPath, key);
            String sp = Paths.child(srcPath, key);
            if (existing != null && existing.isObject() && e.getValue().isObject()) {
                merge((ObjectNode) existing, tp, e.getValue(), sp, lines);
            } else {
                target.set(key, e.getValue().deepCopy());
                copyLines(sp, tp, lines);
            }
        }
    }

    /** The values merged to {@code to} are reported on the lines they were written on. */
    private static void copyLines(String from, String to, Map<String, Integer> lines) {
        List<Map.Entry<String, Integer>> moved = new ArrayList<>();
        for (Map.Entry<String, Integer> e : lines.entrySet()) {
            String k = e.getKey();
            if (k.equals(from) || k.startsWith(from + ".") || k.startsWith(from + "[")) {
                moved.add(Map.entry(to + k.substring(from.length()), e.getValue()));
            }
        }
        lines.keySet().removeIf(k -> k.equals(to) || k.startsWith(to + ".") || k.startsWith(to + "["));
        moved.forEach(e -> lines.put(e.getKey(), e.getValue()));
    }
}
