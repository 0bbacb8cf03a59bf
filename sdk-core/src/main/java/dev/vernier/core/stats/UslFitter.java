package dev.vernier.core.stats;

import dev.vernier.core.result.UslFit;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresBuilder;
import org.apache.commons.math3.fitting.leastsquares.LeastSquaresOptimizer;
import org.apache.commons.math3.fitting.leastsquares.LevenbergMarquardtOptimizer;
import org.apache.commons.math3.fitting.leastsquares.MultivariateJacobianFunction;
import org.apache.commons.math3.fitting.leastsquares.ParameterValidator;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.util.Pair;

/**
 * Fits the Universal Scalability Law {@code X(N) = lambda N / (1 + sigma (N - 1) + kappa N (N - 1))}
 * to throughput measured at several cluster sizes, within the law's constraints
 * ({@code lambda > 0}, {@code 0 <= sigma <= 1}, {@code kappa >= 0}), and says how far to trust it.
 *
 * <p>Method: least squares on throughput. For fixed {@code sigma} and {@code kappa} the best
 * {@code lambda} is linear, so a grid over {@code sigma} in [0, 1] and {@code kappa} in
 * {0} and [1e-7, 10] (log-spaced) finds the basin of the global minimum; Commons Math's
 * Levenberg-Marquardt then polishes it with a {@link ParameterValidator} that keeps every step
 * inside the constraints. Uncertainty: Wald intervals from the Jacobian at the fit,
 * {@code s^2 (J^T J)^-1} with {@code s^2 = RSS / (sizes - 3)}, Student t with {@code sizes - 3}
 * degrees of freedom, clipped to the constraints; the peak's interval by the delta method on its
 * logarithm. With 3 sizes the curve passes through every point: the fit has no uncertainty and
 * says so. Under {@value UslFit#TRUSTED_SIZES} sizes the note says the fit is indicative only.
 *
 * <p>Stateless and thread-safe.
 */
public final class UslFitter {

    /** Fewest distinct sizes a fit is made from. */
    public static final int MIN_SIZES = 3;
    /** Confidence level of the intervals. */
    public static final double CONFIDENCE = 0.95;

    private static final double KAPPA_MAX = 1e3;

    private UslFitter() {
    }

    /**
     * A fit, or why there is none.
     *
     * @param fit the fit, or null with fewer than {@link #MIN_SIZES} sizes or when it failed
     * @param note why there is no fit or why not to trust it, or an empty string
     */
    public record Outcome(UslFit fit, String note) {
    }

    /**
     * @param points {nodes, throughput in ops/s} pairs; repeated sizes are averaged; points with a
     *     non-finite or negative value are ignored
     * @return the fit and a note
     */
    public static Outcome fit(List<double[]> points) {
        TreeMap<Double, double[]> bySize = new TreeMap<>();
        for (double[] p : points) {
            if (p.length >= 2 && Double.isFinite(p[0]) && p[0] >= 1 && Double.isFinite(p[1]) && p[1] >= 0) {
                bySize.merge(p[0], new double[] {p[1], 1}, (a, b) -> new double[] {a[0] + b[0], a[1] + b[1]});
            }
        }
        int n = bySize.size();
        if (n < MIN_SIZES) {
            return new Outcome(null, "a Universal Scalability Law fit needs at least " + MIN_SIZES + " sizes, measured "
                    + n);
        }
        double[] x = new double[n];
        double[] y = new double[n];
        int i = 0;
        for (var e : bySize.entrySet()) {
            x[i] = e.getKey();
            y[i] = e.getValue()[0] / e.getValue()[1];
            i++;
        }
        try {
            UslFit fit = fit(x, y);
            return new Outcome(fit, fit.note());
        } catch (RuntimeException e) {
            return new Outcome(null, "the Universal Scalability Law fit failed: " + e.getMessage());
        }
    }

