package dev.vernier.api.tuning;

import dev.vernier.api.internal.Check;
import java.util.List;

/**
 * A parameter choosing one of a fixed list of strings. Immutable and thread-safe.
 *
 * @param name unique name
 * @param choices the allowed values, at least one, no duplicates
 * @param defaultValue one of the choices
 * @param requiresRestart whether a change needs a restart
 * @param description what it does
 * @param role what it does in the system (default {@link ParameterRole#OTHER})
 */
public record ChoiceParameter(String name, List<String> choices, String defaultValue, boolean requiresRestart,
                              String description, ParameterRole role) implements Parameter<String> {

    /** @throws IllegalArgumentException naming the field and value when invalid */
    public ChoiceParameter {
        Check.notBlank("parameter.name", name);
        Check.notNull("parameter " + name + ": choices", choices);
        choices = List.copyOf(choices);
        if (choices.isEmpty() || choices.size() != choices.stream().distinct().count()) {
            throw new IllegalArgumentException("parameter " + name + ": choices must be non-empty and distinct, but was " + choices);
        }
        if (!choices.contains(defaultValue)) {
            throw new IllegalArgumentException("parameter " + name + ": default must be one of " + choices + ", but was " + defaultValue);
        }
        description = description == null ? "" : description;
        role = role == null ? ParameterRole.OTHER : role;
    }

    /**
     * A parameter with role {@link ParameterRole#OTHER}.
     *
     * @throws IllegalArgumentException naming the field and value when invalid
     */
    public ChoiceParameter(String name, List<String> choices, String defaultValue, boolean requiresRestart,
                           String description) {
        this(name, choices, defaultValue, requiresRestart, description, ParameterRole.OTHER);
    }

    /**
     * @param what the parameter's role in the system
     * @return a copy with that role
     * @throws IllegalArgumentException when {@code what} is null
     */
    public ChoiceParameter withRole(ParameterRole what) {
        return new ChoiceParameter(name, choices, defaultValue, requiresRestart, description, Check.notNull("role", what));
    }

    @Override
    public String validate(Object value) {
        if (!(value instanceof String s) || !choices.contains(s)) {
            throw new IllegalArgumentException("parameter " + name + " must be one of " + choices + ", but was " + value);
        }
        return s;
    }

    @Override
    public double toUnit(Object value) {
        int i = choices.indexOf(validate(value));
        return choices.size() == 1 ? 0 : (double) i / (choices.size() - 1);
    }

    @Override
    public String fromUnit(double unit) {
        double u = Math.max(0, Math.min(1, unit));
        return choices.get((int) Math.round(u * (choices.size() - 1)));
    }
}
