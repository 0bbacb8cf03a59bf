package dev.vernier.benchmarks.tuning;

import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Objective;
import dev.vernier.api.tuning.ParameterSpace;

import java.util.function.Predicate;
import java.util.function.ToDoubleFunction;

/**
 * A simulated system with a known truth: noise-free throughput and p99 as functions of the
 * configuration, an objective (maximise throughput, maybe under a p99 limit), a cliff predicate and
 * the true optimum. Immutable.
 *
 * @param name short name used in the table
 * @param what one line on what it tests
 * @param space the parameters
 * @param start where every tuner starts
 * @param throughput true throughput, ops/s
 * @param p99 true p99, ms
 * @param objective what the tuners are asked for
 * @param pastCliff configurations where throughput has collapsed (for the share of windows in them)
 * @param flatKnob name of a parameter with no effect at all, or null
 * @param optimum the best truly feasible throughput (grid search over the parameters that matter)
 */
record SimulatedSystem(String name, String what, ParameterSpace space, Configuration start,
                       ToDoubleFunction<Configuration> throughput, ToDoubleFunction<Configuration> p99,
                       Objective objective, Predicate<Configuration> pastCliff, String flatKnob, double optimum) {

    /** @return whether the configuration truly breaks a constraint or sits past the cliff */
    boolean violates(Configuration c) {
        return pastCliff.test(c) || !feasible(c);
    }

    /** @return whether the true p99 respects the objective's limits */
    boolean feasible(Configuration c) {
        for (Objective.Constraint k : objective.constraints()) {
            double v = switch (k.metric()) {
                case P99_LATENCY_MS -> p99.applyAsDouble(c);
                case THROUGHPUT -> throughput.applyAsDouble(c);
                default -> throw new IllegalStateException("simulated systems constrain p99 or throughput only");
            };
            if (!k.isSatisfiedBy(v)) {
                return false;
            }
        }
        return true;
    }

    /** @return the share of the optimum a configuration reaches; 0 when it truly breaks a constraint */
    double share(Configuration c) {
        return feasible(c) ? throughput.applyAsDouble(c) / optimum : 0;
    }
}
