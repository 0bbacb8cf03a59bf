package dev.vernier.optimizer.internal;

import dev.vernier.api.tuning.BooleanParameter;
import dev.vernier.api.tuning.ChoiceParameter;
import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.DoubleParameter;
import dev.vernier.api.tuning.IntParameter;
import dev.vernier.api.tuning.Metric;
import dev.vernier.api.tuning.Parameter;
import dev.vernier.api.tuning.ParameterSpace;
import dev.vernier.optimizer.Measurement;
import dev.vernier.optimizer.Observation;
import dev.vernier.optimizer.Prediction;
import dev.vernier.optimizer.Proposal;
import dev.vernier.optimizer.SurrogateModel;
import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Proposes the next configuration: rule-based advisors first, then a seeded Latin hypercube
 * design, then expected improvement on the surrogate over random candidates. Every proposal is
 * within bounds and within the step bound of the current configuration. Not thread-safe: one per
 * session.
 */
public final class Proposer {

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);
    private static final double EPS = 1e-9;

    private final ParameterSpace space;
    private final SurrogateModel model;
    private final Random random;
    private final int initialPoints;
    private final double maxStep;
    private final int candidates;
    private final boolean maximize;
    private final boolean advisorsEnabled;
    private final double confidence;
    private final Map<Configuration, Integer> measured = new HashMap<>();
    private final Set<Configuration> remeasureAllowed = new HashSet<>();
    private final Set<String> rulesUsed = new HashSet<>();
    private Deque<double[]> design;
    private int designTotal;

    /**
     * @param space the parameters
     * @param model the surrogate
     * @param seed random seed
     * @param initialPoints number of initial design points
     * @param maxStep largest change of a numeric parameter per step, in unit coordinates (0, 1]
     * @param candidates random candidates per model proposal
     * @param maximize whether the target is maximised
     * @param advisorsEnabled whether the rule-based advisors run
     * @param confidence confidence threshold: model candidates that reach it are preferred
     */
    public Proposer(ParameterSpace space, SurrogateModel model, long seed, int initialPoints, double maxStep,
                    int candidates, boolean maximize, boolean advisorsEnabled, double confidence) {
        this.space = space;
        this.model = model;
        this.random = new Random(seed);
        this.initialPoints = initialPoints;
        this.maxStep = maxStep;
        this.candidates = candidates;
        this.maximize = maximize;
        this.advisorsEnabled = advisorsEnabled;
        this.confidence = confidence;
    }

    /**
     * Records that a configuration was measured.
     *
     * @param config the configuration
     * @param inconclusive true when noise left the decision open, which allows one more measurement
     */
    public void measured(Configuration config, boolean inconclusive) {
        int n = measured.merge(config, 1, Integer::sum);
        if (inconclusive && n == 1) {
            remeasureAllowed.add(config);
        } else {
            remeasureAllowed.remove(config);
        }
    }

    private boolean exhausted(Configuration c) {
        int n = measured.getOrDefault(c, 0);
        return n >= 2 || (n == 1 && !remeasureAllowed.contains(c));
    }

    /**
     * @param current the configuration in force (full)
     * @param currentObs its observation (for the advisors); may be null
     * @param bestSigned the incumbent's target value, sign-adjusted so that larger is better
     * @param history every observation so far
     * @return the next proposal, or null when nothing new is left to try
     */
    public Proposal next(Configuration current, Observation currentObs, double bestSigned, List<Observation> history) {
        if (advisorsEnabled && currentObs != null) {
            Proposal p = advise(current, currentObs);
            // an advisor below the threshold yields to the design and the model instead of ending the session
            if (p != null && p.confidence() >= confidence) {
                return p;
            }
        }
        if (design == null) {
            design = new ArrayDeque<>(latinHypercube(current, initialPoints));
            designTotal = design.size();
        }
        while (!design.isEmpty()) {
            double[] u = design.poll();
            Configuration c = bound(space.fromUnit(u), current);
            if (!c.equals(current) && !exhausted(c)) {
                int i = designTotal - design.size();
                return new Proposal(c.values(), Proposal.Source.INITIAL_DESIGN, Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, "initial design point " + i + "/" + designTotal
                        + " (Latin hypercube): applied regardless of confidence");
            }
        }
        return fromModel(current, bestSigned, history);
    }

    private Proposal fromModel(Configuration current, double bestSigned, List<Observation> history) {
        List<double[]> x = new ArrayList<>();
        double[] y = new double[history.size()];
        double worst = Double.POSITIVE_INFINITY;
        double bestY = Double.NEGATIVE_INFINITY;
        for (Observation o : history) {
            double v = signed(o.objective());
            worst = Math.min(worst, v);
            bestY = Math.max(bestY, v);
        }
        double penalty = worst - 0.1 * Math.max(Math.abs(bestY - worst), Math.abs(worst) * 0.1);
        for (int i = 0; i < history.size(); i++) {
            Observation o = history.get(i);
            x.add(space.toUnit(o.asConfiguration()));
            y[i] = o.feasible() ? signed(o.objective()) : penalty;
        }
        model.fit(x, y);
        double[] c = space.toUnit(current);
        Map<Configuration, double[]> pool = new LinkedHashMap<>();
        for (int k = 0; k < candidates; k++) {
            double[] u = new double[c.length];
            boolean local = k % 4 == 0;
            for (int j = 0; j < c.length; j++) {
                double s = stepFor(space.parameters().get(j));
                double lo = Math.max(0, c[j] - s);
                double hi = Math.min(1, c[j] + s);
                u[j] = local ? clamp(c[j] + random.nextGaussian() * s * 0.25, lo, hi) : lo + random.nextDouble() * (hi - lo);
            }
            Configuration cfg = bound(space.fromUnit(u), current);
            if (!cfg.equals(current) && !exhausted(cfg)) {
                pool.putIfAbsent(cfg, space.toUnit(cfg));
            }
        }
        // Confidence is the probability of improving on the incumbent as the model sees it (its
        // prediction at the incumbent), so that model bias cancels; among candidates that reach the
        // confidence threshold the one with the largest expected improvement wins.
        double reference = model.predict(c).mean();
        Configuration bestCfg = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        Prediction bestPred = null;
        double bestEi = 0;
        double pi = 0;
        for (Map.Entry<Configuration, double[]> e : pool.entrySet()) {
            Prediction p = model.predict(e.getValue());
            double ei = expectedImprovement(p, bestSigned);
            double prob = p.stdDev() > 0 ? NORMAL.cumulativeProbability((p.mean() - reference) / p.stdDev())
                    : (p.mean() > reference ? 1 : 0);
            double score = prob >= confidence ? ei : ei - 1e300;
            if (bestCfg == null || score > bestScore) {
                bestScore = score;
                bestCfg = e.getKey();
                bestPred = p;
                bestEi = ei;
                pi = prob;
            }
        }
        if (bestCfg == null) {
            return null;
        }
        double scale = Math.abs(bestSigned) > 0 ? Math.abs(bestSigned) : 1;
        double gain = (bestPred.mean() - bestSigned) / scale;
        return new Proposal(bestCfg.values(), Proposal.Source.MODEL, pi, gain, signed(bestPred.mean()),
                bestPred.stdDev(), String.format(java.util.Locale.ROOT,
                "expected improvement %.4g over %d candidates; P(improvement) %.2f", bestEi, pool.size(), pi));
    }

    static double expectedImprovement(Prediction p, double best) {
        double d = p.mean() - best;
        if (p.stdDev() <= 0) {
            return Math.max(0, d);
        }
        double z = d / p.stdDev();
        return d * NORMAL.cumulativeProbability(z) + p.stdDev() * NORMAL.density(z);
    }

    private double signed(double v) {
        return maximize ? v : -v;
    }

    private double stepFor(Parameter<?> p) {
        if (p instanceof BooleanParameter) {
            return 1;
        }
        if (p instanceof ChoiceParameter cp) {
            return cp.choices().size() <= 1 ? 0 : Math.max(maxStep, 1.0 / (cp.choices().size() - 1));
        }
        return maxStep;
    }

    /**
     * Moves every parameter of {@code proposal} into its bounds and within the step bound of
     * {@code current} (numeric parameters: {@code maxStep} unit coordinates; choices: at least one
     * neighbouring choice; booleans: free).
     *
     * @return a full configuration
     */
    public Configuration bound(Configuration proposal, Configuration current) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Parameter<?> p : space.parameters()) {
            Object cur = current.values().getOrDefault(p.name(), p.defaultValue());
            Object v = proposal.values().getOrDefault(p.name(), cur);
            double c = p.toUnit(cur);
            double u = p.toUnit(clampValue(p, v));
            double s = stepFor(p);
            if (Math.abs(u - c) > s + EPS) {
                v = p.fromUnit(clamp(u, c - s, c + s));
                if (p instanceof IntParameter ip) {
                    int iv = (Integer) v;
                    int ic = (Integer) cur;
                    while (Math.abs(ip.toUnit(iv) - c) > s + EPS && iv != ic) {
                        iv += Integer.signum(ic - iv);
                    }
                    v = iv;
                } else if (p instanceof ChoiceParameter cp) {
                    // rounding to the nearest choice can overshoot the step: walk back towards the current one
                    int iv = cp.choices().indexOf(v);
                    int ic = cp.choices().indexOf(cur);
                    while (Math.abs(cp.toUnit(cp.choices().get(iv)) - c) > s + EPS && iv != ic) {
                        iv += Integer.signum(ic - iv);
                    }
                    v = cp.choices().get(iv);
                }
            } else {
                v = p.validate(clampValue(p, v));
            }
            out.put(p.name(), v);
        }
        return new Configuration(out);
    }

    private static Object clampValue(Parameter<?> p, Object v) {
        if (p instanceof IntParameter ip && v instanceof Number n) {
            return (int) Math.max(ip.min(), Math.min(ip.max(), Math.round(n.doubleValue())));
        }
        if (p instanceof DoubleParameter dp && v instanceof Number n) {
            return Math.max(dp.min(), Math.min(dp.max(), n.doubleValue()));
        }
        return v;
    }

    private List<double[]> latinHypercube(Configuration around, int n) {
        List<double[]> pts = new ArrayList<>();
        if (n <= 0) {
            return pts;
        }
        double[] c = space.toUnit(around);
        int d = c.length;
        int[][] perm = new int[d][n];
        for (int j = 0; j < d; j++) {
            for (int i = 0; i < n; i++) {
                perm[j][i] = i;
            }
            for (int i = n - 1; i > 0; i--) {
                int k = random.nextInt(i + 1);
                int t = perm[j][i];
                perm[j][i] = perm[j][k];
                perm[j][k] = t;
            }
        }
        for (int i = 0; i < n; i++) {
            double[] u = new double[d];
            for (int j = 0; j < d; j++) {
                double s = stepFor(space.parameters().get(j));
                double lo = Math.max(0, c[j] - s);
                double hi = Math.min(1, c[j] + s);
                u[j] = lo + (perm[j][i] + random.nextDouble()) / n * (hi - lo);
            }
            pts.add(u);
        }
        return pts;
    }

    private Proposal advise(Configuration current, Observation obs) {
        Map<String, Double> sig = obs.signals();
        Double max = sig.get(Measurement.MAX_THROUGHPUT);
        Double opt = sig.get(Measurement.OPTIMAL_THROUGHPUT);
        if (max != null && opt != null && opt < 0.8 * max) {
            Proposal p = rule("THROUGHPUT_DEGRADATION", current, "batch", 2.0, 0.8, 0.20, String.format(
                    java.util.Locale.ROOT, "throughput degradation: optimal %.1f ops/s < 0.8 x max %.1f ops/s: double the batch size",
                    opt, max));
            if (p != null) {
                return p;
            }
        }
        double p50 = obs.metric(Metric.P50_LATENCY_MS);
        double p99 = obs.metric(Metric.P99_LATENCY_MS);
        if (p50 > 0 && p99 > 10 * p50) {
            Proposal p = rule("LATENCY_TAIL", current, "pipelin", 2.0, 0.7, 0.25, String.format(java.util.Locale.ROOT,
                    "tail latency: p99 %.2f ms > 10 x p50 %.2f ms: enable (or deepen) pipelining", p99, p50));
            if (p != null) {
                return p;
            }
        }
        Double pressure = sig.get(Measurement.RESOURCE_PRESSURE);
        if (pressure != null && pressure > 0.8) {
            for (String hint : new String[] {"concurren", "window"}) {
                Proposal p = rule("RESOURCE_CONSTRAINT", current, hint, 0.5, 0.65, 0.10, String.format(java.util.Locale.ROOT,
                        "resource pressure %.0f%% > 80%%: halve the concurrency", pressure * 100));
                if (p != null) {
                    return p;
                }
            }
        }
        return null;
    }

    private Proposal rule(String rule, Configuration current, String hint, double factor, double confidence,
                          double gain, String why) {
        for (Parameter<?> p : space.parameters()) {
            if (!p.name().toLowerCase(java.util.Locale.ROOT).contains(hint) || !rulesUsed.add(rule + ":" + p.name())) {
                continue;
            }
            Object cur = current.values().getOrDefault(p.name(), p.defaultValue());
            Object next;
            if (p instanceof BooleanParameter) {
                next = factor >= 1;
            } else if (p instanceof IntParameter ip) {
                int v = (Integer) cur;
                next = (int) Math.max(ip.min(), Math.min(ip.max(), factor >= 1 ? Math.max(v + 1, Math.round(v * factor))
                        : Math.min(v - 1, Math.round(v * factor))));
            } else if (p instanceof DoubleParameter dp) {
                next = Math.max(dp.min(), Math.min(dp.max(), (Double) cur * factor));
            } else {
                continue;
            }
            Configuration c = bound(current.with(Configuration.of(p.name(), next)), current);
            if (!c.equals(current) && !exhausted(c)) {
                return new Proposal(c.values(), Proposal.Source.ADVISOR, confidence, gain, Double.NaN, Double.NaN,
                        rule + " on '" + p.name() + "': " + why);
            }
        }
        return null;
    }

    static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
