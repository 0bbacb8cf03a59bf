package dev.vernier.core.stats;

/**
 * Settings for {@link ResultStatistics}: the significance level of verdicts, the confidence level
 * of displayed intervals, the practical (noise) bands and the steady-state rule. Immutable and
 * thread-safe.
 *
 * <p>Defaults ({@link #defaults()}), chosen for the 1 to 4 iterations people actually run (the
 * reasoning and the calibration table are in {@code docs/statistics.md}):
 * <ul>
 *   <li>verdicts at {@code alpha} 0.05: a change interval at 95% must clear a noise band of
 *       ±2% ({@code practicalThreshold}) for IMPROVED or REGRESSED and lie inside it for UNCHANGED,
 *       as Criterion.rs decides (significance 0.05, noise threshold);</li>
 *   <li>error rate compared as a difference of shares with a band of ±0.001 (0.1 percentage
 *       point; a ratio of two small shares is mostly noise, and infinite from zero);</li>
 *   <li>figure intervals displayed at 95%; set 0.999 to display them as JMH does (display only:
 *       it never changes a verdict);</li>
 *   <li>steady state: a window of 5 intervals whose coefficient of variation is at most 0.10.</li>
 * </ul>
 *
 * <p>With the defaults and 5% run-to-run noise, A/A pairs are called changed at most 5% of the
 * time at every iteration count, a 2x change is detected every time from 2 iterations on and a
 * 10% change at least 80% of the time with {@value #RECOMMENDED_ITERATIONS} iterations (measured
 * by {@code CalibrationTest}).
 *
 * @param alpha significance level of verdicts, in (0, 0.5); change intervals are at {@code 1 - alpha}
 * @param displayConfidence confidence level of the intervals of single results' figures, in (0, 1)
 * @param practicalThreshold half-width of the noise band of relative changes, as a fraction
 *     (0.02 = ±2%), in [0, 1)
 * @param errorRateThreshold half-width of the noise band of error-rate changes, as a share
 *     (0.001 = ±0.1 percentage point), in [0, 1)
 * @param steadyWindow number of consecutive throughput intervals that must be stable, at least 2
 * @param steadyMaxCv largest coefficient of variation (stddev / mean) of a stable window, positive
 */
public record StatisticsConfig(double alpha, double displayConfidence, double practicalThreshold,
                               double errorRateThreshold, int steadyWindow, double steadyMaxCv) {

    /**
     * Iterations per run that detect a 10% change at least 80% of the time at 5% run-to-run noise
     * with the defaults. Two iterations already detect a 2x change; one iteration per side never
     * decides (its interval is within-run only).
     */
    public static final int RECOMMENDED_ITERATIONS = 12;

    /** Validates every field. @throws IllegalArgumentException naming the field and its value */
    public StatisticsConfig {
        if (!(alpha > 0 && alpha < 0.5)) {
            throw new IllegalArgumentException("alpha must be in (0, 0.5), but was " + alpha);
        }
        if (!(displayConfidence > 0 && displayConfidence < 1)) {
            throw new IllegalArgumentException("displayConfidence must be in (0, 1), but was " + displayConfidence);
        }
        if (!(practicalThreshold >= 0 && practicalThreshold < 1)) {
            throw new IllegalArgumentException("practicalThreshold must be in [0, 1), but was " + practicalThreshold);
        }
        if (!(errorRateThreshold >= 0 && errorRateThreshold < 1)) {
            throw new IllegalArgumentException("errorRateThreshold must be in [0, 1), but was " + errorRateThreshold);
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
        return new StatisticsConfig(0.05, 0.95, 0.02, 0.001, 5, 0.10);
    }

    /** @return confidence level of change intervals and verdicts, {@code 1 - alpha} */
    public double decisionConfidence() {
        return 1 - alpha;
    }

    /** @return a copy with another significance level of verdicts, in (0, 0.5) */
    public StatisticsConfig withAlpha(double value) {
        return new StatisticsConfig(value, displayConfidence, practicalThreshold, errorRateThreshold, steadyWindow,
                steadyMaxCv);
    }

    /** @return a copy with another confidence level of displayed figure intervals, in (0, 1) */
    public StatisticsConfig withDisplayConfidence(double value) {
        return new StatisticsConfig(alpha, value, practicalThreshold, errorRateThreshold, steadyWindow, steadyMaxCv);
    }

    /** @return a copy with another noise band of relative changes (fraction, in [0, 1)) */
    public StatisticsConfig withPracticalThreshold(double value) {
        return new StatisticsConfig(alpha, displayConfidence, value, errorRateThreshold, steadyWindow, steadyMaxCv);
    }

    /** @return a copy with another noise band of error-rate changes (share, in [0, 1)) */
    public StatisticsConfig withErrorRateThreshold(double value) {
        return new StatisticsConfig(alpha, displayConfidence, practicalThreshold, value, steadyWindow, steadyMaxCv);
    }

    /** @return a copy with another steady-state rule */
    public StatisticsConfig withSteadyState(int window, double maxCv) {
        return new StatisticsConfig(alpha, displayConfidence, practicalThreshold, errorRateThreshold, window, maxCv);
    }
}
