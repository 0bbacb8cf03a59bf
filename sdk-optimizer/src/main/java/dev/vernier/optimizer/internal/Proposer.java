package dev.vernier.optimizer.internal;

import dev.vernier.api.tuning.BooleanParameter;
import dev.vernier.api.tuning.ChoiceParameter;
import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.DoubleParameter;
import dev.vernier.api.tuning.IntParameter;
import dev.vernier.api.tuning.Metric;
import dev.vernier.api.tuning.Objective;
import dev.vernier.api.tuning.Parameter;
import dev.vernier.api.tuning.ParameterRole;
import dev.vernier.api.tuning.ParameterSpace;
import dev.vernier.optimizer.Measurement;
import dev.vernier.optimizer.Observation;
import dev.vernier.optimizer.Prediction;
import dev.vernier.optimizer.Proposal;
import dev.vernier.optimizer.SurrogateModel;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Proposes the next configuration: rule-based advisors keyed on parameter roles first, then a
 * seeded Latin hypercube design within the trust region, then constrained expected improvement on
 * the surrogates over diverse candidates within the trust region. A model proposal whose calibrated
 * confidence is below the threshold is returned as {@link Proposal.Source#EXPLORATION}, labelled,
 * for the session to measure or to stop on. Every proposal is within bounds and within the safe
 * step of the incumbent. Not thread-safe: one per session.
 */
public final class Proposer {

    private static final double EPS = 1e-9;
    /**
     * Most comparisons of one configuration: a proposal whose gain was promising but not significant
     * may be compared again (its earlier pairs count again while the incumbent is the same).
     */
    private static final int MAX_MEASURED = 3;

    /**
     * What the proposer needs to know about the session.
     *
     * @param seed random seed
     * @param initialPoints initial design points
     * @param maxStep safe step: largest change of a numeric parameter, unit coordinates (0, 1]
     * @param candidates random candidates scored per model proposal
     * @param advisors whether the rule-based advisors run
     * @param confidence threshold: the chosen model candidate is labelled MODEL at or above it, EXPLORATION
     *     below (it does not pick the candidate)
     * @param keepThreshold relative gain a change must bring to be kept (0.05 = 5%)
     */
    public record Settings(long seed, int initialPoints, double maxStep, int candidates, boolean advisors,
                           double confidence, double keepThreshold) {
    }

    private final ParameterSpace space;
    private final Objective objective;
    private final Settings settings;
    private final Calibration calibration;
    private final Surrogates surrogates;
    private final Random random;
    private final List<Configuration> configs = new ArrayList<>();
    private final List<Surrogates.Point> points = new ArrayList<>();
    private final Map<Configuration, Integer> measured = new HashMap<>();
    private final Set<Configuration> remeasureAllowed = new HashSet<>();
    private final Set<String> rulesUsed = new HashSet<>();
    private Deque<double[]> design;
    private int designTotal;

    /**
     * @param space the parameters
     * @param objective what is optimised, with its constraints
     * @param models makes one surrogate per fitted model
     * @param settings the session's settings
     * @param calibration maps raw to calibrated confidence
     */
    public Proposer(ParameterSpace space, Objective objective, Supplier<SurrogateModel> models, Settings settings,
                    Calibration calibration) {
        this(space, objective, models, models, settings, calibration);
    }

    /**
     * @param space the parameters
     * @param objective what is optimised, with its constraints
     * @param models makes the objective's model on each fit
     * @param constraintModels makes each constraint's model on each fit
     * @param settings the session's settings
     * @param calibration maps raw to calibrated confidence
     */
    public Proposer(ParameterSpace space, Objective objective, Supplier<SurrogateModel> models,
                    Supplier<SurrogateModel> constraintModels, Settings settings, Calibration calibration) {
        this.space = space;
        this.objective = objective;
        this.settings = settings;
        this.calibration = calibration;
        boolean[] numeric = new boolean[space.size()];
        for (int j = 0; j < numeric.length; j++) {
            Parameter<?> p = space.parameters().get(j);
            numeric[j] = p instanceof IntParameter || p instanceof DoubleParameter;
        }
        this.surrogates = new Surrogates(models, constraintModels, objective.constraints(), numeric);
        this.random = new Random(settings.seed());
    }

    /**
     * Records a measured configuration.
     *
     * @param config the configuration
     * @param level its objective value on a drift-free scale (target unit; the incumbent's level times
     *     the paired ratio); NaN when unknown
     * @param metrics its mean metrics over its blocks (constraints are read from them)
     * @param inconclusive true when noise left the decision open, which allows one more measurement
     */
    public void observe(Configuration config, double level, Map<Metric, Double> metrics, boolean inconclusive) {
        record(config, toModel(level), metrics, null, Double.NaN, inconclusive);
    }

    /**
     * Records a configuration that collapsed (objective below half the incumbent's): the region past
     * it, seen from the incumbent, is avoided from now on.
     *
     * @param config the collapsed configuration
     * @param metrics its mean metrics over its blocks
     * @param incumbent the incumbent it was compared with
     * @param incumbentLevel the incumbent's objective level (target unit)
     */
    public void observeCollapse(Configuration config, Map<Metric, Double> metrics, Configuration incumbent,
                                double incumbentLevel) {
        record(config, Double.NaN, metrics, space.toUnit(incumbent), toModel(incumbentLevel), false);
    }

    private void record(Configuration config, double y, Map<Metric, Double> metrics, double[] from, double fromY,
                        boolean inconclusive) {
        int n = measured.merge(config, 1, Integer::sum);
        if (inconclusive && n < MAX_MEASURED) {
            remeasureAllowed.add(config);
        } else {
            remeasureAllowed.remove(config);
        }
        double[] c = new double[objective.constraints().size()];
        for (int k = 0; k < c.length; k++) {
            Objective.Constraint con = objective.constraints().get(k);
            Double v = metrics.get(con.metric());
            double scale = Math.abs(con.limit()) > 1e-12 ? Math.abs(con.limit()) : 1;
            c[k] = v == null ? Double.NaN : v / scale;
        }
        configs.add(config);
        points.add(new Surrogates.Point(space.toUnit(config), y, c, from != null, from, fromY));
    }

    /**
     * Sets the margins for noise by which a proposal must respect each constraint's limit for the
     * keep rule to show it (see {@link Surrogates#margins}); 0 (the default) scores the probability
     * of lying inside the limits.
     *
     * @param margins per constraint of the objective, in order (see {@link Duel#constraintMargin})
     */
    public void constraintMargins(double[] margins) {
        surrogates.margins(margins);
    }

    /** @return the model scale of an objective level: log, sign-adjusted so that larger is better */
    public double toModel(double level) {
        if (Double.isNaN(level)) {
            return Double.NaN;
        }
        double v = Math.log(Math.max(level, 1e-12));
        return objective.maximize() ? v : -v;
    }

    private boolean exhausted(Configuration c) {
        int n = measured.getOrDefault(c, 0);
        return n >= MAX_MEASURED || (n >= 1 && !remeasureAllowed.contains(c));
    }

    /**
     * @param incumbent the configuration in force (full)
     * @param incumbentObs its latest observation (for the advisors); may be null
     * @param incumbentLevel its objective level on the drift-free scale (target unit)
     * @param radius the trust region's radius (unit coordinates)
     * @return the next proposal, or null when nothing new is left within the trust region
     */
    public Proposal next(Configuration incumbent, Observation incumbentObs, double incumbentLevel, double radius) {
        boolean fitted = surrogates.fit(points);
        if (settings.advisors() && incumbentObs != null) {
            Proposal p = advise(incumbent, incumbentObs);
            if (p != null && p.confidence() >= settings.confidence()) {
                return annotate(p, incumbent, incumbentLevel, fitted);
            }
        }
        if (design == null) {
            design = new ArrayDeque<>(latinHypercube(incumbent, settings.initialPoints(), radius));
            designTotal = design.size();
        }
        while (!design.isEmpty()) {
            double[] u = design.poll();
            Configuration c = bound(space.fromUnit(u), incumbent);
            if (!c.equals(incumbent) && !exhausted(c)) {
                int i = designTotal - design.size();
                return annotate(new Proposal(c.values(), Proposal.Source.INITIAL_DESIGN, Double.NaN, Double.NaN,
                        Double.NaN, Double.NaN, Double.NaN, "initial design point " + i + "/" + designTotal
                        + " (Latin hypercube within the trust region): applied regardless of confidence"),
                        incumbent, incumbentLevel, fitted);
            }
        }
        return fitted ? fromModel(incumbent, radius) : null;
    }

    /** Adds the model's prediction to a design or advisor proposal, so that every step has predicted vs measured. */
    private Proposal annotate(Proposal p, Configuration incumbent, double incumbentLevel, boolean fitted) {
        if (!fitted) {
            return p;
        }
        double[] u = space.toUnit(new Configuration(p.configuration()));
        Surrogates.Score s = surrogates.score(u);
        double ref = surrogates.objective(space.toUnit(incumbent)).mean();
        return new Proposal(p.configuration(), p.source(), p.confidence(), gainOf(s.objective().mean() - ref),
                fromModel(s.objective().mean()), spread(s.objective()), s.safe(), p.rationale());
    }

    private Proposal fromModel(Configuration incumbent, double radius) {
        double[] c = space.toUnit(incumbent);
        double reference = surrogates.objective(c).mean();
        double tau = Math.log(1 + settings.keepThreshold());
        double threshold = reference + tau;
        Map<Configuration, double[]> pool = candidates(incumbent, c, radius);
        Configuration bestCfg = null;
        double[] bestX = null;
        Surrogates.Score best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        // chosen by acquisition alone: the calibrated confidence labels the proposal (model or
        // exploration), it does not pick it, so refitting the calibration never changes the search;
        // it is therefore computed for the chosen candidate only, not for each of the pool
        for (Map.Entry<Configuration, double[]> e : pool.entrySet()) {
            Surrogates.Score s = surrogates.score(e.getValue());
            double acquisition = Surrogates.expectedImprovement(s.objective(), threshold) * s.safe();
            if (bestCfg == null || acquisition > bestScore) {
                bestCfg = e.getKey();
                bestX = e.getValue();
                best = s;
                bestScore = acquisition;
            }
        }
        if (bestCfg == null) {
            return null;
        }
        double raw = Surrogates.probabilityAbove(best.objective(), threshold) * best.safe();
        Calibration.Features bestFeatures = new Calibration.Features(raw, best.objective().mean() - reference,
                best.objective().stdDev(), points.size(), nearest(bestX), radius);
        double bestConfidence = calibration.apply(bestFeatures);
        boolean bestConfident = bestConfidence >= settings.confidence();
        Proposal.Source source = bestConfident ? Proposal.Source.MODEL : Proposal.Source.EXPLORATION;
        String why = String.format(Locale.ROOT, "%s: constrained expected improvement %.3g, the best of %d candidates"
                        + " within radius %.3f; P(pays) %.2f (model %.3f, gain %+.3f, sd %.3f, %d points, nearest %.3f);"
                        + " P(feasible, not past a cliff) %.2f%s",
                bestConfident ? "model" : "exploration", bestScore, pool.size(), radius, bestConfidence,
                bestFeatures.raw(), bestFeatures.predictedGain(), bestFeatures.spread(), bestFeatures.observations(),
                bestFeatures.nearest(), best.safe(), bestConfident ? "" : String.format(Locale.ROOT,
                        "; below confidence %.2f", settings.confidence()));
        return new Proposal(bestCfg.values(), source, bestConfidence, gainOf(best.objective().mean() - reference),
                fromModel(best.objective().mean()), spread(best.objective()), best.safe(), why);
    }

    /** @return Euclidean distance to the nearest measured point, divided by the square root of the dimension */
    private double nearest(double[] x) {
        double best = Double.POSITIVE_INFINITY;
        for (Surrogates.Point p : points) {
            double d = 0;
            for (int j = 0; j < x.length; j++) {
                d += (x[j] - p.x()[j]) * (x[j] - p.x()[j]);
            }
            best = Math.min(best, d);
        }
        return Math.sqrt(best / x.length);
    }

    /** Diverse candidates within the trust region: uniform in the box, a few coordinates perturbed, near the best points. */
    private Map<Configuration, double[]> candidates(Configuration incumbent, double[] c, double radius) {
        List<double[]> good = bestPoints(3);
        double minDistance = 0.1 * radius;
        Map<Configuration, double[]> pool = new LinkedHashMap<>();
        for (Configuration open : remeasureAllowed) {
            // promising but not yet significant: measured again, its earlier pairs count again
            if (!open.equals(incumbent) && bound(open, incumbent).equals(open)) {
                pool.put(open, space.toUnit(open));
            }
        }
        int d = c.length;
        for (int k = 0; k < settings.candidates(); k++) {
            double[] u = new double[d];
            int kind = k % 4;
            double[] centre = kind == 3 && !good.isEmpty() ? good.get(random.nextInt(good.size())) : c;
            double p = Math.min(1, 2.0 / d);
            for (int j = 0; j < d; j++) {
                double s = stepFor(space.parameters().get(j), radius);
                double lo = Math.max(0, c[j] - s);
                double hi = Math.min(1, c[j] + s);
                switch (kind) {
                    case 0, 1 -> u[j] = lo + random.nextDouble() * (hi - lo);
                    default -> u[j] = random.nextDouble() < p || j == k % d
                            ? clamp(centre[j] + random.nextGaussian() * s * 0.5, lo, hi) : clamp(centre[j], lo, hi);
                }
            }
            Configuration cfg = bound(space.fromUnit(u), incumbent);
            if (cfg.equals(incumbent) || exhausted(cfg) || pool.containsKey(cfg)) {
                continue;
            }
            double[] x = space.toUnit(cfg);
            if (tooClose(x, minDistance) || surrogates.pastACliff(x)) {
                continue;
            }
            pool.put(cfg, x);
        }
        return pool;
    }

    private boolean tooClose(double[] x, double minDistance) {
        for (Surrogates.Point p : points) {
            double far = 0;
            for (int j = 0; j < x.length; j++) {
                far = Math.max(far, Math.abs(x[j] - p.x()[j]));
            }
            if (far < minDistance) {
                return true;
            }
        }
        return false;
    }

    private List<double[]> bestPoints(int n) {
        return points.stream().filter(p -> !p.collapsed() && !Double.isNaN(p.y()))
                .sorted((a, b) -> Double.compare(b.y(), a.y())).limit(n).map(Surrogates.Point::x).toList();
    }

    private double gainOf(double modelDifference) {
        return objective.maximize() ? Math.exp(modelDifference) - 1 : 1 - Math.exp(-modelDifference);
    }

    private double fromModel(double y) {
        return Math.exp(objective.maximize() ? y : -y);
    }

    private double spread(Prediction p) {
        return fromModel(p.mean()) * (Math.exp(p.stdDev()) - 1);
    }

    private double stepFor(Parameter<?> p, double radius) {
        if (p instanceof BooleanParameter) {
            return 1;
        }
        if (p instanceof ChoiceParameter cp) {
            return cp.choices().size() <= 1 ? 0 : Math.max(radius, 1.0 / (cp.choices().size() - 1));
        }
        return radius;
    }

    /**
     * Moves every parameter of {@code proposal} into its bounds and within the safe step of
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
            double s = stepFor(p, settings.maxStep());
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

    private List<double[]> latinHypercube(Configuration around, int n, double radius) {
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
                double s = stepFor(space.parameters().get(j), radius);
                double lo = Math.max(0, c[j] - s);
                double hi = Math.min(1, c[j] + s);
                u[j] = lo + (perm[j][i] + random.nextDouble()) / n * (hi - lo);
            }
            pts.add(u);
        }
        return pts;
    }

    /** The source documents' rules, keyed on parameter roles. */
    private Proposal advise(Configuration current, Observation obs) {
        Map<String, Double> sig = obs.signals();
        Double max = sig.get(Measurement.MAX_THROUGHPUT);
        Double opt = sig.get(Measurement.OPTIMAL_THROUGHPUT);
        if (max != null && opt != null && opt < 0.8 * max) {
            Proposal p = rule("THROUGHPUT_DEGRADATION", current, ParameterRole.BATCH_SIZE, 2.0, 0.8, 0.20,
                    String.format(Locale.ROOT, "throughput degradation: optimal %.1f ops/s < 0.8 x max %.1f ops/s:"
                            + " double the batch size", opt, max));
            if (p != null) {
                return p;
            }
        }
        double p50 = obs.metric(Metric.P50_LATENCY_MS);
        double p99 = obs.metric(Metric.P99_LATENCY_MS);
        if (p50 > 0 && p99 > 10 * p50) {
            Proposal p = rule("LATENCY_TAIL", current, ParameterRole.PIPELINE_WINDOW, 2.0, 0.7, 0.25,
                    String.format(Locale.ROOT, "tail latency: p99 %.2f ms > 10 x p50 %.2f ms: enable (or deepen)"
                            + " pipelining", p99, p50));
            if (p != null) {
                return p;
            }
        }
        Double pressure = sig.get(Measurement.RESOURCE_PRESSURE);
        if (pressure != null && pressure > 0.8) {
            return rule("RESOURCE_CONSTRAINT", current, ParameterRole.CONCURRENCY, 0.5, 0.65, 0.10,
                    String.format(Locale.ROOT, "resource pressure %.0f%% > 80%%: halve the concurrency", pressure * 100));
        }
        return null;
    }

    private Proposal rule(String rule, Configuration current, ParameterRole role, double factor, double confidence,
                          double gain, String why) {
        for (Parameter<?> p : space.parameters()) {
            if (p.role() != role || !rulesUsed.add(rule + ":" + p.name())) {
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
                        Double.NaN, rule + " on '" + p.name() + "' (" + role + "): " + why);
            }
        }
        return null;
    }

    static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
