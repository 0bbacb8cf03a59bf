package dev.vernier.api.tuning;

import dev.vernier.api.internal.Check;

/**
 * An on/off parameter, e.g. pipelining. Immutable and thread-safe.
 *
 * @param name unique name
 * @param defaultValue default
 * @param requiresRestart whether a change needs a restart
 * @param description what it does
 */
public record BooleanParameter(String name, Boolean defaultValue, boolean requiresRestart, String description)
        implements Parameter<Boolean> {

    /** @throws IllegalArgumentException when the name is blank */
    public BooleanParameter {
        Check.notBlank("parameter.name", name);
        Check.notNull("parameter " + name + ": default", defaultValue);
        description = description == null ? "" : description;
    }

    /** @return a copy with this description */
    public BooleanParameter describedAs(String text) {
        return new BooleanParameter(name, defaultValue, requiresRestart, text);
    }

    /** @return a copy that needs a restart to change */
    public BooleanParameter restartRequired() {
        return new BooleanParameter(name, defaultValue, true, description);
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
