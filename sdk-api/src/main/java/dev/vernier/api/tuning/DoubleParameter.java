package dev.vernier.api.tuning;

import dev.vernier.api.internal.Check;

/**
 * A real-valued parameter with inclusive bounds, optionally log-scaled. Immutable and thread-safe.
 *
 * @param name unique name
 * @param min smallest value (positive when log-scaled)
 * @param max largest value, at least {@code min}
 * @param defaultValue default within bounds
 * @param logScale whether optimizers search it on a log scale
 * @param requiresRestart whether a change needs a restart
 * @param description what it does
 * @param role what it does in the system (default {@link ParameterRole#OTHER})
 */
public record DoubleParameter(String name, double min, double max, Double defaultValue, boolean logScale,
                              boolean requiresRestart, String description, ParameterRole role)
        implements Parameter<Double> {

    /** @throws IllegalArgumentException naming the field and value when invalid */
    public DoubleParameter {
        Check.notBlank("parameter.name", name);
        Check.notNull("parameter " + name + ": default", defaultValue);
        if (!(max >= min) || Double.isInfinite(max) || Double.isInfinite(min)) {
            throw new IllegalArgumentException("parameter " + name + ": max must be finite and at least min (" + min + "), but was " + max);
        }
        if (Double.isInfinite(max - min)) {
            throw new IllegalArgumentException("parameter " + name + ": max - min must be finite (the unit mapping"
                    + " loses all precision otherwise), but was " + max + " - " + min);
        }
        if (logScale && !(min > 0)) {
            throw new IllegalArgumentException("parameter " + name + ": min must be positive on a log scale, but was " + min);
        }
        if (!(defaultValue >= min && defaultValue <= max)) {
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
    public DoubleParameter(String name, double min, double max, Double defaultValue, boolean logScale,
                           boolean requiresRestart, String description) {
        this(name, min, max, defaultValue, logScale, requiresRestart, description, ParameterRole.OTHER);
    }

    /** @return a log-scaled copy */
    public DoubleParameter logScaled() {
        return new DoubleParameter(name, min, max, defaultValue, true, requiresRestart, description, role);
    }

    /** @return a copy that needs a restart to change */
    public DoubleParameter restartRequired() {
        return new DoubleParameter(name, min, max, defaultValue, logScale, true, description, role);
    }

    /** @return a copy with this description */
    public DoubleParameter describedAs(String text) {
        return new DoubleParameter(name, min, max, defaultValue, logScale, requiresRestart, text, role);
    }

    /**
     * @param what the parameter's role in the system
     * @return a copy with that role
     * @throws IllegalArgumentException when {@code what} is null
     */
    public DoubleParameter withRole(ParameterRole what) {
        return new DoubleParameter(name, min, max, defaultValue, logScale, requiresRestart, description,
                Check.notNull("role", what));
    }

    @Override
    public Double validate(Object value) {
        if (!(value instanceof Number n)) {
            throw new IllegalArgumentException("parameter " + name + " must be a number, but was " + value);
        }
        double v = n.doubleValue();
        if (!(v >= min && v <= max)) {
            throw new IllegalArgumentException("parameter " + name + " must be in [" + min + ", " + max + "], but was " + value);
        }
        return v;
    }

    @Override
    public double toUnit(Object value) {
        double v = validate(value);
        if (max == min) {
            return 0;
        }
        return logScale ? Math.log(v / min) / Math.log(max / min) : (v - min) / (max - min);
    }

    @Override
    public Double fromUnit(double unit) {
        double u = Math.max(0, Math.min(1, unit));
        double v = logScale ? min * Math.pow(max / min, u) : min + u * (max - min);
        return Math.max(min, Math.min(max, v));
    }
}
