package dev.vernier.core.alert;

import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * A figure an alert rule can watch, with its unit. Immutable and thread-safe.
 *
 * <p>Latencies are those of the interval's own histogram (for open models, from each transaction's
 * intended start); error rate is the failed share of the transactions that ended in the interval;
 * memory is heap used over the JVM's maximum heap.
 */
public enum AlertMetric {
    /** Committed transactions per second in the interval, ops/s. */
    THROUGHPUT("throughput", "throughput", "ops/s", AlertSample::throughputOpsPerSecond),
    /** Failed share of the transactions that ended in the interval, percent (0-100). */
    ERROR_RATE("error_rate", "error rate", "%", AlertSample::errorRatePercent),
    /** Median latency in the interval, ms. */
    LATENCY_P50("latency_p50", "p50 latency", "ms", AlertSample::p50Ms),
    /** 95th percentile latency in the interval, ms. */
    LATENCY_P95("latency_p95", "p95 latency", "ms", AlertSample::p95Ms),
    /** 99th percentile latency in the interval, ms. */
    LATENCY_P99("latency_p99", "p99 latency", "ms", AlertSample::p99Ms),
    /** Largest latency in the interval, ms. */
    LATENCY_MAX("latency_max", "max latency", "ms", AlertSample::maxMs),
    /** Process CPU, percent of all logical cores (0-100). */
    CPU("cpu", "process CPU", "%", AlertSample::cpuPercent),
    /** Heap in use over the maximum heap, percent (0-100). */
    MEMORY("memory", "heap used", "%", AlertSample::memoryPercent);

    private final String key;
    private final String label;
    private final String unit;
    private final ToDoubleFunction<AlertSample> value;

    AlertMetric(String key, String label, String unit, ToDoubleFunction<AlertSample> value) {
        this.key = key;
        this.label = label;
        this.unit = unit;
        this.value = value;
    }

    /** @return a stable identifier for JSON and URLs, e.g. {@code latency_p95} */
    public String key() {
        return key;
    }

    /** @return a name for people, e.g. "p95 latency" */
    public String label() {
        return label;
    }

    /** @return the unit of the metric's values and of thresholds on it: {@code ops/s}, {@code %} or {@code ms} */
    public String unit() {
        return unit;
    }

    /**
     * @param sample the figures of one interval
     * @return this metric's value in the sample, in {@link #unit()} (NaN when the sample has no data for it)
     */
    public double valueIn(AlertSample sample) {
        return value.applyAsDouble(sample);
    }

    /**
     * @param v a value of this metric
     * @return the value with its unit, e.g. "93.5 %", or "no data" for NaN
     */
    public String format(double v) {
        if (Double.isNaN(v)) {
            return "no data";
        }
        String number = Math.abs(v) >= 100 || v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v)
                : String.format(Locale.ROOT, "%.3g", v);
        return number + ("%".equals(unit) ? " %" : " " + unit);
    }

    /**
     * @param key an identifier as returned by {@link #key()}
     * @return the metric
     * @throws IllegalArgumentException naming the key and the known keys
     */
    public static AlertMetric ofKey(String key) {
        for (AlertMetric m : values()) {
            if (m.key.equals(key)) {
                return m;
            }
        }
        StringBuilder known = new StringBuilder();
        for (AlertMetric m : values()) {
            known.append(known.length() == 0 ? "" : ", ").append(m.key);
        }
        throw new IllegalArgumentException("metric must be one of " + known + ", but was '" + key + "'");
    }
}
