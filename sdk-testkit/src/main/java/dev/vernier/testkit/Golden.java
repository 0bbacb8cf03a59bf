package dev.vernier.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden files: a report format rendered from a fixed result must match, byte for byte, the file
 * kept under {@code src/test/resources/golden/} of the module under test. Run the tests with
 * {@code -Dvernier.golden.update=true} to rewrite the files after an intended change, then review the
 * diff. On a mismatch the actual text is written to {@code target/golden-actual/} for comparison.
 */
public final class Golden {

    /** The system property that rewrites golden files instead of comparing. */
    public static final String UPDATE = "vernier.golden.update";

    private Golden() {
    }

    /**
     * @param name the file's name under {@code src/test/resources/golden/}
     * @param actual the rendered text
     * @throws AssertionError naming the first differing line when the text differs from the file
     */
    public static void assertMatches(String name, String actual) {
        Path file = Path.of("src", "test", "resources", "golden", name);
        try {
            if (Boolean.getBoolean(UPDATE)) {
                Files.createDirectories(file.getParent());
                Files.writeString(file, actual, StandardCharsets.UTF_8);
                return;
            }
            if (!Files.exists(file)) {
                throw new AssertionError("golden file " + file.toAbsolutePath() + " is missing; run the test with -D"
                        + UPDATE + "=true to create it");
            }
            String expected = Files.readString(file, StandardCharsets.UTF_8);
            if (!expected.equals(actual)) {
                Path out = Path.of("target", "golden-actual", name);
                Files.createDirectories(out.getParent());
                Files.writeString(out, actual, StandardCharsets.UTF_8);
                throw new AssertionError("output differs from golden file " + file + " at " + firstDifference(expected,
                        actual) + "; actual output written to " + out + " (rerun with -D" + UPDATE
                        + "=true to accept it)");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String firstDifference(String expected, String actual) {
        String[] e = expected.split("\n", -1);
        String[] a = actual.split("\n", -1);
        for (int i = 0; i < Math.min(e.length, a.length); i++) {
            if (!e[i].equals(a[i])) {
                return "line " + (i + 1) + ":\n  expected: " + clip(e[i]) + "\n  actual:   " + clip(a[i]);
            }
        }
        return "line " + (Math.min(e.length, a.length) + 1) + " (expected " + e.length + " lines, got " + a.length + ")";
    }

    private static String clip(String s) {
        return s.length() > 300 ? s.substring(0, 300) + "..." : s;
    }
}
