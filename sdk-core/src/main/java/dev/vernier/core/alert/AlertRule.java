package dev.vernier.core.alert;

import dev.vernier.api.internal.Check;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * A condition on one metric that must hold for a duration before it raises an alert: "p95 latency
 * above 1000 ms for 10 s is critical". Evaluated by an {@link AlertEngine}.
 *
 * <pre>{@code
 * AlertRule rule = AlertRule.builder("High Latency")
 *         .metric(AlertMetric.LATENCY_P95).above(1000)        // ms
 *         .forDuration(Duration.ofSeconds(10))
 *         .severity(AlertSeverity.CRITICAL)
 *         .abortOnFail()                                        // stop the run when it fires
 *         .build();
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 *
 * @param name a unique name for people, e.g. "High CPU Usage"
 * @param metric the figure watched
 * @param comparator how the figure is compared with the threshold
 * @param threshold the limit, in the metric's {@link AlertMetric#unit() unit}; finite
 * @param forDuration how long the condition must hold, at every evaluation, before the alert fires;
 *     zero fires at the first evaluation that breaches
 * @param severity how much the alert matters
 * @param abortOnFail whether the engine calls its abort action when the alert fires (k6's
 *     {@code abortOnFail})
 */
public record AlertRule(String name, AlertMetric metric, AlertComparator comparator, double threshold,
                        Duration forDuration, AlertSeverity severity, boolean abortOnFail) {

    /** Validates every field. */
    public AlertRule {
        Check.notBlank("name", name);
        Check.notNull("metric", metric);
        Check.notNull("comparator", comparator);
        if (!Double.isFinite(threshold)) {
            throw new IllegalArgumentException("threshold must be finite, but was " + threshold);
        }
        Check.nonNegative("forDuration", forDuration);
        Check.notNull("severity", severity);
    }

    /**
     * @param name a unique name for people
     * @return a builder: comparator {@link AlertComparator#ABOVE}, for-duration zero, severity
     *     {@link AlertSeverity#WARNING}, no abort; metric and threshold must be set
     * @throws IllegalArgumentException when the name is null or blank
     */
    public static Builder builder(String name) {
        return new Builder(Check.notBlank("name", name));
    }

    /**
     * The five rules of the source documents' performance monitor:
     * <ul>
     *   <li>High CPU Usage: process CPU &gt; 80 % for 30 s, warning</li>
     *   <li>High Memory Usage: heap &gt; 85 % of maximum for 30 s, warning</li>
     *   <li>High Latency: p95 &gt; 1000 ms for 10 s, critical</li>
     *   <li>High Error Rate: errors &gt; 5 % for 10 s, critical</li>
     *   <li>Low Throughput: &lt; 10 ops/s for 60 s, warning</li>
     * </ul>
     * None aborts the run.
     *
     * @return the default rules, in that order
     */
    public static List<AlertRule> defaults() {
        return List.of(
                builder("High CPU Usage").metric(AlertMetric.CPU).above(80)
                        .forDuration(Duration.ofSeconds(30)).severity(AlertSeverity.WARNING).build(),
                builder("High Memory Usage").metric(AlertMetric.MEMORY).above(85)
                        .forDuration(Duration.ofSeconds(30)).severity(AlertSeverity.WARNING).build(),
                builder("High Latency").metric(AlertMetric.LATENCY_P95).above(1000)
                        .forDuration(Duration.ofSeconds(10)).severity(AlertSeverity.CRITICAL).build(),
                builder("High Error Rate").metric(AlertMetric.ERROR_RATE).above(5)
                        .forDuration(Duration.ofSeconds(10)).severity(AlertSeverity.CRITICAL).build(),
                builder("Low Throughput").metric(AlertMetric.THROUGHPUT).below(10)
                        .forDuration(Duration.ofSeconds(60)).severity(AlertSeverity.WARNING).build());
    }

    /**
     * @param value a value of the rule's metric (NaN: no data)
     * @return whether the value breaches the threshold (never for NaN)
     */
    public boolean breachedBy(double value) {
        return comparator.breached(value, threshold);
    }

    /** @return the condition for people, e.g. "> 80 % for 30 s" */
    public String condition() {
        String limit = metric.format(threshold);
        String held = forDuration.isZero() ? "" : " for "
                + BigDecimal.valueOf(forDuration.toNanos(), 9).stripTrailingZeros().toPlainString() + " s";
        return comparator.symbol() + " " + limit + held;
    }

    /**
     * Settings of a rule, each checked when given; {@link #build()} checks that the metric and the
     * threshold were set. Not thread-safe.
     */
    public static final class Builder {
        private final String name;
        private AlertMetric metric;
        private AlertComparator comparator = AlertComparator.ABOVE;
        private Double threshold;
        private Duration forDuration = Duration.ZERO;
        private AlertSeverity severity = AlertSeverity.WARNING;
        private boolean abortOnFail;

        private Builder(String name) {
            this.name = name;
        }

        /** @param metric the figure to watch */
        public Builder metric(AlertMetric metric) {
            this.metric = Check.notNull("metric", metric);
            return this;
        }

        /**
         * @param comparator how to compare
         * @param threshold the limit in the metric's unit, finite
         * @return this builder
         * @throws IllegalArgumentException for a null comparator or a threshold that is not finite
         */
        public Builder when(AlertComparator comparator, double threshold) {
            this.comparator = Check.notNull("comparator", comparator);
            if (!Double.isFinite(threshold)) {
                throw new IllegalArgumentException("threshold must be finite, but was " + threshold);
            }
            this.threshold = threshold;
            return this;
        }

        /** @param threshold fires when the value is greater, in the metric's unit */
        public Builder above(double threshold) {
            return when(AlertComparator.ABOVE, threshold);
        }

        /** @param threshold fires when the value is smaller, in the metric's unit */
        public Builder below(double threshold) {
            return when(AlertComparator.BELOW, threshold);
        }

        /**
         * @param duration how long the condition must hold before firing; not negative (default zero)
         * @return this builder
         * @throws IllegalArgumentException naming {@code forDuration} and the value
         */
        public Builder forDuration(Duration duration) {
            this.forDuration = Check.nonNegative("forDuration", duration);
            return this;
        }

        /** @param severity how much the alert matters (default {@link AlertSeverity#WARNING}) */
        public Builder severity(AlertSeverity severity) {
            this.severity = Check.notNull("severity", severity);
            return this;
        }

        /** The engine calls its abort action when this rule fires. */
        public Builder abortOnFail() {
            return abortOnFail(true);
        }

        /** @param abort whether the engine calls its abort action when this rule fires (default false) */
        public Builder abortOnFail(boolean abort) {
            this.abortOnFail = abort;
            return this;
        }

        /**
         * @return the rule
         * @throws IllegalStateException when the metric or the threshold was not set
         */
        public AlertRule build() {
            if (metric == null) {
                throw new IllegalStateException("rule '" + name + "': metric must be set");
            }
            if (threshold == null) {
                throw new IllegalStateException("rule '" + name + "': threshold must be set (above, below or when)");
            }
            return new AlertRule(name, metric, comparator, threshold, forDuration, severity, abortOnFail);
        }
    }
}
