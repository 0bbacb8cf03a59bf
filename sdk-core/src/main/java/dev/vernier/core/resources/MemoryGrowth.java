package dev.vernier.core.resources;

/**
 * Memory growth over a phase: the least-squares slope of the heap in use right after each GC
 * against time, which does not saw-tooth as raw heap does.
 *
 * <p>Immutable and thread-safe. Figures are {@code null} when there were fewer than three
 * post-GC points (see {@code note}).
 *
 * @param basis the metric regressed, {@link ResourceMetrics#HEAP_AFTER_GC}
 * @param points post-GC points in the regression
 * @param slopeBytesPerSecond the slope, bytes per second
 * @param slopeStdErr the slope's standard error, bytes per second
 * @param slopeCiLow95 lower bound of the slope's 95% confidence interval, bytes per second
 * @param slopeCiHigh95 upper bound of the slope's 95% confidence interval, bytes per second
 * @param pValue the significance of the slope (two-sided p-value of slope = 0)
 * @param rSquared the coefficient of determination
 * @param leakSuspected whether the slope is significant, its confidence interval above zero, and
 *     above the configured threshold
 * @param note why figures are missing, or {@code null}
 */
public record MemoryGrowth(String basis, int points, Double slopeBytesPerSecond, Double slopeStdErr,
        Double slopeCiLow95, Double slopeCiHigh95, Double pValue, Double rSquared, boolean leakSuspected,
        String note) {
}
