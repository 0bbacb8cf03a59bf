package dev.vernier.junit;

import dev.vernier.api.internal.Check;
import dev.vernier.core.result.LatencySummary;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.stats.Comparison;
import dev.vernier.core.stats.Estimate;
import dev.vernier.core.stats.Figure;
import dev.vernier.core.stats.FigureChange;
import dev.vernier.core.stats.FigureSet;
import dev.vernier.core.stats.ResultStatistics;
import dev.vernier.core.stats.StatisticsConfig;
import dev.vernier.core.store.ResultStore;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/**
 * Fluent assertions on one result's figures ({@link ResultStatistics}). Each method returns
 * {@code this} or throws {@link AssertionFailedError} whose message names the figure, the
 * measured mean with its confidence interval, and the limit.
 *
 * <p>A latency percentile is checked against the percentile of the merged histogram of every
 * transaction the result covers (the latency phase, else the throughput phase): one meaning of a
 * percentile everywhere, never a mean of per-iteration percentiles, so one stalled iteration in six
 * cannot hide. Throughput and error rate are checked against their mean across iterations.
 * {@link #conservatively()} checks against the pessimistic side of the interval instead: the spread
 * across iterations (its Student-t half-width) added to the merged percentile, the upper bound of
 * the error rate, the lower bound of throughput; a pass then holds at the configured confidence. A
 * NaN figure (for example a latency percentile when nothing was due) always fails.
 *
 * <p>{@link #noRegressionAgainst} fails on REGRESSED figures only; INCONCLUSIVE ones pass, and the
 * failure message lists where the environments differ.
 *
 * <p>Immutable apart from lazily computed figures; not meant to be shared between threads.
 */
public final class ResultAssert {

    private final ScenarioResult result;
    private final StatisticsConfig config;
    private final boolean conservative;
    private FigureSet figures;

    ResultAssert(ScenarioResult result, StatisticsConfig config, boolean conservative) {
        this.result = Check.notNull("result", result);
        this.config = Check.notNull("config", config);
        this.conservative = conservative;
    }

    /** @return assertions that compare limits with the pessimistic bound of each interval */
    public ResultAssert conservatively() {
        return new ResultAssert(result, config, true);
    }

    /** @return the figures the assertions check */
    public FigureSet figures() {
        if (figures == null) {
            figures = ResultStatistics.of(result, config);
        }
        return figures;
    }

    /** Asserts the 99th-percentile latency is at most {@code limit}. */
    public ResultAssert p99AtMost(Duration limit) {
        return percentileAtMost(99, limit);
    }

    /**
     * Asserts a latency percentile of the merged histogram is at most {@code limit}.
     *
     * @param percentile e.g. 99.9; the result must report it
     * @param limit the largest acceptable latency
     * @return this
     * @throws IllegalArgumentException when {@code limit} is null
     * @throws AssertionFailedError when the percentile is above the limit, not reported or NaN
     */
    public ResultAssert percentileAtMost(double percentile, Duration limit) {
        Check.notNull("limit", limit);
        double limitMs = limit.toNanos() / 1e6;
        String figure = Figure.latency(percentile);
        LatencySummary merged = merged();
        double value = merged == null ? Double.NaN : merged.percentile(percentile);
        boolean reported = merged != null && merged.percentiles().stream().anyMatch(p -> p.percentile() == percentile);
        if (!reported && merged != null) {
            throw new AssertionFailedError(result.suite() + "/" + result.scenarioName() + ": " + figure
                    + " is not reported; reported: " + merged.percentiles().stream().map(p -> p.label()).toList());
        }
        double spread = 0;
        String interval = "";
        Estimate e = figures().figures().containsKey(figure) ? figures().estimate(figure) : null;
        if (conservative && (e == null || !e.hasInterval()) && !Double.isNaN(value)) {
            throw new AssertionFailedError(String.format(Locale.ROOT, "%s/%s: %s expected at most %.6g ms, was %s ms"
                    + " (the merged histogram), but there is no interval to check conservatively: measure 2 or"
                    + " more iterations", result.suite(), result.scenarioName(), figure, limitMs, fmt(value)));
        }
        if (conservative && e != null && !Double.isNaN(e.halfWidth())) {
            spread = e.halfWidth();
            interval = String.format(Locale.ROOT, " + %.3f ms (half the %.1f%% interval across %d iterations)",
                    spread, 100 * e.confidence(), e.n());
        }
        double checked = value + spread;
        if (!(checked <= limitMs)) {
            String why = Double.isNaN(value) ? " (no value: nothing was due?)" : "";
            throw new AssertionFailedError(String.format(Locale.ROOT,
                    "%s/%s: %s expected at most %.6g ms, but was %s ms%s (the merged histogram of %d transactions%s)"
                            + "%s%s", result.suite(), result.scenarioName(), figure, limitMs, fmt(value), interval,
                    merged == null ? 0 : merged.count(), merged != null && merged.lowerBounds() > 0
                            ? ", " + merged.lowerBounds() + " of them lower bounds for unanswered ones" : "",
                    e == null ? "" : "; the figure: " + e.format(), why), limitMs, checked);
        }
        return this;
    }

