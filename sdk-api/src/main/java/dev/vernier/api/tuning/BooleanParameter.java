package dev.vernier.api.tuning;

import dev.vernier.api.internal.Check;

/**
 * An on/off parameter, e.g. pipelining. Immutable and thread-safe.
 *
 * @param name unique name
 * @param defaultValue default
 * @param requiresRestart whether a change needs a restart
 * @param description what it does
 * @param role what it does in the system (default {@link ParameterRole#OTHER}), e.g.
 *     {@link ParameterRole#PIPELINE_WINDOW} for pipelining on/off
 */
public record BooleanParameter(String name, Boolean defaultValue, boolean requiresRestart, String description,
                               ParameterRole role) implements Parameter<Boolean> {

    /** @throws IllegalArgumentException when the name is blank */
    public BooleanParameter {
        Check.notBlank("parameter.name", name);
        Check.notNull("parameter " + name + ": default", defaultValue);
        description = description == null ? "" : description;
        role = role == null ? ParameterRole.OTHER : role;
    }

    /**
     * A parameter with role {@link ParameterRole#OTHER}.
     *
     * @throws IllegalArgumentException when the name is blank
     */
    public BooleanParameter(String name, Boolean defaultValue, boolean requiresRestart, String description) {
        this(name, defaultValue, requiresRestart, description, ParameterRole.OTHER);
    }

    /** @return a copy with this description */
    public BooleanParameter describedAs(String text) {
        return new BooleanParameter(name, defaultValue, requiresRestart, text, role);
    }

    /**
     * @param what the parameter's role in the system
     * @return a copy with that role
     * @throws IllegalArgumentException when {@code what} is null
     */
    public BooleanParameter withRole(ParameterRole what) {
        return new BooleanParameter(name, defaultValue, requiresRestart, description, Check.notNull("role", what));
    }

    /** @return a copy that needs a restart to change */
    public BooleanParameter restartRequired() {
        return new BooleanParameter(name, defaultValue, true, description, role);
    }

    @Override
    public Boolean validate(Object value) {
        if (!(value instanceof Boolean b)) {
            throw new IllegalArgumentException("parameter " + name + " must be a boolean, but was " + value);
        }
        return b;
    }

    @Override
    public double toUnit(Object value) {
        return validate(value) ? 1 : 0;
    }

    @Override
    public Boolean fromUnit(double unit) {
        return unit >= 0.5;
    }
}
