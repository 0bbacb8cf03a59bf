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

    /**
     * A view of this system that exposes only some of its parameters, for a tuning session that must
     * leave the others alone (for example batching but not election timeouts). Applying goes to this
     * system; a parameter outside the view is rejected.
     *
     * @param names parameter names of this space, at least one
     * @return the view; thread-safe as this system is
     * @throws IllegalArgumentException for an unknown name or none
     */
    default Tunable restrictedTo(String... names) {
        Tunable whole = this;
        ParameterSpace full = parameterSpace();
        if (names == null || names.length == 0) {
            throw new IllegalArgumentException("names must name at least one parameter, but was []");
        }
        Parameter<?>[] kept = new Parameter<?>[names.length];
        for (int i = 0; i < names.length; i++) {
            kept[i] = full.get(names[i]);
        }
        ParameterSpace space = ParameterSpace.of(kept);
        return new Tunable() {
            @Override
            public ParameterSpace parameterSpace() {
                return space;
            }

            @Override
            public Configuration currentConfiguration() {
                java.util.Map<String, Object> values = new java.util.LinkedHashMap<>();
                Configuration all = whole.currentConfiguration();
                for (Parameter<?> p : kept) {
                    values.put(p.name(), all.get(p.name()));
                }
                return new Configuration(values);
            }

            @Override
            public void apply(Configuration changes) throws Exception {
                whole.apply(space.validate(changes));
            }
        };
    }
}
