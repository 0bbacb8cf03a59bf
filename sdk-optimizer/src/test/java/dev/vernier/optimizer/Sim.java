package dev.vernier.optimizer;

import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Metric;
import dev.vernier.api.tuning.ParameterSpace;
import dev.vernier.api.tuning.Tunable;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * A simulated live system for tests: the configuration in force, a seeded block-level noise and an
 * optional drift of the load (a factor per block). Each measurement is one block of the
 * configuration in force; every block is recorded. Not thread-safe.
 */
final class Sim implements Tunable {

    final List<Configuration> blocks = new ArrayList<>();
    final List<Configuration> applied = new ArrayList<>();
    private final ParameterSpace space;
    private Configuration current;

    Sim(ParameterSpace space) {
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

    /**
     * @param throughput true throughput of a configuration, ops/s
     * @param p99 true p99 of a configuration, ms (null: not measured)
     * @param noise relative noise of one block (log scale)
     * @param drift factor applied per block to the load (1 = none; 1.02 = 2% more per block)
     * @param seed noise seed
     * @return a measurer of one block of the configuration in force
     */
    Measurer measurer(ToDoubleFunction<Configuration> throughput, ToDoubleFunction<Configuration> p99, double noise,
                      double drift, long seed) {
        Random r = new Random(seed);
        return config -> {
            blocks.add(current);
            double load = Math.pow(drift, blocks.size());
            Map<Metric, Double> m = new EnumMap<>(Metric.class);
            double t = throughput.applyAsDouble(current) * load * Math.exp(noise * r.nextGaussian());
            m.put(Metric.THROUGHPUT, t);
            if (p99 != null) {
                m.put(Metric.P99_LATENCY_MS, p99.applyAsDouble(current) * Math.exp(noise * r.nextGaussian()));
            }
            // sub-window samples far tighter than the block-to-block noise: they must not be taken as replicates
            List<Double> samples = List.of(t * 0.999, t, t * 1.001);
            return new Measurement(m, samples, Map.of());
        };
    }
}