    private static UslFit fit(double[] x, double[] y) {
        int n = x.length;
        double[] start = gridSearch(x, y);
        double[] p = start;
        try {
            LeastSquaresOptimizer.Optimum o = new LevenbergMarquardtOptimizer().optimize(new LeastSquaresBuilder()
                    .start(start).model(model(x)).target(y).parameterValidator(UslFitter::clamp)
                    .maxEvaluations(10_000).maxIterations(10_000).build());
            double[] polished = o.getPoint().toArray();
            if (rss(x, y, polished) <= rss(x, y, start)) {
                p = polished;
            }
        } catch (RuntimeException e) {
            // the grid point stands: it is inside the constraints and near the minimum
        }
        double lambda = p[0];
        double sigma = p[1];
        double kappa = p[2];
        double ssRes = rss(x, y, p);
        double mean = 0;
        for (double v : y) {
            mean += v / n;
        }
        double ssTot = 0;
        for (double v : y) {
            ssTot += (v - mean) * (v - mean);
        }
        double r2 = ssTot == 0 ? 1 : 1 - ssRes / ssTot;

        int df = n - 3;
        UslFit.Interval li = UslFit.Interval.UNDEFINED;
        UslFit.Interval si = UslFit.Interval.UNDEFINED;
        UslFit.Interval ki = UslFit.Interval.UNDEFINED;
        double[][] cov = null;
        double t = Double.NaN;
        if (df > 0) {
            cov = covariance(x, p, ssRes / df);
            if (cov != null) {
                t = Stats.tCritical(CONFIDENCE, df);
                li = interval(lambda, t * Math.sqrt(cov[0][0]), 0, Double.POSITIVE_INFINITY);
                si = interval(sigma, t * Math.sqrt(cov[1][1]), 0, 1);
                ki = interval(kappa, t * Math.sqrt(cov[2][2]), 0, Double.POSITIVE_INFINITY);
            }
        }
        Double peak = kappa > 0 && sigma < 1 ? Math.sqrt((1 - sigma) / kappa) : null;
        UslFit.Interval pi = null;
        if (peak != null) {
            pi = UslFit.Interval.UNDEFINED;
            if (cov != null) {
                double gs = -0.5 / (1 - sigma);
                double gk = -0.5 / kappa;
                double var = gs * gs * cov[1][1] + 2 * gs * gk * cov[1][2] + gk * gk * cov[2][2];
                double h = t * Math.sqrt(Math.max(0, var));
                pi = new UslFit.Interval(peak * Math.exp(-h), ki.lower() <= 0 ? Double.POSITIVE_INFINITY
                        : peak * Math.exp(h));
            }
        }
        boolean trusted = n >= UslFit.TRUSTED_SIZES;
        String note = n == 3 ? "3 sizes for 3 parameters: the curve passes through every point, so R² says"
                + " nothing and the fit has no uncertainty; measure at least " + UslFit.TRUSTED_SIZES + " sizes to trust it"
                : !trusted ? String.format(Locale.ROOT, "only %d sizes for 3 parameters (%d degree%s of freedom left):"
                + " the fit is indicative and its intervals are wide; measure at least %d sizes to trust it", n, df,
                df == 1 ? "" : "s", UslFit.TRUSTED_SIZES) : "";
        return new UslFit(lambda, sigma, kappa, r2, peak, interpretation(x, y, sigma, kappa, peak, pi), n, CONFIDENCE,
                li, si, ki, pi, trusted, note);
    }

    private static String interpretation(double[] x, double[] y, double sigma, double kappa, Double peak,
                                         UslFit.Interval pi) {
        String coefficients = String.format(Locale.ROOT, "contention %.3f, coherency %.4f", sigma, kappa);
        int last = x.length - 1;
        if (y[last] < y[0] && (peak == null || peak <= x[0])) {
            return String.format(Locale.ROOT, "throughput falls as nodes are added from %d on: each node adds more"
                    + " coordination than capacity (%s), as when every write goes to every replica", (int) x[0],
                    coefficients);
        }
        String range = pi != null && pi.defined() ? String.format(Locale.ROOT, " (95%% CI %.1f to %s)", pi.lower(),
                Double.isInfinite(pi.upper()) ? "unbounded" : String.format(Locale.ROOT, "%.1f", pi.upper())) : "";
        if (peak != null && peak < x[last]) {
            return String.format(Locale.ROOT, "throughput peaks near %.1f nodes%s; adding nodes beyond that costs"
                    + " throughput (%s)", peak, range, coefficients);
        }
        if (peak != null) {
            return String.format(Locale.ROOT, "throughput keeps rising up to about %.1f nodes%s (%s)", peak, range,
                    coefficients);
        }
        if (sigma >= 1) {
            return "throughput does not grow with nodes (" + coefficients + ")";
        }
        return sigma == 0 ? "throughput grows linearly with nodes within the model (" + coefficients + ")"
                : "no peak within the model: throughput approaches " + String.format(Locale.ROOT, "%.3g", 1 / sigma)
                + " times one node's (" + coefficients + ")";
    }

