package dev.vernier.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed reads of configuration values: each returns the value, or null after adding a problem that
 * names the path and the value. Stateless and thread-safe.
 */
public final class Values {

    private static final Pattern WITH_UNIT = Pattern.compile("(-?[0-9]+(?:\\.[0-9]+)?)\\s*(ns|us|µs|ms|s|m|h|d)");

    private Values() {
    }

    /**
     * A duration written as {@code ScenarioJson} reads them: ISO-8601 ({@code PT2S}), a number of
     * seconds, or a number with a unit ({@code 250ms}, {@code 2s}, {@code 1m}, {@code 7d}).
     *
     * @return the duration, or null after a problem
     */
    public static Duration duration(JsonNode n, String path, Problems problems) {
        if (n != null && n.isNumber()) {
            double seconds = n.asDouble();
            if (Double.isFinite(seconds) && Math.abs(seconds) < 9.2e9) {
                return Duration.ofNanos(Math.round(seconds * 1e9));
            }
        } else if (n != null && n.isTextual()) {
            String text = n.asText().trim();
            try {
                if (text.regionMatches(true, 0, "P", 0, 1)) {
                    return Duration.parse(text);
                }
                Matcher m = WITH_UNIT.matcher(text);
                if (m.matches()) {
                    double v = Double.parseDouble(m.group(1));
                    double nanos = v * switch (m.group(2)) {
                        case "ns" -> 1;
                        case "us", "µs" -> 1e3;
                        case "ms" -> 1e6;
                        case "s" -> 1e9;
                        case "m" -> 60e9;
                        case "h" -> 3600e9;
                        default -> 86400e9;
                    };
                    if (Math.abs(nanos) < 9.2e18) {
                        return Duration.ofNanos(Math.round(nanos));
                    }
                }
            } catch (DateTimeParseException | ArithmeticException e) {
                // reported below
            }
        }
        problems.add(path, "must be a duration such as \"250ms\", \"2s\", \"1m\" or \"PT2S\", but was "
                + Problems.describe(n));
        return null;
    }

    /** @return a duration that must be positive, or null after a problem */
    public static Duration positiveDuration(JsonNode n, String path, Problems problems) {
        Duration d = duration(n, path, problems);
        if (d != null && (d.isNegative() || d.isZero())) {
            problems.add(path, "must be positive, but was " + Problems.describe(n));
            return null;
        }
        return d;
    }

    /** @return an integer in [min, max], or null after a problem */
    public static Integer integer(JsonNode n, String path, long min, long max, Problems problems) {
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            problems.add(path, "must be an integer, but was " + Problems.describe(n));
            return null;
        }
        long v = n.asLong();
        if (v < min || v > max) {
            problems.add(path, "must be between " + min + " and " + max + ", but was " + v);
            return null;
        }
        return (int) v;
    }

    /** @return a long, or null after a problem */
    public static Long longValue(JsonNode n, String path, Problems problems) {
        if (n == null || !n.isIntegralNumber() || !n.canConvertToLong()) {
            problems.add(path, "must be an integer, but was " + Problems.describe(n));
            return null;
        }
        return n.asLong();
    }

    /** @return a finite number in [min, max], or null after a problem */
    public static Double number(JsonNode n, String path, double min, double max, Problems problems) {
        if (n == null || !n.isNumber() || !Double.isFinite(n.asDouble())) {
            problems.add(path, "must be a number, but was " + Problems.describe(n));
            return null;
        }
        double v = n.asDouble();
        if (v < min || v > max) {
            problems.add(path, "must be between " + fmt(min) + " and " + fmt(max) + ", but was " + fmt(v));
            return null;
        }
        return v;
    }

    /** @return a number that must be positive and finite, or null after a problem */
    public static Double positive(JsonNode n, String path, Problems problems) {
        if (n == null || !n.isNumber() || !Double.isFinite(n.asDouble())) {
            problems.add(path, "must be a number, but was " + Problems.describe(n));
            return null;
        }
        if (!(n.asDouble() > 0)) {
            problems.add(path, "must be positive, but was " + fmt(n.asDouble()));
            return null;
        }
        return n.asDouble();
    }

    /** @return a boolean, or null after a problem */
    public static Boolean bool(JsonNode n, String path, Problems problems) {
        if (n == null || !n.isBoolean()) {
            problems.add(path, "must be true or false, but was " + Problems.describe(n));
            return null;
        }
        return n.asBoolean();
    }

    /** @return a non-blank string, or null after a problem */
    public static String text(JsonNode n, String path, Problems problems) {
        if (n == null || !n.isTextual() || n.asText().isBlank()) {
            problems.add(path, "must be a non-empty string, but was " + Problems.describe(n));
            return null;
        }
        return n.asText();
    }

    /** @return a list of non-blank strings (a single string is a list of one), or null after a problem */
    public static List<String> texts(JsonNode n, String path, Problems problems) {
        if (n != null && n.isTextual()) {
            String t = text(n, path, problems);
            return t == null ? null : List.of(t);
        }
        if (n == null || !n.isArray()) {
            problems.add(path, "must be a list of strings, but was " + Problems.describe(n));
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
            String t = text(n.get(i), Paths.index(path, i), problems);
            if (t == null) {
                return null;
            }
            out.add(t);
        }
        return out;
    }

    /** @return the node as a Java value for {@code Parameter.validate}: Number, Boolean or String; null for others */
    public static Object plain(JsonNode n) {
        if (n == null) {
            return null;
        }
        if (n.isNumber()) {
            return n.numberValue();
        }
        if (n.isBoolean()) {
            return n.booleanValue();
        }
        if (n.isTextual()) {
            return n.textValue();
        }
        return null;
    }

    /** @return the number without a trailing ".0" */
    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format(Locale.ROOT, "%s", v);
    }
}
