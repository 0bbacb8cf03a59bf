package dev.vernier.core.resources;

/**
 * What sampling itself cost: wall time and CPU time per sample, and the CPU share that gives at the
 * sampling interval.
 *
 * <p>Immutable and thread-safe. CPU time is the sampling thread's own CPU time
 * ({@code ThreadMXBean#getCurrentThreadCpuTime}); it is {@code null} where the JVM cannot measure it.
 *
 * @param samples samples measured
 * @param meanMicrosPerSample mean wall time to take one sample, microseconds
 * @param maxMicrosPerSample longest wall time to take one sample, microseconds
 * @param meanCpuMicrosPerSample mean CPU time of one sample, microseconds, or {@code null}
 * @param intervalMillis the sampling interval, milliseconds
 * @param cpuPercentOfOneCore mean CPU time per sample divided by the interval, percent of one core
 *     (wall time when CPU time is not measurable)
 */
public record SamplerCost(long samples, double meanMicrosPerSample, double maxMicrosPerSample,
        Double meanCpuMicrosPerSample, long intervalMillis, double cpuPercentOfOneCore) {

    /** @return a cost of no sample at all */
    public static SamplerCost none(long intervalMillis) {
        return new SamplerCost(0, 0, 0, null, intervalMillis, 0);
    }

    /**
     * @param intervalMillis another interval, milliseconds, positive
     * @return the CPU share, percent of one core, that this cost per sample would have at that interval
     */
    public double cpuPercentOfOneCoreAt(long intervalMillis) {
        if (intervalMillis <= 0) {
            throw new IllegalArgumentException("intervalMillis must be positive, but was " + intervalMillis);
        }
        double micros = meanCpuMicrosPerSample != null ? meanCpuMicrosPerSample : meanMicrosPerSample;
        return micros / (intervalMillis * 1000.0) * 100.0;
    }
}
