package dev.vernier.core.stats;

/**
 * Settings for {@link ResultStatistics}: confidence level, practical-significance threshold,
 * bootstrap and steady-state rule. Immutable and thread-safe.
 *
 * <p>Defaults ({@link #defaults()}): 99.9% confidence (as JMH reports), a 2% practical threshold
 * (as Criterion.rs's noise threshold), 2,000 bootstrap resamples with seed 42, and a steady-state
 * window of 5 intervals whose coefficient of variation must be at most 0.10.
 *
 * <p>Iterations: with the default confidence, {@value #RECOMMENDED_ITERATIONS} iterations per run
 * detect a true 10% throughput change at least 80% of the time when the per-iteration noise has a
 * coefficient of variation up to 5% (measured by {@code ComparisonPowerTest}), while an A/A
 * comparison reports a regression well under 5% of the time. Configure
 * {@code Scenario.builder(..).iterations(StatisticsConfig.RECOMMENDED_ITERATIONS)}.
 *
 * @param confidence two-sided confidence level of intervals, in (0, 1); alpha of tests is 1 - confidence
 * @param practicalThreshold smallest relative change that counts as a change, as a fraction (0.02 = 2%), in [0, 1)
 * @param bootstrapResamples number of bootstrap resamples, at least 100
 * @param seed seed of the bootstrap's random generator
 * @param steadyWindow number of consecutive throughput intervals that must be stable, at least 2
 * @param steadyMaxCv largest coefficient of variation (stddev / mean) of a stable window, positive
 */
public record StatisticsConfig(double confidence, double practicalThreshold, int bootstrapResamples, long seed,
                               int steadyWindow, double steadyMaxCv) {

    /** Iterations per run that the defaults are calibrated for (see the class comment). */
    public static final int RECOMMENDED_ITERATIONS = 12;

    /** Validates every field. @throws IllegalArgumentException naming the field and its value */
    public StatisticsConfig {
        if (!(confidence > 0 && confidence < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1), but was " + confidence);
        }
        if (!(practicalThreshold >= 0 && practicalThreshold < 1)) {
            throw new IllegalArgumentException("practicalThreshold must be in [0, 1), but was " + practicalThreshold);
        }
        if (bootstrapResamples < 100) {
            throw new IllegalArgumentException("bootstrapResamples must be at least 100, but was " + bootstrapResamples);
        }
        if (steadyWindow < 2) {
            throw new IllegalArgumentException("steadyWindow must be at least 2, but was " + steadyWindow);
        }
        if (!(steadyMaxCv > 0)) {
            throw new IllegalArgumentException("steadyMaxCv must be positive, but was " + steadyMaxCv);
        }
    }

    /** @return the defaults described in the class comment */
    public static StatisticsConfig defaults() {
        return new StatisticsConfig(0.999, 0.02, 2000, 42, 5, 0.10);
    }

    /** @return alpha of significance tests, 1 - confidence */
    public double alpha() {
        return 1 - confidence;
    }

    /** @return a copy with another confidence level */
    public StatisticsConfig withConfidence(double value) {
        return new StatisticsConfig(value, practicalThreshold, bootstrapResamples, seed, steadyWindow, steadyMaxCv);
    }

    /** @return a copy with another practical threshold (fraction) */
    public StatisticsConfig withPracticalThreshold(double value) {
        return new StatisticsConfig(confidence, value, bootstrapResamples, seed, steadyWindow, steadyMaxCv);
    }

    /** @return a copy with another bootstrap seed */
    public StatisticsConfig withSeed(long value) {
        return new StatisticsConfig(confidence, practicalThreshold, bootstrapResamples, value, steadyWindow,
                steadyMaxCv);
    }

    /** @return a copy with another bootstrap resample count */
    public StatisticsConfig withBootstrapResamples(int value) {
        return new StatisticsConfig(confidence, practicalThreshold, value, seed, steadyWindow, steadyMaxCv);
    }

    /** @return a copy with another steady-state rule */
    public StatisticsConfig withSteadyState(int window, double maxCv) {
        return new StatisticsConfig(confidence, practicalThreshold, bootstrapResamples, seed, window, maxCv);
    }
}
