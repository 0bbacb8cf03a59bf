package dev.vernier.core.stats;

/**
 * One headline figure of a result: per-iteration samples and their estimate. Immutable and
 * thread-safe (the samples are copied in and out).
 *
 * @param name figure name, e.g. {@code "throughput"}, {@code "errorRate"}, {@code "latency.p99"}
 * @param unit unit of the samples: {@code "ops/s"}, {@code "ms"} or {@code "fraction"}
 * @param direction which way the figure improves
 * @param samples one value per measured iteration
 * @param estimate Student-t estimate of the mean of the samples
 * @param bootstrap seeded percentile-bootstrap interval of the mean over steady-state throughput
 *     intervals (latency p50/p95/p99 only), or null when there are no intervals
 */
public record Figure(String name, String unit, Direction direction, double[] samples, Estimate estimate,
                     Estimate bootstrap) {

    /** Copies the samples. */
    public Figure {
        samples = samples.clone();
    }

    /** @return a copy of the samples */
    @Override
    public double[] samples() {
        return samples.clone();
    }

    /** Figure names. */
    public static final String THROUGHPUT = "throughput";
    /** Error share of all outcomes, [0, 1]. */
    public static final String ERROR_RATE = "errorRate";

    /** @return the figure name of a latency percentile: 99 -> "latency.p99", 99.9 -> "latency.p99.9" */
    public static String latency(double percentile) {
        return "latency." + dev.vernier.core.result.Percentile.label(percentile);
    }

    /** @return how {@code figure} improves: only throughput improves upwards */
    public static Direction directionOf(String figure) {
        return figure.startsWith(THROUGHPUT) ? Direction.HIGHER_IS_BETTER : Direction.LOWER_IS_BETTER;
    }
}
