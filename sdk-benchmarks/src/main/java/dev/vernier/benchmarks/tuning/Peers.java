package dev.vernier.benchmarks.tuning;

import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Objective;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.SimpleBounds;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.CMAESOptimizer;
import org.apache.commons.math3.random.MersenneTwister;

import java.util.Arrays;
import java.util.Random;

/**
 * The tuners a user could pick instead, each given one full window per evaluation and the same
 * budget. They search the unit cube (integers and booleans rounded by the parameters), and leave
 * the system at the best configuration they observed that respected the constraints (what a user
 * would take from them). Stateless.
 */
final class Peers {

    private Peers() {
    }

    /** Thrown to stop an optimizer when the budget is used. */
    private static final class BudgetUsed extends RuntimeException {
        BudgetUsed() {
            super("budget used", null, false, false);
        }
    }

    /** The best observed configuration that respected the constraints as observed. */
    static final class Best {
        private final Trial trial;
        Configuration config;
        double throughput = Double.NEGATIVE_INFINITY;
        /** The last measurement's constraint excess (0 or less when respected). */
        double lastExcess;
        /** The last measurement's throughput, ops/s. */
        double lastThroughput;

        Best(Trial trial) {
            this.trial = trial;
            this.config = trial.system.start();
        }

        /** Measures one full window; returns the penalised value to maximise. */
        double evaluate(Configuration c) {
            if (!trial.fits(Noise.SLOTS)) {
                throw new BudgetUsed();
            }
            Trial.Measured m = trial.measure(c, Noise.SLOTS);
            double excess = excess(trial.system.objective(), m);
            lastExcess = excess;
            lastThroughput = m.throughput();
            if (excess <= 0 && m.throughput() > throughput) {
                throughput = m.throughput();
                config = c;
            }
            return m.throughput() * Math.exp(-10 * Math.max(0, excess));
        }

        /** @return how far the observed p99 is past its limit, relative (0 or less when respected) */
        static double excess(Objective o, Trial.Measured m) {
            double worst = Double.NEGATIVE_INFINITY;
            for (Objective.Constraint k : o.constraints()) {
                double v = switch (k.metric()) {
                    case P99_LATENCY_MS -> m.p99();
                    case THROUGHPUT -> m.throughput();
                    default -> throw new IllegalStateException("unsupported constraint " + k);
                };
                double e = k.kind() == Objective.Constraint.Kind.AT_MOST ? v / k.limit() - 1 : 1 - v / k.limit();
                worst = Math.max(worst, e);
            }
            return worst == Double.NEGATIVE_INFINITY ? -1 : worst;
        }
    }

    static Configuration randomSearch(Trial trial, long seed) {
        Random r = new Random(seed);
        Best best = new Best(trial);
        int d = trial.system.space().size();
        Configuration c = trial.system.start();
        try {
            while (true) {
                best.evaluate(c);
                double[] u = new double[d];
                for (int j = 0; j < d; j++) {
                    u[j] = r.nextDouble();
                }
                c = trial.system.space().fromUnit(u);
            }
        } catch (BudgetUsed e) {
            return best.config;
        }
    }

    static Configuration bobyqa(Trial trial, long seed) {
        Best best = new Best(trial);
        int d = trial.system.space().size();
        double[] lo = new double[d];
        double[] hi = new double[d];
        Arrays.fill(hi, 1);
        try {
            new BOBYQAOptimizer(2 * d + 1, 0.25, 1e-4).optimize(new MaxEval(100_000),
                    new ObjectiveFunction(x -> best.evaluate(trial.system.space().fromUnit(x))), GoalType.MAXIMIZE,
                    new InitialGuess(trial.system.space().toUnit(trial.system.start())), new SimpleBounds(lo, hi));
        } catch (BudgetUsed e) {
            return best.config;
        } catch (RuntimeException e) {
            // converged or gave up before the budget: the best seen stays
        }
        return best.config;
    }

    static Configuration cmaes(Trial trial, long seed) {
        Best best = new Best(trial);
        int d = trial.system.space().size();
        double[] lo = new double[d];
        double[] hi = new double[d];
        double[] sigma = new double[d];
        Arrays.fill(hi, 1);
        Arrays.fill(sigma, 0.3);
        int lambda = 4 + (int) Math.floor(3 * Math.log(d));
        try {
            best.evaluate(trial.system.start());
            new CMAESOptimizer(100_000, Double.NEGATIVE_INFINITY, true, 0, 0, new MersenneTwister(seed), false, null)
                    .optimize(new MaxEval(100_000), new ObjectiveFunction(x -> best.evaluate(trial.system.space().fromUnit(x))),
                            GoalType.MAXIMIZE, new InitialGuess(trial.system.space().toUnit(trial.system.start())),
                            new SimpleBounds(lo, hi), new CMAESOptimizer.Sigma(sigma),
                            new CMAESOptimizer.PopulationSize(lambda));
        } catch (BudgetUsed e) {
            return best.config;
        } catch (RuntimeException e) {
            // stopped before the budget: the best seen stays
        }
        return best.config;
    }
}
