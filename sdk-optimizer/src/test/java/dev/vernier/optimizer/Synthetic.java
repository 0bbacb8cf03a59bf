package dev.vernier.optimizer;

import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Metric;
import dev.vernier.api.tuning.Parameter;
import dev.vernier.api.tuning.ParameterRole;
import dev.vernier.api.tuning.ParameterSpace;
import dev.vernier.api.tuning.Tunable;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/** Synthetic system for tests: a tunable with a known throughput function and seeded noise. */
final class Synthetic implements Tunable {

    static final ParameterSpace SPACE = ParameterSpace.of(
            Parameter.integer("maxBatchSize", 1, 4096, 8).logScaled().withRole(ParameterRole.BATCH_SIZE),
            Parameter.bool("pipelining", false).withRole(ParameterRole.PIPELINE_WINDOW));

    /** Peak at batch 128 (log2 = 7) with pipelining on: 13,000 ops/s. */
    static double throughput(Configuration c) {
        double d = Math.log(c.getInt("maxBatchSize")) / Math.log(2) - 7;
        return 10_000 * Math.exp(-d * d / 8) * (c.getBoolean("pipelining") ? 1.3 : 1.0);
    }

    static double gridOptimum(ToDoubleFunction<Configuration> f) {
        double best = Double.NEGATIVE_INFINITY;
        for (int b = 1; b <= 4096; b++) {
            for (boolean p : new boolean[] {false, true}) {
                best = Math.max(best, f.applyAsDouble(new Configuration(Map.of("maxBatchSize", b, "pipelining", p))));
            }
        }
        return best;
    }

    final List<Configuration> applied = new ArrayList<>();
    private final ParameterSpace space;
    private Configuration current;

    Synthetic() {
        this(SPACE);
    }

    Synthetic(ParameterSpace space) {
        this.space = space;
        this.current = space.defaults();
    }

    @Override
    public ParameterSpace parameterSpace() {
        return space;
    }

    @Override
    public Configuration currentConfiguration() {
        return current;
    }

    @Override
    public void apply(Configuration changes) {
        current = space.validate(current.with(changes));
        applied.add(current);
    }

    /** A measurer of {@code f} with multiplicative Gaussian noise {@code noise} on each of {@code n} samples. */
    static Measurer noisy(ToDoubleFunction<Configuration> f, double noise, int n, long seed, List<Configuration> seen) {
        Random r = new Random(seed);
        return config -> {
            seen.add(config);
            double truth = f.applyAsDouble(config);
            List<Double> samples = new ArrayList<>();
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double v = truth * (1 + noise * r.nextGaussian());
                samples.add(v);
                sum += v;
            }
            return Measurement.of(Map.of(Metric.THROUGHPUT, sum / n), samples);
        };
    }
}
