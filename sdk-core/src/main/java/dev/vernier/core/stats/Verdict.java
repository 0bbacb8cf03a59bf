package dev.vernier.core.stats;

/**
 * Outcome of comparing one figure of a candidate with a baseline. The change interval (at
 * {@code 1 - alpha}) is compared with the noise band (±{@code practicalThreshold}, or
 * ±{@code errorRateThreshold} for the error rate); see {@link FigureChange}.
 */
public enum Verdict {
    /** The whole change interval lies beyond the noise band, on the better side. */
    IMPROVED,
    /** The whole change interval lies beyond the noise band, on the worse side. */
    REGRESSED,
    /** The whole change interval lies inside the noise band: any change is too small to matter. */
    UNCHANGED,
    /**
     * The change interval reaches both inside and outside the noise band (too few iterations or
     * too much noise), or there is no run-to-run interval at all (one iteration on each side);
     * {@link FigureChange#detectableChange()} says how large a change these data could detect.
     */
    INCONCLUSIVE;

    /** @return true for {@link #IMPROVED} and {@link #REGRESSED} */
    public boolean changed() {
        return this == IMPROVED || this == REGRESSED;
    }
}
