package dev.vernier.benchmarks.tuning;

import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Metric;
import dev.vernier.api.tuning.Objective;
import dev.vernier.api.tuning.Parameter;
import dev.vernier.api.tuning.ParameterRole;
import dev.vernier.api.tuning.ParameterSpace;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/** The simulated systems of the comparison. Stateless. */
final class Systems {

    private Systems() {
    }

    private static Parameter<?> batch(int start) {
        return Parameter.integer("batchSize", 1, 4096, start).logScaled().withRole(ParameterRole.BATCH_SIZE);
    }

    private static Parameter<?> window(int start) {
        return Parameter.integer("inflightWindow", 1, 64, start).logScaled().withRole(ParameterRole.PIPELINE_WINDOW);
    }

    private static double log2(Configuration c, String name) {
        return Math.log(c.getInt(name)) / Math.log(2);
    }

    private static final Objective THROUGHPUT = Objective.maximize(Metric.THROUGHPUT);

    static List<SimulatedSystem> all() {
        return List.of(corner(), peak(), constrained(), interaction(), cliff(), flat(), sixDimensional());
    }

    /** Smooth, concave in log scale, best in the corner of both maxima: what the old session already did best. */
    static SimulatedSystem corner() {
        ParameterSpace space = ParameterSpace.of(batch(8), window(2));
        ToDoubleFunction<Configuration> t = c -> 1000 * Math.pow(1 + log2(c, "batchSize"), 0.7)
                * Math.pow(1 + log2(c, "inflightWindow"), 0.5);
        return system("corner", "smooth, optimum in the corner (4096, 64)", space, t, c -> 20, THROUGHPUT, c -> false,
                null, 2);
    }

    /** The module's old synthetic system: a smooth peak at batch 128 and a boolean that multiplies by 1.3. */
    static SimulatedSystem peak() {
        ParameterSpace space = ParameterSpace.of(batch(8),
                Parameter.bool("pipelining", false).withRole(ParameterRole.PIPELINE_WINDOW));
        ToDoubleFunction<Configuration> t = c -> {
            double d = log2(c, "batchSize") - 7;
            return 10_000 * Math.exp(-d * d / 8) * (c.getBoolean("pipelining") ? 1.3 : 1.0);
        };
        return system("peak", "smooth peak at batch 128, pipelining x1.3", space, t, c -> 20, THROUGHPUT, c -> false,
                null, 2);
    }

    /** Throughput grows with batch and window, so does p99; the best feasible point lies on p99 = 40 ms. */
    static SimulatedSystem constrained() {
        ParameterSpace space = ParameterSpace.of(batch(4), window(1));
        ToDoubleFunction<Configuration> t = c -> 1000 * (1 + log2(c, "batchSize")) * (1 + 0.3 * log2(c, "inflightWindow") / 6);
        ToDoubleFunction<Configuration> p99 = c -> 1.5 * Math.sqrt(c.getInt("batchSize"))
                * (1 + 0.2 * log2(c, "inflightWindow") / 6);
        return system("constrained", "optimum on the limit p99 <= 40 ms", space, t, p99,
                THROUGHPUT.atMost(Metric.P99_LATENCY_MS, 40), c -> false, null, 2);
    }

    /** A ridge: the best batch depends on the window (log batch + log window = 10), optimum at (64, 16). */
    static SimulatedSystem interaction() {
        ParameterSpace space = ParameterSpace.of(batch(4), window(1));
        ToDoubleFunction<Configuration> t = c -> {
            double u = log2(c, "batchSize");
            double v = log2(c, "inflightWindow");
            return 10_000 * Math.exp(-(u + v - 10) * (u + v - 10) / 30 - (u - v - 2) * (u - v - 2) / 60);
        };
        return system("interaction", "ridge log2(batch) + log2(window) = 10, optimum (64, 16)", space, t, c -> 20,
                THROUGHPUT, c -> false, null, 2);
    }

