package dev.vernier.cli.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;

/**
 * Reads one YAML document into a Jackson tree, safely: nothing but maps, lists, strings, numbers,
 * booleans and nulls can come out of it (no type is ever instantiated from the document), and no
 * document can make it run long or grow large.
 *
 * <p>Limits, each failing the read with its line: {@value #MAX_CODE_POINTS} code points
 * (SnakeYAML's {@link LoaderOptions#setCodePointLimit}), nesting depth {@value #MAX_DEPTH}
 * (Jackson's {@link StreamReadConstraints} and this reader), {@value #MAX_ALIASES} aliases and
 * {@value #MAX_NODES} nodes after aliases are expanded, so a "billion laughs" document fails in
 * microseconds instead of exhausting memory. The {@link LoaderOptions} alias and depth limits are
 * set too, but Jackson reads SnakeYAML's event stream, not its composed nodes, where SnakeYAML
 * enforces them; that is why this reader expands aliases itself, within its own budget.
 *
 * <p>Accepted beyond plain YAML: anchors and aliases ({@code &defaults}, {@code *defaults}) and
 * merge keys ({@code <<: *defaults}; keys written beside the merge win). Rejected, with the path:
 * duplicate keys, explicit tags other than YAML's core ones ({@code !!java...}, {@code !!binary},
 * custom {@code !tags}), more than one document, a root that is not a map.
 *
 * <p>Stateless and thread-safe.
 */
public final class SafeYaml {

    /** Largest document, code points. */
    public static final int MAX_CODE_POINTS = 1 << 20;
    /** Deepest nesting of maps and lists. */
    public static final int MAX_DEPTH = 40;
    /** Most aliases in one document. */
    public static final int MAX_ALIASES = 200;
    /** Most nodes in the tree, aliases expanded. */
    public static final int MAX_NODES = 200_000;

    private static final Set<String> CORE_TAGS = Set.of("str", "int", "float", "bool", "null", "map", "seq");
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final YAMLFactory FACTORY = factory();

    private SafeYaml() {
    }

