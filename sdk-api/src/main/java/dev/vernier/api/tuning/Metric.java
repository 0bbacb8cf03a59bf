package dev.vernier.api.tuning;

/** Figures an {@link Objective} can optimise or constrain, with their units. */
public enum Metric {
    /** Successful transactions per second (ops/s). Higher is better. */
    THROUGHPUT(true, "ops/s"),
    /** Median latency in milliseconds. Lower is better. */
    P50_LATENCY_MS(false, "ms"),
    /** 95th percentile latency in milliseconds. Lower is better. */
    P95_LATENCY_MS(false, "ms"),
    /** 99th percentile latency in milliseconds. Lower is better. */
    P99_LATENCY_MS(false, "ms"),
    /** Mean latency in milliseconds. Lower is better. */
    MEAN_LATENCY_MS(false, "ms"),
    /** Share of transactions that failed, timed out or were refused, in [0, 1]. Lower is better. */
    ERROR_RATE(false, ""),
    /**
     * Process CPU time per committed operation, in microseconds (the process's CPU time over a window
     * divided by the operations it committed in it): what an operation costs the node, which makes
     * sense on production traffic, whose rate the node does not choose. Lower is better.
     */
    CPU_US_PER_OPERATION(false, "µs");

    private final boolean higherIsBetter;
    private final String unit;

    Metric(boolean higherIsBetter, String unit) {
        this.higherIsBetter = higherIsBetter;
        this.unit = unit;
    }

    /** @return true when larger values are better */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    /** @return the unit, e.g. "ms" */
    public String unit() {
        return unit;
    }
}
