package dev.vernier.junit;

import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.stats.StatisticsConfig;

/**
 * Entry point of the fluent performance assertions:
 *
 * <pre>{@code
 * assertThat(result)
 *     .p99AtMost(Duration.ofMillis(50))
 *     .throughputAtLeast(10_000)
 *     .errorRateAtMost(0.01)
 *     .noRegressionAgainst(store, "main");
 * }</pre>
 *
 * Stateless and thread-safe.
 */
public final class PerformanceAssertions {

    private PerformanceAssertions() {
    }

    /** @return assertions on {@code result} with {@link StatisticsConfig#defaults()} */
    public static ResultAssert assertThat(ScenarioResult result) {
        return new ResultAssert(result, StatisticsConfig.defaults(), false);
    }

    /** @return assertions on {@code result} with the given statistics settings */
    public static ResultAssert assertThat(ScenarioResult result, StatisticsConfig config) {
        return new ResultAssert(result, config, false);
    }
}
