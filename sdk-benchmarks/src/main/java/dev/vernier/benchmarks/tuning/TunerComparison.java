package dev.vernier.benchmarks.tuning;

import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Metric;
import dev.vernier.optimizer.GaussianProcessSurrogate;
import dev.vernier.optimizer.internal.Calibration;
import dev.vernier.optimizer.internal.Proposer;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Vernier's tuning session against the tuners a user could pick instead (random search, Commons
 * Math BOBYQA and CMA-ES, Optuna's TPE through a Python subprocess when available) on simulated
 * systems with a known optimum: the same budget (15 windows unless {@code --budget}), the same seeds and the same noise per
 * seed (a drift of the load and independent noise per quarter window; a tuner measuring half-window
 * blocks gets their noise). Prints Markdown: per system, the median share of the optimum where each
 * tuner leaves the system, the best it reached, windows until it first measured a configuration
 * within 5% of the optimum, the share of time in configurations that break the constraint or sit
 * past the cliff, and sessions with a false keep; then the time per suggestion and the calibration
 * of the session's confidence.
 *
 * <p>Usage: {@code java -cp sdk-benchmarks/target/benchmarks.jar dev.vernier.benchmarks.tuning.TunerComparison
 * [--seeds 20] [--first-seed 1] [--budget 15] [--python /usr/bin/python3] [--block 1] [--systems cliff,flat knob] [--session-only] [--no-optuna]
 * [--calibrate] [--trace]}; {@code --block} is the session's block length in quarter windows (default 1);
 * {@code --budget} is every tuner's budget in windows (default 15, the issue's). {@code --significance},
 * {@code --threshold}, {@code --rounds}, {@code --initial} and {@code --step} set the session's keep level, keep
 * threshold, ABBA rounds per comparison, initial design and step size (session defaults otherwise).
 */
public final class TunerComparison {

    static final int BUDGET = 15;
    static final double NOISE = 0.04;
    static final double P99_NOISE = 0.06;
    static final double DRIFT = 0.05;
    static final double DRIFT_PERIOD = 10;

    private TunerComparison() {
    }

    /** One tuner's results on one system over all seeds. */
    private static final class Column {
        final List<Double> left = new ArrayList<>();
        final List<Double> reached = new ArrayList<>();
        final List<Double> within5 = new ArrayList<>();
        final List<Double> violating = new ArrayList<>();
        int leftInViolation;
        int falseKeeps;
        int sessions;
    }