    /** Throughput grows with the batch until 700, then collapses to 10%. */
    static SimulatedSystem cliff() {
        ParameterSpace space = ParameterSpace.of(batch(4),
                Parameter.bool("pipelining", false).withRole(ParameterRole.PIPELINE_WINDOW));
        ToDoubleFunction<Configuration> t = c -> {
            double v = 1000 * (1 + log2(c, "batchSize")) * (c.getBoolean("pipelining") ? 1.2 : 1.0);
            return c.getInt("batchSize") > 700 ? 0.1 * v : v;
        };
        return system("cliff", "grows with batch, collapses to 10% past 700", space, t, c -> 20, THROUGHPUT,
                c -> c.getInt("batchSize") > 700, null, 2);
    }

    /** Starts at the optimum of batch; compressionLevel does nothing. Every keep is a false keep. */
    static SimulatedSystem flat() {
        ParameterSpace space = ParameterSpace.of(batch(128),
                Parameter.integer("compressionLevel", 0, 9, 0));
        ToDoubleFunction<Configuration> t = c -> {
            double d = log2(c, "batchSize") - 7;
            return 10_000 * Math.exp(-d * d / 8);
        };
        return system("flat knob", "starts at the optimum; compressionLevel has no effect", space, t, c -> 20,
                THROUGHPUT, c -> false, "compressionLevel", 1);
    }

    /** Six parameters, two of which matter (batch and window, peak at (256, 8)). */
    static SimulatedSystem sixDimensional() {
        ParameterSpace space = ParameterSpace.of(batch(4), window(1),
                Parameter.integer("heartbeatMs", 10, 1000, 50).withRole(ParameterRole.INTERVAL),
                Parameter.integer("writeBufferKb", 1, 1024, 64).logScaled().withRole(ParameterRole.BUFFER),
                Parameter.integer("ioThreads", 1, 32, 4).withRole(ParameterRole.CONCURRENCY),
                Parameter.integer("requestTimeoutMs", 10, 5000, 1000).withRole(ParameterRole.TIMEOUT));
        ToDoubleFunction<Configuration> t = c -> {
            double u = log2(c, "batchSize") - 8;
            double v = log2(c, "inflightWindow") - 3;
            return 10_000 * Math.exp(-u * u / 18 - v * v / 8);
        };
        return system("6-D", "six parameters, two matter (peak at batch 256, window 8)", space, t, c -> 20, THROUGHPUT,
                c -> false, null, 2);
    }

    /** Builds the system and its optimum by enumerating the first {@code relevant} parameters (others at the start). */
    private static SimulatedSystem system(String name, String what, ParameterSpace space,
                                          ToDoubleFunction<Configuration> t, ToDoubleFunction<Configuration> p99,
                                          Objective objective, java.util.function.Predicate<Configuration> cliff,
                                          String flat, int relevant) {
        Configuration start = space.defaults();
        SimulatedSystem probe = new SimulatedSystem(name, what, space, start, t, p99, objective, cliff, flat, 1);
        List<List<Object>> values = new java.util.ArrayList<>();
        for (int k = 0; k < relevant; k++) {
            values.add(valuesOf(space.parameters().get(k)));
        }
        double best = 0;
        List<Object> second = relevant > 1 ? values.get(1) : java.util.Collections.singletonList(null);
        for (Object a : values.get(0)) {
            for (Object b : second) {
                Map<String, Object> v = new LinkedHashMap<>(start.values());
                v.put(space.parameters().get(0).name(), a);
                if (b != null) {
                    v.put(space.parameters().get(1).name(), b);
                }
                Configuration c = new Configuration(v);
                if (probe.feasible(c) && !cliff.test(c)) {
                    best = Math.max(best, t.applyAsDouble(c));
                }
            }
        }
        return new SimulatedSystem(name, what, space, start, t, p99, objective, cliff, flat, best);
    }

    private static List<Object> valuesOf(Parameter<?> p) {
        List<Object> out = new java.util.ArrayList<>();
        if (p instanceof dev.vernier.api.tuning.IntParameter ip) {
            for (int i = ip.min(); i <= ip.max(); i++) {
                out.add(i);
            }
        } else if (p instanceof dev.vernier.api.tuning.BooleanParameter) {
            out.add(false);
            out.add(true);
        } else {
            for (int i = 0; i <= 2000; i++) {
                out.add(p.fromUnit(i / 2000.0));
            }
        }
        return out;
    }
}
