package dev.vernier.optimizer.internal;

import dev.vernier.api.tuning.Objective;
import dev.vernier.optimizer.Prediction;
import dev.vernier.optimizer.SurrogateModel;
import org.apache.commons.math3.distribution.NormalDistribution;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * The session's models, refitted from scratch on every proposal: one for the objective and one per
 * constraint of the objective (the constrained metric itself, relative to its limit; its logarithm for a
 * metric whose noise is relative, such as a latency percentile, when every value is positive: a p99
 * that grows as a power of the batch size is then a straight line on the batch's log scale, where the
 * linear trend of the model fits it, instead of a curve it bends near the limit). A candidate's
 * score is its expected improvement weighed by the probability that every constraint holds
 * (constrained expected improvement, Gardner et al. 2014) and by whether it lies past a cliff.
 *
 * <p>Cliffs: a collapse (a configuration whose objective fell below half the incumbent's) is kept
 * out of the objective model (a collapse to 10% would bend a smooth trend out of shape) and the
 * region past it is avoided: the half-space of candidates that moved, along the collapsed step, at
 * least {@value #PAST} of the way from the incumbent of the time to the collapsed point (and
 * beyond). A threshold on the batch size thus excludes the larger batches and the search bisects
 * towards the cliff from the safe side. The step is taken over the numeric parameters only when
 * any of them moved: a boolean flipped together with a batch that went too far is not blamed (in
 * unit coordinates a flip is a step of 1 that would dominate the direction, and excluding
 * pipelining because a batch of 3000 collapsed cost the session the pipelining gain); a collapse
 * of a step that changed only booleans or choices excludes past those. One collapse of a step that
 * changed both is ambiguous; the second collapse of a step that set the same boolean or choice to
 * the same value, with another numeric move, blames that value: it is excluded from then on (a
 * configuration that stalls with pipelining on, whatever the batch), and the numeric moves of the
 * steps it explains are no longer blamed.
 *
 * <p>Objective values are on a log scale (multiplicative effects become additive) and sign-adjusted
 * so that larger is better. Not thread-safe: one per session.
 */
public final class Surrogates {

    private static final NormalDistribution NORMAL = new NormalDistribution(null, 0, 1);
    /** Least uncertainty of a constraint model, relative to the limit: models that agree with each other are not certain. */
    private static final double CONSTRAINT_FLOOR = 0.05;

    /** Share of the way from the incumbent to a collapsed point past which candidates are excluded. */
    static final double PAST = 0.5;

    /**
     * One measured configuration, as the models see it.
     *
     * @param x unit-cube coordinates
     * @param y objective on the model's scale (log level, sign-adjusted); NaN when unknown
     * @param constraints each constraint's metric divided by its limit (NaN when not measured)
     * @param collapsed whether the configuration collapsed
     * @param from for a collapsed point, the incumbent it was compared with (unit-cube coordinates); else null
     * @param fromY for a collapsed point, the incumbent's objective on the model's scale; else NaN
     */
    public record Point(double[] x, double y, double[] constraints, boolean collapsed, double[] from, double fromY) {
    }

    /**
     * A candidate's score.
     *
     * @param objective the objective model's prediction (model scale)
     * @param feasible probability that every constraint holds
     * @param noCollapse 0 when it lies past a cliff, else 1
     */
    public record Score(Prediction objective, double feasible, double noCollapse) {
        /** @return probability that it is feasible and does not collapse */
        public double safe() {
            return feasible * noCollapse;
        }
    }

    private final Supplier<SurrogateModel> factory;
    private final Supplier<SurrogateModel> constraintFactory;
    private final List<Objective.Constraint> constraints;
    private final boolean[] numeric;
    private SurrogateModel objectiveModel;
    private final List<SurrogateModel> constraintModels = new ArrayList<>();
    /** Per constraint, whether its model was fitted on the logarithm of the metric over its limit. */
    private boolean[] constraintLog = new boolean[0];
    /** Per constraint, the margin for noise a candidate must respect its limit by (see {@link #margins}). */
    private double[] margins;
    private List<Point> fitted = List.of();
    /** Categorical values blamed for collapses: {coordinate, unit value} pairs. */
    private List<double[]> blamed = List.of();

    /**
     * @param factory makes one model per fit
     * @param constraints the objective's constraints, in order
     */
    public Surrogates(Supplier<SurrogateModel> factory, List<Objective.Constraint> constraints) {
        this(factory, constraints, null);
    }

    /**
     * @param factory makes one model per fit
     * @param constraints the objective's constraints, in order
     * @param numeric per unit-cube coordinate, whether the parameter is numeric (integer or double);
     *     null when all are
     */
    public Surrogates(Supplier<SurrogateModel> factory, List<Objective.Constraint> constraints, boolean[] numeric) {
        this(factory, factory, constraints, numeric);
    }

    /**
     * @param factory makes the objective's model on each fit
     * @param constraintFactory makes each constraint's model on each fit
     * @param constraints the objective's constraints, in order
     * @param numeric per unit-cube coordinate, whether the parameter is numeric (integer or double);
     *     null when all are
     */
    public Surrogates(Supplier<SurrogateModel> factory, Supplier<SurrogateModel> constraintFactory,
                      List<Objective.Constraint> constraints, boolean[] numeric) {
        this.factory = factory;
        this.constraintFactory = constraintFactory;
        this.constraints = List.copyOf(constraints);
        this.numeric = numeric == null ? null : numeric.clone();
        this.margins = new double[constraints.size()];
    }

    /**
     * Sets the margins for noise by which a candidate must respect each limit to be kept, so that
     * the probability of feasibility in {@link #score} is the probability of passing the keep rule's
     * constraint check rather than of lying just inside the limit, where the check cannot show it
     * and a comparison ends reverted after all its blocks.
     *
     * @param margins per constraint, in order: on the log scale for a metric with relative noise, in
     *     the metric's unit for others (as {@link Duel#constraintMargin}); each at least 0
     */
    public void margins(double[] margins) {
        if (margins.length != constraints.size()) {
            throw new IllegalArgumentException("margins must have one value per constraint (" + constraints.size()
                    + "), but had " + margins.length);
        }
        for (double m : margins) {
            if (!(m >= 0) || Double.isInfinite(m)) {
                throw new IllegalArgumentException("margins must be finite and at least 0, but were "
                        + java.util.Arrays.toString(margins));
            }
        }
        this.margins = margins.clone();
    }

    /**
     * Fits every model on the points.
     *
     * @param points the measured configurations, at least one
     * @return false when no point has a known objective (nothing was fitted)
     */
    public boolean fit(List<Point> points) {
        fitted = List.copyOf(points);
        blamed = blame(points);
        List<double[]> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        for (Point p : points) {
            if (!p.collapsed() && !Double.isNaN(p.y())) {
                x.add(p.x());
                y.add(p.y());
            }
        }
        objectiveModel = null;
        if (x.isEmpty()) {
            return false;
        }
        objectiveModel = factory.get();
        objectiveModel.fit(x, y.stream().mapToDouble(Double::doubleValue).toArray());
        constraintModels.clear();
        constraintLog = new boolean[constraints.size()];
        for (int k = 0; k < constraints.size(); k++) {
            List<double[]> cx = new ArrayList<>();
            List<Double> cy = new ArrayList<>();
            for (Point p : points) {
                if (!Double.isNaN(p.constraints()[k])) {
                    cx.add(p.x());
                    cy.add(p.constraints()[k]);
                }
            }
            SurrogateModel m = null;
            double[] v = cy.stream().mapToDouble(Double::doubleValue).toArray();
            boolean log = Paired.logScale(constraints.get(k).metric()) && v.length > 0
                    && java.util.Arrays.stream(v).allMatch(c -> c > 0);
            if (log) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = Math.log(v[i]);
                }
            }
            if (!cx.isEmpty()) {
                m = constraintFactory.get();
                m.fit(cx, v);
            }
            constraintModels.add(m);
            constraintLog[k] = log;
        }
        return true;
    }

    /** @return the objective model's prediction at {@code x} (model scale) */
    public Prediction objective(double[] x) {
        return objectiveModel.predict(x);
    }

    /**
     * @param x a point of the unit cube
     * @return its score
     */
    public Score score(double[] x) {
        Prediction p = objectiveModel.predict(x);
        double feasible = 1;
        for (int k = 0; k < constraints.size(); k++) {
            SurrogateModel m = constraintModels.get(k);
            if (m == null) {
                continue;
            }
            Prediction c = m.predict(x);
            double sd = Math.sqrt(c.stdDev() * c.stdDev() + CONSTRAINT_FLOOR * CONSTRAINT_FLOOR);
            Objective.Constraint con = constraints.get(k);
            boolean atMost = con.kind() == Objective.Constraint.Kind.AT_MOST;
            double margin = constraintLog[k] ? margins[k] : Paired.logScale(con.metric())
                    ? Math.expm1(margins[k]) : margins[k] / (Math.abs(con.limit()) > 1e-12 ? Math.abs(con.limit()) : 1);
            double z = ((constraintLog[k] ? 0 : 1) + (atMost ? -margin : margin) - c.mean()) / sd;
            feasible *= atMost ? NORMAL.cumulativeProbability(z) : NORMAL.cumulativeProbability(-z);
        }
        return new Score(p, feasible, pastACliff(x) ? 0 : 1);
    }

    /** @return whether {@code x} lies past a collapse (see the class comment) */
    public boolean pastACliff(double[] x) {
        for (Point p : fitted) {
            if (p.collapsed() && p.from() != null && !explained(p) && beyond(x, p.from(), p.x())) {
                return true;
            }
        }
        for (double[] b : blamed) {
            if (Math.abs(x[(int) b[0]] - b[1]) < 1e-9) {
                return true;
            }
        }
        return false;
    }

    /** @return whether the collapsed step set a blamed categorical value (then its numeric move is not blamed) */
    private boolean explained(Point p) {
        for (double[] b : blamed) {
            int j = (int) b[0];
            if (Math.abs(p.x()[j] - b[1]) < 1e-9 && Math.abs(p.from()[j] - b[1]) > 1e-9) {
                return true;
            }
        }
        return false;
    }

    /** The categorical values set by at least two collapsed steps: {coordinate, unit value} pairs. */
    private List<double[]> blame(List<Point> points) {
        if (numeric == null) {
            return List.of();
        }
        List<double[]> out = new ArrayList<>();
        java.util.Map<String, Integer> seen = new java.util.HashMap<>();
        for (Point p : points) {
            if (!p.collapsed() || p.from() == null) {
                continue;
            }
            for (int j = 0; j < numeric.length; j++) {
                if (!numeric[j] && Math.abs(p.x()[j] - p.from()[j]) > 1e-12
                        && seen.merge(j + ":" + p.x()[j], 1, Integer::sum) == 2) {
                    out.add(new double[] {j, p.x()[j]});
                }
            }
        }
        return out;
    }

    /**
     * Past the hyperplane at {@link #PAST} of the way from {@code from} to {@code to}, perpendicular
     * to that step; the step counts the numeric coordinates only when any of them moved.
     */
    private boolean beyond(double[] x, double[] from, double[] to) {
        boolean numericMoved = false;
        for (int j = 0; j < x.length && numeric != null; j++) {
            numericMoved |= numeric[j] && Math.abs(to[j] - from[j]) > 1e-12;
        }
        double along = 0;
        double length = 0;
        for (int j = 0; j < x.length; j++) {
            if (numericMoved && !numeric[j]) {
                continue;
            }
            double step = to[j] - from[j];
            along += (x[j] - from[j]) * step;
            length += step * step;
        }
        return length > 1e-12 && along >= PAST * length;
    }

    /**
     * @param p a prediction (model scale)
     * @param threshold the value to beat
     * @return expected improvement over {@code threshold}
     */
    public static double expectedImprovement(Prediction p, double threshold) {
        double d = p.mean() - threshold;
        if (p.stdDev() <= 0) {
            return Math.max(0, d);
        }
        double z = d / p.stdDev();
        return d * NORMAL.cumulativeProbability(z) + p.stdDev() * NORMAL.density(z);
    }

    /**
     * @param p a prediction (model scale)
     * @param threshold the value to beat
     * @return probability that the true value exceeds {@code threshold}
     */
    public static double probabilityAbove(Prediction p, double threshold) {
        if (p.stdDev() <= 0) {
            return p.mean() > threshold ? 1 : 0;
        }
        return NORMAL.cumulativeProbability((p.mean() - threshold) / p.stdDev());
    }
}
