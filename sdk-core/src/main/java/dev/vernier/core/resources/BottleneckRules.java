package dev.vernier.core.resources;

import dev.vernier.api.internal.Check;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rules by which the RESOURCES phase reports bottlenecks. Defaults: average process CPU
 * above 80% of all cores is {@link Severity#HIGH}; heap-after-GC growth above 1 MB/s (1,000,000
 * bytes per second, significant at the 5% level) is {@link Severity#MEDIUM}; average network out
 * above 100 MB/s (100,000,000 bytes per second) is {@link Severity#MEDIUM}.
 *
 * <p>Immutable and thread-safe. Every threshold is configurable through {@link #builder()}, and
 * further {@link ThresholdRule}s may be added.
 *
 * @param rules threshold rules on metric statistics
 * @param memoryGrowthBytesPerSecond heap-after-GC slope above which memory growth is a bottleneck
 *     and a leak is suspected, bytes per second
 * @param memoryGrowthSeverity the severity of memory growth
 * @param significance the p-value under which a growth slope counts as real, in (0, 1)
 */
public record BottleneckRules(List<ThresholdRule> rules, double memoryGrowthBytesPerSecond,
        Severity memoryGrowthSeverity, double significance) {

    /** Default process CPU threshold, percent of all cores. */
    public static final double DEFAULT_PROCESS_CPU_PERCENT = 80.0;
    /** Default memory growth threshold, bytes per second (1 MB/s). */
    public static final double DEFAULT_MEMORY_GROWTH_BYTES_PER_SECOND = 1_000_000.0;
    /** Default network out threshold, bytes per second (100 MB/s). */
    public static final double DEFAULT_NETWORK_OUT_BYTES_PER_SECOND = 100_000_000.0;
    /** Default significance level of the memory growth slope. */
    public static final double DEFAULT_SIGNIFICANCE = 0.05;

    /** Validates and copies. */
    public BottleneckRules {
        rules = List.copyOf(Objects.requireNonNull(rules, "rules"));
        Check.nonNegative("memoryGrowthBytesPerSecond", memoryGrowthBytesPerSecond);
        Objects.requireNonNull(memoryGrowthSeverity, "memoryGrowthSeverity");
        if (!(significance > 0 && significance < 1)) {
            throw new IllegalArgumentException("significance must be in (0, 1), but was " + significance);
        }
    }

    /** @return the default rules */
    public static BottleneckRules defaults() {
        return builder().build();
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /** Builds {@link BottleneckRules}; validates each setting when given. Not thread-safe. */
    public static final class Builder {
        private final Map<String, ThresholdRule> rules = new LinkedHashMap<>();
        private double memoryGrowth = DEFAULT_MEMORY_GROWTH_BYTES_PER_SECOND;
        private Severity memorySeverity = Severity.MEDIUM;
        private double significance = DEFAULT_SIGNIFICANCE;

        private Builder() {
            rule(new ThresholdRule(ResourceMetrics.PROCESS_CPU, Statistic.AVERAGE,
                    DEFAULT_PROCESS_CPU_PERCENT, Severity.HIGH));
            rule(new ThresholdRule(ResourceMetrics.NET_BYTES_OUT, Statistic.AVERAGE,
                    DEFAULT_NETWORK_OUT_BYTES_PER_SECOND, Severity.MEDIUM));
        }

        /**
         * @param percent average process CPU, percent of all cores, above which the process is CPU
         *     bound; in [0, 100]
         * @return this builder
         */
        public Builder processCpuPercent(double percent) {
            if (!(percent >= 0 && percent <= 100)) {
                throw new IllegalArgumentException("processCpuPercent must be in [0, 100], but was " + percent);
            }
            ThresholdRule old = rules.get(key(ResourceMetrics.PROCESS_CPU, Statistic.AVERAGE));
            return rule(new ThresholdRule(ResourceMetrics.PROCESS_CPU, Statistic.AVERAGE, percent,
                    old == null ? Severity.HIGH : old.severity()));
        }

        /**
         * @param bytesPerSecond average network out, bytes per second, above which the network is
         *     a bottleneck; not negative
         * @return this builder
         */
        public Builder networkOutBytesPerSecond(double bytesPerSecond) {
            Check.nonNegative("networkOutBytesPerSecond", bytesPerSecond);
            ThresholdRule old = rules.get(key(ResourceMetrics.NET_BYTES_OUT, Statistic.AVERAGE));
            return rule(new ThresholdRule(ResourceMetrics.NET_BYTES_OUT, Statistic.AVERAGE, bytesPerSecond,
                    old == null ? Severity.MEDIUM : old.severity()));
        }

        /**
         * @param bytesPerSecond heap-after-GC slope, bytes per second, above which memory growth is
         *     reported; not negative
         * @return this builder
         */
        public Builder memoryGrowthBytesPerSecond(double bytesPerSecond) {
            Check.nonNegative("memoryGrowthBytesPerSecond", bytesPerSecond);
            this.memoryGrowth = bytesPerSecond;
            return this;
        }

        /**
         * @param severity the severity of memory growth; default {@link Severity#MEDIUM}
         * @return this builder
         */
        public Builder memoryGrowthSeverity(Severity severity) {
            this.memorySeverity = Objects.requireNonNull(severity, "memoryGrowthSeverity");
            return this;
        }

        /**
         * @param alpha the p-value under which a growth slope counts as real; in (0, 1); default 0.05
         * @return this builder
         */
        public Builder significance(double alpha) {
            if (!(alpha > 0 && alpha < 1)) {
                throw new IllegalArgumentException("significance must be in (0, 1), but was " + alpha);
            }
            this.significance = alpha;
            return this;
        }

        /**
         * Adds a rule, replacing any rule on the same metric and statistic.
         *
         * @param rule the rule
         * @return this builder
         */
        public Builder rule(ThresholdRule rule) {
            Objects.requireNonNull(rule, "rule");
            rules.put(key(rule.metric(), rule.statistic()), rule);
            return this;
        }

        /**
         * Removes every threshold rule (the defaults included); memory growth stays.
         *
         * @return this builder
         */
        public Builder clearRules() {
            rules.clear();
            return this;
        }

        /** @return the rules */
        public BottleneckRules build() {
            return new BottleneckRules(new ArrayList<>(rules.values()), memoryGrowth, memorySeverity, significance);
        }

        private static String key(String metric, Statistic statistic) {
            return metric + '\u0000' + statistic;
        }
    }
}
