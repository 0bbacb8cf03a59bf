package dev.vernier.api.tuning;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Parameter values by name (full or partial). Immutable and thread-safe; equal when the values are.
 */
public final class Configuration {

    private final Map<String, Object> values;

    /** @param values parameter values by name; copied */
    public Configuration(Map<String, ?> values) {
        this.values = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(values, "values")));
    }

    /** @return a configuration with one value */
    public static Configuration of(String name, Object value) {
        return new Configuration(Map.of(name, value));
    }

    /** @return the values by name, in insertion order */
    public Map<String, Object> values() {
        return values;
    }

    /** @return the value, or null when absent */
    public Object get(String name) {
        return values.get(name);
    }

    /** @return the value as an int; throws IllegalArgumentException when absent or not a number */
    public int getInt(String name) {
        Object v = values.get(name);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("parameter " + name + " is not a number in " + this);
        }
        return n.intValue();
    }

    /** @return the value as a double; throws IllegalArgumentException when absent or not a number */
    public double getDouble(String name) {
        Object v = values.get(name);
        if (!(v instanceof Number n)) {
            throw new IllegalArgumentException("parameter " + name + " is not a number in " + this);
        }
        return n.doubleValue();
    }

    /** @return the value as a boolean; throws IllegalArgumentException when absent or not a boolean */
    public boolean getBoolean(String name) {
        Object v = values.get(name);
        if (!(v instanceof Boolean b)) {
            throw new IllegalArgumentException("parameter " + name + " is not a boolean in " + this);
        }
        return b;
    }

    /**
     * @param other values that override this one's
     * @return a new configuration with both, {@code other} winning
     */
    public Configuration with(Configuration other) {
        Map<String, Object> merged = new LinkedHashMap<>(values);
        merged.putAll(other.values);
        return new Configuration(merged);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Configuration c && values.equals(c.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
