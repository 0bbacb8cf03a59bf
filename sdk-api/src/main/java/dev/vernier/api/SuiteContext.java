package dev.vernier.api;

import dev.vernier.api.internal.Check;

/**
 * What a suite is told when it is set up: the run's random seed (derive all randomness from it for
 * replayable runs), the clock Vernier measures with (use it for {@link TxOutcome} stage timestamps),
 * and the scenario's name.
 *
 * <p>Immutable and thread-safe.
 *
 * @param seed the scenario's random seed
 * @param clock the clock in nanoseconds used for every timestamp of the run
 * @param scenarioName the name of the scenario being run
 */
public record SuiteContext(long seed, NanoClock clock, String scenarioName) {

    /** @throws IllegalArgumentException if {@code clock} or {@code scenarioName} is null */
    public SuiteContext {
        Check.notNull("clock", clock);
        Check.notNull("scenarioName", scenarioName);
    }
}
