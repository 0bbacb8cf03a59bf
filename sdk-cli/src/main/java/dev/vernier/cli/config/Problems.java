package dev.vernier.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Problems found in a configuration, each with the path of the value it concerns. Collected so that
 * they are all reported at once. Not thread-safe.
 */
public final class Problems {

    /** One problem: where and what. */
    record Problem(String path, String message) {
    }

    private final List<Problem> list = new ArrayList<>();

    /**
     * @param path e.g. {@code scenarios[2].load.opsPerSecond}; empty for the document
     * @param message e.g. {@code must be positive, but was -5}
     */
    public void add(String path, String message) {
        list.add(new Problem(path, message));
    }

    /**
     * Adds lines already in the form {@code path: message} (as {@code ScenarioJson} writes them),
     * moving a leading field name of the message into the path when that field is a key of the
     * object at the path ({@code load: opsPerSecond must be...} becomes {@code load.opsPerSecond: must
     * be...}).
     *
     * @param lines the lines
     * @param root the document, to recognise keys
     */
    public void addAll(List<String> lines, JsonNode root) {
        for (String l : lines) {
            int colon = l.indexOf(": ");
            if (colon < 0) {
                add("", l);
                continue;
            }
            String path = l.substring(0, colon);
            String message = l.substring(colon + 2);
            int space = message.indexOf(' ');
            if (space > 0) {
                String field = message.substring(0, space);
                String lastKey = field.contains(".") ? field.substring(field.lastIndexOf('.') + 1) : field;
                JsonNode at = Paths.find(root, path);
                String pathKey = path.substring(Math.max(path.lastIndexOf('.'), path.lastIndexOf('[')) + 1);
                if (at != null && at.isObject() && at.has(lastKey) && message.startsWith(field + " must")) {
                    path = path + "." + lastKey;
                    message = message.substring(space + 1);
                } else if (lastKey.equals(pathKey) && message.startsWith(field + " must")) {
                    message = message.substring(space + 1);
                }
            }
            add(path, message);
        }
    }

    /** Reports every key of {@code object} that is not in {@code known}, with the nearest known name. */
    public void unknownKeys(JsonNode object, String path, Collection<String> known) {
        for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!known.contains(key)) {
                add(Paths.child(path, key), "is not a known setting" + suggestion(key, known)
                        + "; known here: " + String.join(", ", sorted(known)));
            }
        }
    }

    private static List<String> sorted(Collection<String> c) {
        return c.stream().sorted().toList();
    }

    /** @return true when no problem was added */
    public boolean isEmpty() {
        return list.isEmpty();
    }

    /** @return the number of problems */
    public int size() {
        return list.size();
    }

    /**
     * @param lines the line of each path in the document (may be empty)
     * @return one line per problem, {@code path: message (line N)}, in the order of the lines, without repeats
     */
    public List<String> lines(Map<String, Integer> lines) {
        Set<String> out = new LinkedHashSet<>();
        List<Problem> sorted = new ArrayList<>(list);
        sorted.sort(java.util.Comparator.comparingInt(p -> {
            Integer l = lineOf(p.path(), lines);
            return l == null || l < 0 ? Integer.MAX_VALUE : l;
        }));
        for (Problem p : sorted) {
            Integer line = lineOf(p.path(), lines);
            out.add((p.path().isEmpty() ? "(document)" : p.path()) + ": " + p.message()
                    + (line == null || line < 0 ? "" : " (line " + line + ")"));
        }
        return List.copyOf(out);
    }

    /** The line of the path, or of its nearest ancestor that has one. */
    private static Integer lineOf(String path, Map<String, Integer> lines) {
        String p = path;
        while (!p.isEmpty()) {
            Integer l = lines.get(p);
            if (l != null) {
                return l;
            }
            int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
            p = cut < 0 ? "" : p.substring(0, cut);
        }
        return null;
    }

    /** @throws ConfigException when there is any problem */
    public void throwIfAny(Map<String, Integer> lines) {
        if (!list.isEmpty()) {
            throw new ConfigException(lines(lines));
        }
    }

    /**
     * @param given a name as written
     * @param names the valid names
     * @return {@code "; did you mean 'x'?"} for the nearest valid name within a small edit distance, else ""
     */
    public static String suggestion(String given, Collection<String> names) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        String g = given.toLowerCase(Locale.ROOT);
        for (String n : names) {
            int d = distance(g, n.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = n;
            }
        }
        return best != null && bestDistance <= Math.max(1, Math.min(3, given.length() / 2))
                ? "; did you mean '" + best + "'?" : "";
    }

    /** Edit distance with adjacent transpositions (optimal string alignment): "rnu" is one edit from "run". */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }

    /** @return a short rendering of a value for messages ("missing" when absent) */
    public static String describe(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "missing";
        }
        String text = n.toString();
        return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
}
