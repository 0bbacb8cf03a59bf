package dev.vernier.api.tuning;

import dev.vernier.api.internal.Check;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The ordered set of parameters a {@link Tunable} system exposes. Immutable and thread-safe.
 */
public final class ParameterSpace {

    private final Map<String, Parameter<?>> byName;

    private ParameterSpace(Map<String, Parameter<?>> byName) {
        this.byName = byName;
    }

    /**
     * @param parameters the parameters, names unique
     * @return the space
     * @throws IllegalArgumentException when empty or a name repeats
     */
    public static ParameterSpace of(Parameter<?>... parameters) {
        Check.notNull("parameters", parameters);
        if (parameters.length == 0) {
            throw new IllegalArgumentException("parameters must not be empty, but was []");
        }
        Map<String, Parameter<?>> map = new LinkedHashMap<>();
        for (Parameter<?> p : parameters) {
            Check.notNull("parameter", p);
            if (map.put(p.name(), p) != null) {
                throw new IllegalArgumentException("parameter names must be unique, but '" + p.name() + "' repeats");
            }
        }
        return new ParameterSpace(java.util.Collections.unmodifiableMap(map));
    }

    /** @return the parameters in declaration order */
    public List<Parameter<?>> parameters() {
        return List.copyOf(byName.values());
    }

    /** @return the number of parameters */
    public int size() {
        return byName.size();
    }

    /** @return the parameter with that name, if any */
    public Optional<Parameter<?>> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /**
     * @param name a parameter name
     * @return the parameter
     * @throws IllegalArgumentException for an unknown name
     */
    public Parameter<?> get(String name) {
        Parameter<?> p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("unknown parameter '" + name + "'; known: " + byName.keySet());
        }
        return p;
    }

    /** @return the configuration of every default value */
    public Configuration defaults() {
        Map<String, Object> values = new LinkedHashMap<>();
        byName.values().forEach(p -> values.put(p.name(), p.defaultValue()));
        return new Configuration(values);
    }

    /**
     * Validates a configuration against this space.
     *
     * @param configuration values by name; each name must exist and each value be in bounds
     * @return the same configuration with values converted to each parameter's type
     * @throws IllegalArgumentException naming the parameter and the value
     */
    public Configuration validate(Configuration configuration) {
        Map<String, Object> values = new LinkedHashMap<>();
        configuration.values().forEach((k, v) -> values.put(k, get(k).validate(v)));
        return new Configuration(values);
    }

    /**
     * @param configuration a full or partial configuration
     * @return one coordinate in [0, 1] per parameter, in declaration order (defaults fill gaps)
     */
    public double[] toUnit(Configuration configuration) {
        double[] x = new double[byName.size()];
        int i = 0;
        for (Parameter<?> p : byName.values()) {
            Object v = configuration.values().getOrDefault(p.name(), p.defaultValue());
            x[i++] = p.toUnit(v);
        }
        return x;
    }

    /**
     * @param unit one coordinate per parameter in declaration order
     * @return the nearest valid configuration
     * @throws IllegalArgumentException when the length differs from {@link #size()}
     */
    public Configuration fromUnit(double[] unit) {
        if (unit.length != byName.size()) {
            throw new IllegalArgumentException("unit must have " + byName.size() + " coordinates, but had " + unit.length);
        }
        Map<String, Object> values = new LinkedHashMap<>();
        int i = 0;
        for (Parameter<?> p : byName.values()) {
            values.put(p.name(), p.fromUnit(unit[i++]));
        }
        return new Configuration(values);
    }

    @Override
    public String toString() {
        return "ParameterSpace" + byName.values();
    }
}
