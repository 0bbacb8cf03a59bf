package dev.vernier.api.tuning;

/**
 * A tunable parameter of a live system: integer, double, boolean or choice, each with bounds and a
 * default.
 *
 * <p>Parameters map their values to and from the unit interval so that optimizers can treat every
 * parameter alike ({@link #toUnit}, {@link #fromUnit}). Immutable and thread-safe.
 *
 * @param <T> the value type
 */
public sealed interface Parameter<T> permits IntParameter, DoubleParameter, BooleanParameter, ChoiceParameter {

    /** @return unique name within its space, e.g. {@code "maxBatchSize"} */
    String name();

    /** @return the default value */
    T defaultValue();

    /** @return true when a change only takes effect after a restart of the system */
    boolean requiresRestart();

    /** @return what the parameter does (and how a change takes effect) */
    String description();

    /**
     * @return what the parameter does in the system, for rule-based advice; {@link ParameterRole#OTHER}
     *     unless declared with {@code withRole}
     */
    ParameterRole role();

    /**
     * Checks and converts a value.
     *
     * @param value a value of this parameter's type (numbers are converted)
     * @return the value as {@code T}
     * @throws IllegalArgumentException naming the parameter and the value when out of bounds or of the wrong type
     */
    T validate(Object value);

    /**
     * @param value a valid value
     * @return its position in [0, 1] (log-scaled where the parameter says so)
     */
    double toUnit(Object value);

    /**
     * @param unit a position in [0, 1] (clamped)
     * @return the nearest valid value
     */
    T fromUnit(double unit);

    /**
     * @param name parameter name
     * @param min smallest value
     * @param max largest value
     * @param defaultValue default, within bounds
     * @return a linear integer parameter
     */
    static IntParameter integer(String name, int min, int max, int defaultValue) {
        return new IntParameter(name, min, max, defaultValue, false, false, "");
    }

    /**
     * @return a linear double parameter
     * @see #integer
     */
    static DoubleParameter real(String name, double min, double max, double defaultValue) {
        return new DoubleParameter(name, min, max, defaultValue, false, false, "");
    }

    /** @return a boolean parameter */
    static BooleanParameter bool(String name, boolean defaultValue) {
        return new BooleanParameter(name, defaultValue, false, "");
    }

    /** @return a parameter choosing among strings */
    static ChoiceParameter choice(String name, java.util.List<String> choices, String defaultValue) {
        return new ChoiceParameter(name, choices, defaultValue, false, "");
    }
}
