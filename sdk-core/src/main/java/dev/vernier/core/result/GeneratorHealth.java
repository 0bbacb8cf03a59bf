package dev.vernier.core.result;

/**
 * Whether the load generator held the schedule it was asked for. When it did not, the phase's rate
 * is the generator's limit, not the system's, and {@link #generatorLimited()} says so.
 * Immutable and thread-safe.
 *
 * @param intendedSends sends the schedule asked for (open model), including refused ones
 * @param lateSends sends made later than the lag threshold
 * @param refusedSends sends not made because the in-flight cap was reached
 * @param lagP50Micros scheduling lag median (actual minus intended start), µs
 * @param lagP99Micros scheduling lag 99th percentile, µs
 * @param lagMaxMicros largest scheduling lag, µs
 * @param generatorLimited true when lag p99 exceeded the threshold or too many sends were late or refused
 * @param verdict one sentence with the figures
 */
public record GeneratorHealth(long intendedSends, long lateSends, long refusedSends, double lagP50Micros,
                              double lagP99Micros, double lagMaxMicros, boolean generatorLimited, String verdict) {

    /** The closed model has no schedule to hold. */
    public static GeneratorHealth closedModel() {
        return new GeneratorHealth(0, 0, 0, 0, 0, 0, false, "closed model: no schedule");
    }
}
