package dev.vernier.api.tuning;

import dev.vernier.api.internal.Check;

/**
 * An integer parameter with inclusive bounds, optionally log-scaled (for sizes such as batch size
 * 1..4096). Immutable and thread-safe.
 *
 * @param name unique name
 * @param min smallest value (at least 1 when log-scaled)
 * @param max largest value, at least {@code min}
 * @param defaultValue default within bounds
 * @param logScale whether optimizers search it on a log scale
 * @param requiresRestart whether a change needs a restart
 * @param description what it does
 * @param role what it does in the system (default {@link ParameterRole#OTHER})
 */
public record IntParameter(String name, int min, int max, Integer defaultValue, boolean logScale,
                           boolean requiresRestart, String description, ParameterRole role) implements Parameter<Integer> {

    /** @throws IllegalArgumentException naming the field and value when invalid */
    public IntParameter {
        Check.notBlank("parameter.name", name);
        Check.notNull("parameter " + name + ": default", defaultValue);
        if (max < min) {
            throw new IllegalArgumentException("parameter " + name + ": max must be at least min (" + min + "), but was " + max);
        }
        if (logScale && min < 1) {
            throw new IllegalArgumentException("parameter " + name + ": min must be at least 1 on a log scale, but was " + min);
        }
        if (defaultValue < min || defaultValue > max) {
            throw new IllegalArgumentException("parameter " + name + ": default must be in [" + min + ", " + max + "], but was " + defaultValue);
        }
        description = description == null ? "" : description;
        role = role == null ? ParameterRole.OTHER : role;
    }

    /**
     * A parameter with role {@link ParameterRole#OTHER}.
     *
     * @throws IllegalArgumentException naming the field and value when invalid
     */
    public IntParameter(String name, int min, int max, Integer defaultValue, boolean logScale, boolean requiresRestart,
                        String description) {
        this(name, min, max, defaultValue, logScale, requiresRestart, description, ParameterRole.OTHER);
    }

    /** @return a log-scaled copy */
    public IntParameter logScaled() {
        return new IntParameter(name, min, max, defaultValue, true, requiresRestart, description, role);
    }

    /** @return a copy that needs a restart to change */
    public IntParameter restartRequired() {
        return new IntParameter(name, min, max, defaultValue, logScale, true, description, role);
    }

    /** @return a copy with this description */
    public IntParameter describedAs(String text) {
        return new IntParameter(name, min, max, defaultValue, logScale, requiresRestart, text, role);
    }

    /**
     * @param what the parameter's role in the system
     * @return a copy with that role
     * @throws IllegalArgumentException when {@code what} is null
     */
    public IntParameter withRole(ParameterRole what) {
        return new IntParameter(name, min, max, defaultValue, logScale, requiresRestart, description,
                Check.notNull("role", what));
    }

    @Override
    public Integer validate(Object value) {
        if (!(value instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
            throw new IllegalArgumentException("parameter " + name + " must be an integer, but was " + value);
        }
        long v = n.longValue();
        if (v < min || v > max) {
            throw new IllegalArgumentException("parameter " + name + " must be in [" + min + ", " + max + "], but was " + value);
        }
        return (int) v;
    }

    @Override
    public double toUnit(Object value) {
        int v = validate(value);
        if (max == min) {
            return 0;
        }
        // long arithmetic: max - min overflows int over the full range
        return logScale ? Math.log((double) v / min) / Math.log((double) max / min)
                : (double) ((long) v - min) / ((long) max - min);
    }

    @Override
    public Integer fromUnit(double unit) {
        double u = Math.max(0, Math.min(1, unit));
        double v = logScale ? min * Math.pow((double) max / min, u) : min + u * ((double) ((long) max - min));
        return (int) Math.max(min, Math.min(max, Math.round(v)));
    }
}
