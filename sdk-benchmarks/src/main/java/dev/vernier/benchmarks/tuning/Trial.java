package dev.vernier.benchmarks.tuning;

import dev.vernier.api.tuning.Configuration;

import java.util.ArrayList;
import java.util.List;

/**
 * One tuner on one simulated system with one seed: a simulated clock in quarter-window slots, the
 * seed's noise, and every measurement the tuner made (which configuration, when, for how long).
 * Not thread-safe.
 */
final class Trial {

    /** One measurement: {@code length} slots of {@code config} starting at slot {@code from}. */
    record Visit(int from, int length, Configuration config) {
    }

    /** What a measurement showed. */
    record Measured(double throughput, double p99) {
    }

    final SimulatedSystem system;
    private final Noise noise;
    private final int budgetSlots;
    private final List<Visit> visits = new ArrayList<>();
    private int slot;

    Trial(SimulatedSystem system, Noise noise, int budgetWindows) {
        this.system = system;
        this.noise = noise;
        this.budgetSlots = budgetWindows * Noise.SLOTS;
    }

    /** @return whether a measurement of {@code lengthSlots} still fits in the budget */
    boolean fits(int lengthSlots) {
        return slot + lengthSlots <= budgetSlots;
    }

    /** Measures {@code config} for {@code lengthSlots} quarter windows. */
    Measured measure(Configuration config, int lengthSlots) {
        double drift = noise.drift(slot + lengthSlots / 2.0);
        double t = system.throughput().applyAsDouble(config) * drift * Math.exp(noise.throughput(slot, lengthSlots));
        double p = system.p99().applyAsDouble(config) / drift * Math.exp(noise.p99(slot, lengthSlots));
        visits.add(new Visit(slot, lengthSlots, config));
        slot += lengthSlots;
        return new Measured(t, p);
    }

    List<Visit> visits() {
        return List.copyOf(visits);
    }

    /** @return windows (fractional) until a truly feasible configuration within 5% of the optimum was first measured; NaN when never */
    double windowsToWithin5Percent() {
        for (Visit v : visits) {
            if (system.share(v.config()) >= 0.95 && !system.pastCliff().test(v.config())) {
                return (v.from() + v.length()) / (double) Noise.SLOTS;
            }
        }
        return Double.NaN;
    }

    /** @return share of the measured time spent in configurations that truly break a constraint or sit past the cliff */
    double violatingShare() {
        int bad = 0;
        int all = 0;
        for (Visit v : visits) {
            all += v.length();
            if (system.violates(v.config())) {
                bad += v.length();
            }
        }
        return all == 0 ? 0 : (double) bad / all;
    }

    /** @return the best share of the optimum among measured configurations */
    double bestReached() {
        double best = 0;
        for (Visit v : visits) {
            best = Math.max(best, system.share(v.config()));
        }
        return best;
    }
}