    public static void main(String[] args) throws Exception {
        // Smile logs every tree it grows at INFO (its out-of-bag R2); warnings and errors stay visible.
        // The session's own log is not part of the comparison.
        System.setProperty("org.slf4j.simpleLogger.log.smile", "warn");
        System.setProperty("org.slf4j.simpleLogger.log.dev.vernier", "warn");
        Map<String, String> opt = options(args);
        int seeds = Integer.parseInt(opt.getOrDefault("seeds", "20"));
        int block = Integer.parseInt(opt.getOrDefault("block", "1"));
        int budget = Integer.parseInt(opt.getOrDefault("budget", String.valueOf(BUDGET)));
        if (budget < 2) {
            throw new IllegalArgumentException("--budget must be at least 2 windows, but was " + budget);
        }
        String python = opt.getOrDefault("python", "/usr/bin/python3");
        boolean calibrate = opt.containsKey("calibrate");
        long firstSeed = Long.parseLong(opt.getOrDefault("first-seed", calibrate ? "1000" : "1"));
        List<SimulatedSystem> systems = new ArrayList<>();
        for (SimulatedSystem s : Systems.all()) {
            if (!opt.containsKey("systems") || Arrays.asList(opt.get("systems").split(",")).contains(s.name())) {
                systems.add(s);
            }
        }
        String[] why = new String[1];
        OptunaTpe optuna = calibrate || opt.containsKey("no-optuna") ? null : OptunaTpe.start(python, why);
        System.out.printf(Locale.ROOT, "cores=%d java=%s seeds=%d..%d budget=%d windows; noise %.0f%% per window"
                        + " (throughput), %.0f%% (p99); drift +-%.0f%% over %.0f windows; session blocks of %d/%d window%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), firstSeed,
                firstSeed + seeds - 1, budget, 100 * NOISE, 100 * P99_NOISE, 100 * DRIFT, DRIFT_PERIOD, block, Noise.SLOTS);
        System.out.println(optuna == null ? "Optuna TPE: skipped (" + (why[0] == null ? "not asked" : why[0]) + ")"
                : "Optuna TPE: " + why[0] + " (TPESampler defaults, seeded)");
        List<SessionTuner.Calibrated> calibration = new ArrayList<>();
        try {
            for (SimulatedSystem sys : systems) {
                Map<String, Column> cols = new LinkedHashMap<>();
                for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
                    Noise noise = new Noise(seed, budget, NOISE, P99_NOISE, DRIFT, DRIFT_PERIOD);
                    Trial t = new Trial(sys, noise, budget);
                    SessionTuner.Result r = SessionTuner.run(t, seed, block, b -> {
                        if (opt.containsKey("significance")) {
                            b.significance(Double.parseDouble(opt.get("significance")));
                        }
                        if (opt.containsKey("rounds")) {
                            b.roundsPerComparison(Integer.parseInt(opt.get("rounds")));
                        }
                        if (opt.containsKey("initial")) {
                            b.initialPoints(Integer.parseInt(opt.get("initial")));
                        }
                        if (opt.containsKey("threshold")) {
                            b.keepThreshold(Double.parseDouble(opt.get("threshold")));
                        }
                        if (opt.containsKey("step")) {
                            b.maxStep(Double.parseDouble(opt.get("step")));
                        }
                    });
                    calibration.addAll(r.calibration());
                    if (opt.containsKey("trace")) {
                        System.out.printf(Locale.ROOT, "%n## trace %s seed %d: left at %.3f%n%s", sys.name(), seed,
                                sys.share(r.left()), r.report().toMarkdown());
                    }
                    add(cols, "Vernier session", sys, t, r.left(), r.falseKeep());
                    if (calibrate || opt.containsKey("session-only")) {
                        continue;
                    }
                    t = new Trial(sys, noise, budget);
                    add(cols, "random search", sys, t, Peers.randomSearch(t, seed), null);
                    t = new Trial(sys, noise, budget);
                    add(cols, "BOBYQA (Commons Math)", sys, t, Peers.bobyqa(t, seed), null);
                    t = new Trial(sys, noise, budget);
                    add(cols, "CMA-ES (Commons Math)", sys, t, Peers.cmaes(t, seed), null);
                    if (optuna != null) {
                        t = new Trial(sys, noise, budget);
                        add(cols, "Optuna TPE", sys, t, optuna.run(t, seed), null);
                    }
                }
                print(sys, cols, budget);
            }
        } finally {
            if (optuna != null) {
                optuna.close();
            }
        }
        printCalibration(calibration, calibrate);
        if (!calibrate && !opt.containsKey("session-only")) {
            printTiming();
        }
    }

    private static void add(Map<String, Column> cols, String name, SimulatedSystem sys, Trial t, Configuration left,
                            Boolean sessionFalseKeep) {
        Column c = cols.computeIfAbsent(name, k -> new Column());
        c.left.add(sys.share(left) * (sys.pastCliff().test(left) ? 0 : 1));
        c.reached.add(t.bestReached());
        double w = t.windowsToWithin5Percent();
        c.within5.add(Double.isNaN(w) ? Double.POSITIVE_INFINITY : w);
        c.violating.add(t.violatingShare());
        c.leftInViolation += sys.violates(left) ? 1 : 0;
        boolean falseKeep = sessionFalseKeep != null ? sessionFalseKeep
                : !left.equals(sys.start()) && !(sys.throughput().applyAsDouble(left) > sys.throughput().applyAsDouble(sys.start())
                && !sys.violates(left));
        c.falseKeeps += falseKeep ? 1 : 0;
        c.sessions++;
    }

    private static void print(SimulatedSystem sys, Map<String, Column> cols, int budget) {
        System.out.printf(Locale.ROOT, "%n### %s: %s (optimum %.0f ops/s, start at %.2f of it)%n%n", sys.name(), sys.what(),
                sys.optimum(), sys.share(sys.start()));
        System.out.println("| tuner | left at (median share of optimum, min-max) | best reached (median) | windows to"
                + " within 5% (median) | time in violating or cliff configurations | left violating | sessions with a"
                + " false keep |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Map.Entry<String, Column> e : cols.entrySet()) {
            Column c = e.getValue();
            double w = median(c.within5);
            System.out.printf(Locale.ROOT, "| %s | **%.3f** (%.2f-%.2f) | %.3f | %s | %.1f%% | %d/%d | %s |%n", e.getKey(),
                    median(c.left), min(c.left), max(c.left), median(c.reached),
                    Double.isInfinite(w) ? ">" + budget : String.format(Locale.ROOT, "%.1f", w),
                    100 * mean(c.violating), c.leftInViolation, c.sessions,
                    String.format(Locale.ROOT, "%d/%d", c.falseKeeps, c.sessions));
        }
    }

    private static void printCalibration(List<SessionTuner.Calibrated> cal, boolean fit) {
        System.out.printf(Locale.ROOT, "%n### Calibration of the session's confidence (%d model and exploration proposals)%n%n",
                cal.size());
        System.out.println("| confidence shown | proposals | mean shown | share that paid (feasible, >= 5% better than the"
                + " incumbent of the time) |");
        System.out.println("|---|---|---|---|");
        double[] edges = {0, 0.2, 0.4, 0.6, 0.8, 1.0001};
        for (int b = 0; b + 1 < edges.length; b++) {
            int n = 0;
            int paid = 0;
            double shown = 0;
            for (SessionTuner.Calibrated c : cal) {
                double v = c.shown();
                if (v >= edges[b] && v < edges[b + 1]) {
                    n++;
                    shown += v;
                    paid += c.paid() ? 1 : 0;
                }
            }
            System.out.printf(Locale.ROOT, "| %.1f-%.1f | %d | %s | %s |%n", edges[b], Math.min(1, edges[b + 1]), n,
                    n == 0 ? "-" : String.format(Locale.ROOT, "%.2f", shown / n),
                    n == 0 ? "-" : String.format(Locale.ROOT, "%.2f", (double) paid / n));
        }
        if (fit) {
            double[][] x = cal.stream().map(c -> c.features().vector()).toArray(double[][]::new);
            int[] y = cal.stream().mapToInt(c -> c.paid() ? 1 : 0).toArray();
            smile.classification.LogisticRegression.Binomial lr = smile.classification.LogisticRegression.binomial(x, y,
                    0.01, 1e-6, 1000);
            double[] w = lr.coefficients();
            // Smile puts the intercept last; Calibration wants it first
            StringBuilder b = new StringBuilder("FITTED = {").append(String.format(Locale.ROOT, "%.4f", w[w.length - 1]));
            for (int i = 0; i + 1 < w.length; i++) {
                b.append(String.format(Locale.ROOT, ", %.4f", w[i]));
            }
            System.out.println("\nLogistic fit (paste into Calibration):\n" + b + "};");
        }
    }

    /**
     * Time per suggestion of the session's proposer on the 6-D system with 15, 50 and 100
     * observations: wall time, and CPU time of all the JVM's threads (a random forest would grow its
     * trees on the common pool), which a busy machine inflates less.
     */
    private static void printTiming() {
        SimulatedSystem sys = Systems.sixDimensional();
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "%n### Time per suggestion (6-D system, default surrogate and 500 candidates;"
                + " load average at start %.2f)%n%n", java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                .getSystemLoadAverage());
        System.out.println("| observations | median wall ms | p90 wall ms | median CPU ms (all threads) |");
        System.out.println("|---|---|---|---|");
        for (int n : new int[] {15, 50, 100}) {
            Random r = new Random(n);
            Proposer p = new Proposer(sys.space(), sys.objective(), GaussianProcessSurrogate::new,
                    new Proposer.Settings(7, 0, 0.5, 500, false, 0.6, 0.05), Calibration.DEFAULT);
            for (int i = 0; i < n; i++) {
                double[] u = new double[sys.space().size()];
                for (int j = 0; j < u.length; j++) {
                    u[j] = r.nextDouble();
                }
                Configuration c = sys.space().fromUnit(u);
                p.observe(c, sys.throughput().applyAsDouble(c), Map.of(Metric.THROUGHPUT, sys.throughput().applyAsDouble(c)),
                        false);
            }
            double[] ms = new double[25];
            double[] cpu = new double[25];
            for (int k = 0; k < ms.length + 10; k++) {
                long c0 = cpuNanos(mx);
                long t0 = System.nanoTime();
                p.next(sys.start(), null, sys.throughput().applyAsDouble(sys.start()), 0.25);
                if (k >= 10) {
                    ms[k - 10] = (System.nanoTime() - t0) / 1e6;
                    cpu[k - 10] = (cpuNanos(mx) - c0) / 1e6;
                }
            }
            Arrays.sort(ms);
            Arrays.sort(cpu);
            System.out.printf(Locale.ROOT, "| %d | %.1f | %.1f | %.1f |%n", n, ms[ms.length / 2], ms[(int) (ms.length * 0.9)],
                    cpu[cpu.length / 2]);
        }
    }

    private static long cpuNanos(java.lang.management.ThreadMXBean mx) {
        long sum = 0;
        for (long id : mx.getAllThreadIds()) {
            long t = mx.getThreadCpuTime(id);
            sum += Math.max(0, t);
        }
        return sum;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) {
                throw new IllegalArgumentException("options start with --, but was " + args[i]);
            }
            String k = args[i].substring(2);
            boolean flag = i + 1 >= args.length || args[i + 1].startsWith("--");
            m.put(k, flag ? "" : args[++i]);
        }
        return m;
    }

    private static double median(List<Double> v) {
        double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return s.length == 0 ? Double.NaN : (s[(s.length - 1) / 2] + s[s.length / 2]) / 2;
    }

    private static double min(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    private static double max(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static double mean(List<Double> v) {
        return v.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
