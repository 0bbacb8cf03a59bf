package dev.vernier.examples.cluster;

import dev.vernier.api.internal.Check;

/**
 * The link model of a {@link Network}: every directed link between two nodes has the same one-way
 * latency, jitter, bandwidth and loss probability. Links are FIFO (like TCP): a message never
 * overtakes an earlier one on the same link.
 *
 * <p>Immutable and thread-safe.
 *
 * @param latencyMicros one-way propagation latency in microseconds, 0 or more
 * @param jitterMicros extra uniformly random delay in [0, jitter] microseconds, 0 or more
 * @param bandwidthBytesPerSecond link bandwidth in bytes per second; a message occupies its link
 *     for {@code sizeBytes / bandwidth} seconds (serialisation delay), positive
 * @param lossProbability probability in [0, 1) that a message is silently dropped
 */
public record NetworkConfig(long latencyMicros, long jitterMicros, long bandwidthBytesPerSecond,
                            double lossProbability) {

    /** @throws IllegalArgumentException naming the field and value when one is invalid */
    public NetworkConfig {
        Check.nonNegative("network.latencyMicros", latencyMicros);
        Check.nonNegative("network.jitterMicros", jitterMicros);
        Check.positive("network.bandwidthBytesPerSecond", bandwidthBytesPerSecond);
        if (!(lossProbability >= 0 && lossProbability < 1)) {
            throw new IllegalArgumentException("network.lossProbability must be in [0, 1), but was " + lossProbability);
        }
    }

    /**
     * @return a data-centre-like default: 150 µs one-way latency, 50 µs jitter, 1 Gbit/s
     *     (125,000,000 bytes/s), no loss
     */
    public static NetworkConfig defaults() {
        return new NetworkConfig(150, 50, 125_000_000L, 0.0);
    }

    /** @return a copy with this one-way latency in microseconds */
    public NetworkConfig withLatencyMicros(long micros) {
        return new NetworkConfig(micros, jitterMicros, bandwidthBytesPerSecond, lossProbability);
    }

    /** @return a copy with this jitter in microseconds */
    public NetworkConfig withJitterMicros(long micros) {
        return new NetworkConfig(latencyMicros, micros, bandwidthBytesPerSecond, lossProbability);
    }

    /** @return a copy with this bandwidth in bytes per second */
    public NetworkConfig withBandwidthBytesPerSecond(long bytesPerSecond) {
        return new NetworkConfig(latencyMicros, jitterMicros, bytesPerSecond, lossProbability);
    }

    /** @return a copy with this loss probability in [0, 1) */
    public NetworkConfig withLossProbability(double probability) {
        return new NetworkConfig(latencyMicros, jitterMicros, bandwidthBytesPerSecond, probability);
    }
}
