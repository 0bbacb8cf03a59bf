package dev.vernier.benchmarks.tuning;

import java.util.Random;

/**
 * The noise of one seed, the same for every tuner: a slow drift of the offered load and the
 * machine (a sinusoid of the time, with a seeded phase) and independent noise per quarter-window
 * slot. A measurement of length {@code L} quarter slots starting at slot {@code s} averages the
 * noise of its slots, so a full window has the nominal noise and a half-window block
 * {@code sqrt(2)} times as much: a tuner that measures shorter blocks pays for it. Immutable after
 * construction.
 */
final class Noise {

    /** Sub-slots per window. */
    static final int SLOTS = 4;

    private final double[] throughputSlots;
    private final double[] p99Slots;
    private final double phase;
    private final double driftAmplitude;
    private final double driftPeriodWindows;

    /**
     * @param seed the seed
     * @param windows windows to cover (a little more is generated)
     * @param throughputNoise relative noise of one full window's throughput (0.04 = 4%)
     * @param p99Noise relative noise of one full window's p99
     * @param driftAmplitude relative amplitude of the drift (0.05 = +-5%)
     * @param driftPeriodWindows period of the drift, in windows
     */
    Noise(long seed, int windows, double throughputNoise, double p99Noise, double driftAmplitude,
          double driftPeriodWindows) {
        Random r = new Random(seed * 7_919L + 13);
        int n = (windows + 64) * SLOTS;
        throughputSlots = new double[n];
        p99Slots = new double[n];
        double perSlot = Math.sqrt(SLOTS);
        for (int i = 0; i < n; i++) {
            throughputSlots[i] = r.nextGaussian() * throughputNoise * perSlot;
            p99Slots[i] = r.nextGaussian() * p99Noise * perSlot;
        }
        this.phase = r.nextDouble() * 2 * Math.PI;
        this.driftAmplitude = driftAmplitude;
        this.driftPeriodWindows = driftPeriodWindows;
    }

    /** @return multiplicative drift at {@code slot} (offered load and machine; throughput up, latency down) */
    double drift(double slot) {
        return 1 + driftAmplitude * Math.sin(2 * Math.PI * slot / SLOTS / driftPeriodWindows + phase);
    }

    /** @return the mean relative throughput noise of slots [from, from + length) */
    double throughput(int from, int length) {
        return mean(throughputSlots, from, length);
    }

    /** @return the mean relative p99 noise of slots [from, from + length) */
    double p99(int from, int length) {
        return mean(p99Slots, from, length);
    }

    private static double mean(double[] v, int from, int length) {
        double s = 0;
        for (int i = from; i < from + length; i++) {
            s += v[Math.min(i, v.length - 1)];
        }
        return s / length;
    }
}
