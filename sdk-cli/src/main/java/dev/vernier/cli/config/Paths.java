package dev.vernier.cli.config;

import com.fasterxml.jackson.databind.JsonNode;

/** Paths into a configuration tree, {@code scenarios[2].load.opsPerSecond}. Stateless. */
final class Paths {

    private Paths() {
    }

    private static final java.util.regex.Pattern PLAIN = java.util.regex.Pattern.compile("[A-Za-z0-9_$<-]+");

    /**
     * @return {@code parent.key}, or {@code key} at the root; a key with other characters than letters,
     *     digits, {@code _ - $} is written {@code parent["odd key"]}
     */
    static String child(String parent, String key) {
        if (!PLAIN.matcher(key).matches()) {
            return parent + "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
        }
        return parent.isEmpty() ? key : parent + "." + key;
    }

    /** @return {@code parent[i]} */
    static String index(String parent, int i) {
        return parent + "[" + i + "]";
    }

    /**
     * @param root a tree
     * @param path a path written by {@link #child} and {@link #index}
     * @return the node there, or null
     */
    static JsonNode find(JsonNode root, String path) {
        JsonNode n = root;
        int i = 0;
        while (n != null && i < path.length()) {
            char c = path.charAt(i);
            if (c == '.') {
                i++;
                continue;
            }
            if (path.startsWith("[\"", i)) {
                StringBuilder key = new StringBuilder();
                int j = i + 2;
                for (; j < path.length() && path.charAt(j) != '"'; j++) {
                    if (path.charAt(j) == '\\' && j + 1 < path.length()) {
                        j++;
                    }
                    key.append(path.charAt(j));
                }
                n = n.get(key.toString());
                i = j + 2;
                continue;
            }
            if (c == '[') {
                int end = path.indexOf(']', i);
                if (end < 0) {
                    return null;
                }
                try {
                    n = n.get(Integer.parseInt(path.substring(i + 1, end)));
                } catch (NumberFormatException e) {
                    return null;
                }
                i = end + 1;
                continue;
            }
            int end = i;
            while (end < path.length() && path.charAt(end) != '.' && path.charAt(end) != '[') {
                end++;
            }
            n = n.get(path.substring(i, end));
            i = end;
        }
        return n;
    }
}