    /** @return the merged latency of the result: the latency phase's, else the throughput window's, or null */
    private LatencySummary merged() {
        if (result.latency() != null) {
            return result.latency().overall();
        }
        if (result.throughput() != null && result.throughput().latency() != null
                && !result.throughput().latency().percentiles().isEmpty()) {
            return result.throughput().latency();
        }
        return null;
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "NaN" : String.format(Locale.ROOT, "%.3f", v);
    }

    /** Asserts the throughput is at least {@code opsPerSecond} (ops/s). */
    public ResultAssert throughputAtLeast(double opsPerSecond) {
        Estimate e = estimate(Figure.THROUGHPUT);
        double value = conservative ? e.lower() : e.mean();
        if (!(value >= opsPerSecond)) {
            throw fail(Figure.THROUGHPUT, e, "ops/s", "at least", opsPerSecond);
        }
        return this;
    }

    /** Asserts the error rate (fraction of outcomes that did not commit, [0, 1]) is at most {@code fraction}. */
    public ResultAssert errorRateAtMost(double fraction) {
        if (!(fraction >= 0 && fraction <= 1)) {
            throw new IllegalArgumentException("fraction must be in [0, 1], but was " + fraction);
        }
        return atMost(Figure.ERROR_RATE, fraction, "fraction");
    }

    /**
     * Asserts no figure regressed against a named baseline in {@code store} (using the store's
     * statistics settings).
     *
     * @throws AssertionFailedError listing every regressed figure, or when the baseline is missing
     */
    public ResultAssert noRegressionAgainst(ResultStore store, String baselineName) {
        Comparison c;
        try {
            c = store.compareWithBaseline(result, baselineName);
        } catch (IllegalArgumentException e) {
            throw new AssertionFailedError(e.getMessage(), e);
        }
        return noRegression(c);
    }

    /** Asserts no figure regressed against {@code baseline}. */
    public ResultAssert noRegressionAgainst(ScenarioResult baseline) {
        return noRegression(ResultStatistics.compare(baseline, result, config));
    }

    private ResultAssert noRegression(Comparison c) {
        if (c.regressed()) {
            String env = c.environmentsDiffer() ? System.lineSeparator() + "(different environments: "
                    + String.join("; ", c.environmentDifferences()) + ")" : "";
            throw new AssertionFailedError(String.format(Locale.ROOT, "%s regressed against %s:%n%s%s",
                    c.candidate(), c.baseline(), c.regressions().stream().map(FigureChange::describe)
                            .collect(Collectors.joining(System.lineSeparator())), env));
        }
        return this;
    }

    private ResultAssert atMost(String figure, double limit, String unit) {
        Estimate e = estimate(figure);
        double value = conservative ? e.upper() : e.mean();
        if (!(value <= limit)) {
            throw fail(figure, e, unit, "at most", limit);
        }
        return this;
    }

    private Estimate estimate(String figure) {
        try {
            return figures().estimate(figure);
        } catch (IllegalArgumentException e) {
            throw new AssertionFailedError(result.suite() + "/" + result.scenarioName() + ": " + e.getMessage(), e);
        }
    }

    private AssertionFailedError fail(String figure, Estimate e, String unit, String relation, double limit) {
        String why = Double.isNaN(e.mean()) ? " (no value: nothing committed?)"
                : conservative && !e.hasInterval() ? " (no interval to check conservatively: measure 2 or more iterations)"
                : conservative ? " (checked against the pessimistic bound of the interval)" : "";
        if (unit.equals("fraction")) {
            return new AssertionFailedError(String.format(Locale.ROOT, "%s/%s: %s expected %s %.4f%%, but was %s%s",
                    result.suite(), result.scenario(), figure, relation, 100 * limit, e.formatAsPercent(), why),
                    limit, e.mean());
        }
        return new AssertionFailedError(String.format(Locale.ROOT, "%s/%s: %s expected %s %.6g %s, but was %s %s%s",
                result.suite(), result.scenario(), figure, relation, limit, unit, e.format(), unit, why),
                limit, e.mean());
    }
}
