package dev.vernier.api.tuning;

/**
 * Optional capability of a {@link dev.vernier.api.ProtocolSuite}: parameters that can be read and
 * changed on the live system.
 *
 * <p>Implementations must be thread-safe: {@link #apply} is called while load runs.
 */
public interface Tunable {

    /** @return the parameters this system exposes */
    ParameterSpace parameterSpace();

    /** @return the values in force now, one per parameter */
    Configuration currentConfiguration();

    /**
     * Applies values to the live system. Parameters that need a restart restart what they must
     * before returning.
     *
     * @param changes values for some or all parameters, within bounds
     * @throws IllegalArgumentException for an unknown parameter or a value out of bounds
     * @throws Exception when the system could not apply them (the caller restores the last good
     *     configuration)
     */
    void apply(Configuration changes) throws Exception;
}