    private static UslFit.Interval interval(double value, double half, double min, double max) {
        if (Double.isNaN(half)) {
            return UslFit.Interval.UNDEFINED;
        }
        return new UslFit.Interval(Math.max(min, value - half), Math.min(max, value + half));
    }

    /** {@code s^2 (J^T J)^-1}, or null when J^T J is singular. */
    private static double[][] covariance(double[] x, double[] p, double s2) {
        RealMatrix j = new Array2DRowRealMatrix(x.length, 3);
        for (int i = 0; i < x.length; i++) {
            j.setRow(i, gradient(x[i], p));
        }
        RealMatrix jtj = j.transpose().multiply(j);
        org.apache.commons.math3.linear.DecompositionSolver solver =
                new org.apache.commons.math3.linear.SingularValueDecomposition(jtj).getSolver();
        if (!solver.isNonSingular()) {
            return null;
        }
        return solver.getInverse().scalarMultiply(s2).getData();
    }

    /** Coarse global search: closed-form lambda for each (sigma, kappa) on a grid. */
    private static double[] gridSearch(double[] x, double[] y) {
        double[] best = null;
        double bestRss = Double.POSITIVE_INFINITY;
        for (int si = 0; si <= 50; si++) {
            double sigma = si / 50.0;
            for (int ki = -1; ki <= 80; ki++) {
                double kappa = ki < 0 ? 0 : Math.pow(10, -7 + ki * 8.0 / 80);
                double num = 0;
                double den = 0;
                for (int i = 0; i < x.length; i++) {
                    double f = shape(x[i], sigma, kappa);
                    num += y[i] * f;
                    den += f * f;
                }
                double lambda = den > 0 ? Math.max(num / den, 1e-12) : 1e-12;
                double[] p = {lambda, sigma, kappa};
                double r = rss(x, y, p);
                if (r < bestRss) {
                    bestRss = r;
                    best = p;
                }
            }
        }
        return best;
    }

    /** X(N) / lambda. */
    private static double shape(double n, double sigma, double kappa) {
        return n / (1 + sigma * (n - 1) + kappa * n * (n - 1));
    }

    private static double rss(double[] x, double[] y, double[] p) {
        double s = 0;
        for (int i = 0; i < x.length; i++) {
            double e = y[i] - p[0] * shape(x[i], p[1], p[2]);
            s += e * e;
        }
        return s;
    }

    private static double[] gradient(double n, double[] p) {
        double d = 1 + p[1] * (n - 1) + p[2] * n * (n - 1);
        return new double[] {n / d, -p[0] * n * (n - 1) / (d * d), -p[0] * n * n * (n - 1) / (d * d)};
    }

    private static MultivariateJacobianFunction model(double[] x) {
        return point -> {
            double[] p = point.toArray();
            double[] values = new double[x.length];
            double[][] jac = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                values[i] = p[0] * shape(x[i], p[1], p[2]);
                jac[i] = gradient(x[i], p);
            }
            return new Pair<RealVector, RealMatrix>(new ArrayRealVector(values, false),
                    new Array2DRowRealMatrix(jac, false));
        };
    }

    /** Keeps a step of the optimiser inside the constraints. */
    private static RealVector clamp(RealVector p) {
        return new ArrayRealVector(new double[] {Math.max(p.getEntry(0), 1e-12),
                Math.min(1, Math.max(0, p.getEntry(1))), Math.min(KAPPA_MAX, Math.max(0, p.getEntry(2)))});
    }
}