    private static YAMLFactory factory() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_CODE_POINTS);
        options.setMaxAliasesForCollections(MAX_ALIASES);
        options.setNestingDepthLimit(MAX_DEPTH);
        options.setAllowDuplicateKeys(false);
        options.setAllowRecursiveKeys(false);
        // Duplicate keys are reported by the reader itself, with both lines.
        return YAMLFactory.builder().loaderOptions(options)
                .disable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH + 1)
                        .maxStringLength(MAX_CODE_POINTS).maxNumberLength(100).build())
                .build();
    }

    /**
     * A document read: its tree and the line each path starts on.
     *
     * @param root the document's root map
     * @param lines the 1-based line of each path ({@code scenarios[2].load}), for messages
     */
    public record Document(ObjectNode root, Map<String, Integer> lines) {
    }

    /**
     * @param text the document
     * @return the tree with its lines
     * @throws ConfigException listing every problem found, each with its path and line
     */
    public static Document read(String text) {
        Reader r = new Reader();
        try (YAMLParser p = (YAMLParser) FACTORY.createParser(text)) {
            r.parser = p;
            JsonToken first = p.nextToken();
            if (first == null) {
                throw new ConfigException(List.of("(document): must be a map of settings, but the file is empty"));
            }
            JsonNode root = r.value(first, "", 1);
            if (p.nextToken() != null) {
                r.problem("", "must be one YAML document, but a second one starts on line " + line(p.currentLocation()));
            }
            if (!root.isObject()) {
                r.problem("", "must be a map of settings, but was " + Problems.describe(root));
            }
            if (!r.problems.isEmpty()) {
                throw new ConfigException(r.problems.lines(r.lines));
            }
            return new Document((ObjectNode) root, Map.copyOf(r.lines));
        } catch (Budget e) {
            r.problems.add(e.path, e.getMessage());
            throw new ConfigException(r.problems.lines(r.lines));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + line(at) + ", column " + at.getColumnNr() + ")";
            String message = e.getOriginalMessage() == null ? e.toString() : e.getOriginalMessage();
            r.problems.add("", "is not valid YAML" + where + ": " + firstLine(message));
            throw new ConfigException(r.problems.lines(Map.of()));
        } catch (IOException e) {
            throw new ConfigException(List.of("(document): cannot be read: " + e.getMessage()));
        }
    }

    private static int line(JsonLocation at) {
        return at == null ? -1 : at.getLineNr();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s.trim() : s.substring(0, nl).trim();
    }

    /** A limit that makes reading stop at once. */
    private static final class Budget extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String path;

        Budget(String path, String message) {
            super(message, null, false, false);
            this.path = path;
        }
    }

    /** One read: the parser, anchors seen so far, budgets, problems. Not thread-safe. */
    private static final class Reader {
        YAMLParser parser;
        final Problems problems = new Problems();
        final Map<String, Integer> lines = new HashMap<>();
        final Map<String, JsonNode> anchors = new HashMap<>();
        int aliases;
        int nodes;

        void problem(String path, String message) {
            problems.add(path, message);
        }

        private void count(String path, int n) {
            nodes += n;
            if (nodes > MAX_NODES) {
                throw new Budget(path, "the document must hold at most " + MAX_NODES
                        + " values once aliases are expanded, but holds more (an alias bomb?)");
            }
        }

        JsonNode value(JsonToken t, String path, int depth) throws IOException {
            if (depth > MAX_DEPTH) {
                throw new Budget(path, "must nest at most " + MAX_DEPTH + " levels deep, but nests deeper");
            }
            lines.putIfAbsent(path, line(parser.currentLocation()));
            count(path, 1);
            checkTag(path);
            String anchor = parser.getObjectId();
            JsonNode node;
            if (parser.isCurrentAlias()) {
                node = alias(parser.getText(), path);
            } else if (t == JsonToken.START_OBJECT) {
                node = object(path, depth);
            } else if (t == JsonToken.START_ARRAY) {
                ArrayNode a = NODES.arrayNode();
                int i = 0;
                for (JsonToken e = parser.nextToken(); e != JsonToken.END_ARRAY; e = parser.nextToken()) {
                    a.add(value(e, path + "[" + i++ + "]", depth + 1));
                }
                node = a;
            } else {
                node = scalar(t, path);
            }
            if (anchor != null) {
                anchors.put(anchor, node);
            }
            return node;
        }

        private ObjectNode object(String path, int depth) throws IOException {
            ObjectNode o = NODES.objectNode();
            List<JsonNode> merges = new ArrayList<>();
            for (JsonToken k = parser.nextToken(); k != JsonToken.END_OBJECT; k = parser.nextToken()) {
                String key = parser.currentName();
                String at = Paths.child(path, key);
                lines.putIfAbsent(at, line(parser.currentLocation()));
                JsonNode v = value(parser.nextToken(), at, depth + 1);
                if (key.equals("<<")) {
                    merges.add(v);
                } else if (o.has(key)) {
                    problem(at, "is set twice (lines " + lines.get(at) + " and " + line(parser.currentLocation())
                            + "); keep one");
                } else {
                    o.set(key, v);
                }
            }
            for (JsonNode m : merges) {
                List<JsonNode> sources = new ArrayList<>();
                if (m.isArray()) {
                    m.forEach(sources::add);
                } else {
                    sources.add(m);
                }
                for (JsonNode s : sources) {
                    if (!s.isObject()) {
                        problem(path.isEmpty() ? "<<" : path + ".<<", "a merge key must name a map (<<: *anchor), but was "
                                + Problems.describe(s));
                        continue;
                    }
                    for (Iterator<Map.Entry<String, JsonNode>> it = s.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        if (!o.has(e.getKey())) {
                            o.set(e.getKey(), e.getValue().deepCopy());
                        }
                    }
                }
            }
            return o;
        }

        private JsonNode alias(String name, String path) {
            if (++aliases > MAX_ALIASES) {
                throw new Budget(path, "the document must use at most " + MAX_ALIASES + " aliases, but uses more");
            }
            JsonNode target = anchors.get(name);
            if (target == null) {
                problem(path, "refers to the anchor '" + name + "', which is not defined before it");
                return NODES.nullNode();
            }
            count(path, size(target));
            return target.deepCopy();
        }

        private static int size(JsonNode n) {
            int s = 1;
            for (JsonNode c : n) {
                s += size(c);
            }
            return s;
        }

        private void checkTag(String path) throws IOException {
            String tag = parser.getTypeId();
            if (tag == null) {
                return;
            }
            String core = tag.startsWith("tag:yaml.org,2002:") ? tag.substring("tag:yaml.org,2002:".length()) : null;
            if (core == null || !CORE_TAGS.contains(core)) {
                problem(path, "must not carry the tag '" + tag + "': a configuration holds plain values only");
            }
        }

        private JsonNode scalar(JsonToken t, String path) throws IOException {
            switch (t) {
                case VALUE_STRING:
                    return NODES.textNode(parser.getText());
                case VALUE_NUMBER_INT:
                    switch (parser.getNumberType()) {
                        case INT:
                            return NODES.numberNode(parser.getIntValue());
                        case LONG:
                            return NODES.numberNode(parser.getLongValue());
                        default:
                            return NODES.numberNode(parser.getBigIntegerValue());
                    }
                case VALUE_NUMBER_FLOAT:
                    return NODES.numberNode(parser.getDoubleValue());
                case VALUE_TRUE:
                    return NODES.booleanNode(true);
                case VALUE_FALSE:
                    return NODES.booleanNode(false);
                case VALUE_NULL:
                    return NODES.nullNode();
                default:
                    problem(path, "must be a plain value, but was " + t);
                    return NODES.nullNode();
            }
        }
    }
}
