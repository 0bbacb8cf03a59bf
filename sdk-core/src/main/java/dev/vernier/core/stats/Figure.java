package dev.vernier.core.stats;

/**
 * One headline figure of a result: per-iteration samples and their estimate. Immutable and
 * thread-safe (the arrays are copied in and out).
 *
 * @param name figure name, e.g. {@code "throughput"}, {@code "errorRate"}, {@code "latency.p99"}
 * @param unit unit of the samples: {@code "ops/s"}, {@code "ms"} or {@code "fraction"} (a share in
 *     [0, 1], shown as a percentage)
 * @param direction which way the figure improves
 * @param samples one value per measured iteration
 * @param estimate the figure with its interval: across iterations with two or more, within-run
 *     (batch means of the iteration's measurement intervals) with one, see {@link Estimate#basis()}
 * @param withinRunBatches with a single iteration, the batch values its within-run interval rests
 *     on ({@link BatchMeans}); empty otherwise or when the phase keeps no interval series
 */
public record Figure(String name, String unit, Direction direction, double[] samples, Estimate estimate,
                     double[] withinRunBatches) {

    /** Figure names. */
    public static final String THROUGHPUT = "throughput";
    /** Error share of all outcomes, [0, 1]. */
    public static final String ERROR_RATE = "errorRate";
    /** Mean latency of committed transactions. */
    public static final String LATENCY_MEAN = "latency.mean";

    /** Copies the arrays. */
    public Figure {
        samples = samples.clone();
        withinRunBatches = withinRunBatches.clone();
    }

    /** @return a copy of the samples */
    @Override
    public double[] samples() {
        return samples.clone();
    }

    /** @return a copy of the within-run batch values */
    @Override
    public double[] withinRunBatches() {
        return withinRunBatches.clone();
    }

    /** @return how changes of this figure are measured */
    public FigureChange.Scale scale() {
        return scaleOf(name);
    }

    /** @return the figure name of a latency percentile: 99 -> "latency.p99", 99.9 -> "latency.p99.9" */
    public static String latency(double percentile) {
        return "latency." + dev.vernier.core.result.Percentile.label(percentile);
    }

    /** @return how {@code figure} improves: only throughput improves upwards */
    public static Direction directionOf(String figure) {
        return figure.startsWith(THROUGHPUT) ? Direction.HIGHER_IS_BETTER : Direction.LOWER_IS_BETTER;
    }

    /**
     * @return {@link FigureChange.Scale#DIFFERENCE} for the error rate (a share, often 0, whose
     *     ratio is meaningless), {@link FigureChange.Scale#RATIO} for every positive figure
     */
    public static FigureChange.Scale scaleOf(String figure) {
        return figure.equals(ERROR_RATE) ? FigureChange.Scale.DIFFERENCE : FigureChange.Scale.RATIO;
    }
}
