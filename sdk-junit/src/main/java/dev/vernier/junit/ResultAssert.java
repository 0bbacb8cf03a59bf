package dev.vernier.junit;

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
 * <p>By default a limit is checked against the figure's value (for a latency percentile, the
 * percentile of the run's merged histogram); {@link #conservatively()} checks it against the
 * pessimistic bound of the interval instead (upper bound for latency and error rate, lower bound
 * for throughput), so a pass then holds at the configured confidence. A figure without an interval
 * (one iteration and no interval series) fails a conservative check, as does a NaN figure (for
 * example a latency percentile when nothing committed) any check.
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
        this.result = Objects.requireNonNull(result, "result");
        this.config = Objects.requireNonNull(config, "config");
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
     * Asserts a latency percentile is at most {@code limit}.
     *
     * @param percentile e.g. 99.9; the result must report it
     * @param limit the largest acceptable latency
     */
    public ResultAssert percentileAtMost(double percentile, Duration limit) {
        Objects.requireNonNull(limit, "limit");
        double limitMs = limit.toNanos() / 1e6;
        return atMost(Figure.latency(percentile), limitMs, "ms");
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
