package dev.vernier.optimizer;

import dev.vernier.core.stats.Stats;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.data.type.StructType;
import smile.regression.RandomForest;

import java.util.List;
import java.util.stream.LongStream;

/**
 * A surrogate that {@link OfflineSearch} uses and a session may choose
 * ({@code TuningSession.Builder.surrogate}; the session's default is {@link GaussianProcessSurrogate}):
 * a ridge-regularised quadratic trend with pairwise interaction terms (Commons
 * Math), and a Smile random forest (pure Java, no native code) grown on the trend's residuals. The
 * mean is the trend plus the average of the per-tree predictions; the uncertainty combines the
 * spread of the trees (as SMAC does) with the trend's parameter uncertainty.
 *
 * <p>Why both: trees alone never predict beyond the best value seen, so a proposal could never be
 * confidently better than the incumbent; a trend alone cannot represent a cliff or a plateau. The
 * trend has linear terms, squares and a term for every pair of parameters, so that peaks and
 * interactions (the best batch size depends on the window) are represented even where the forest
 * has too few points to split on them. Two ridge penalties, one on the linear terms and one on the
 * squares and products, are chosen by exact leave-one-out cross-validation over a small grid: with a
 * handful of points the curvature is penalised towards a plane unless the data ask for it, so a few
 * points do not yield a parabola that extrapolates wildly to the bounds. The trend's residual
 * variance is at least 5% of the data's, so that an exact fit of few points does not claim
 * certainty away from them.
 *
 * <p>With fewer than {@value #MIN_POINTS} points it predicts the mean of the data with the spread of
 * the data as uncertainty. Seeded, hence deterministic. Not thread-safe. Smile fits the trees on the
 * JVM's common fork-join pool.
 */
public final class RandomForestSurrogate implements SurrogateModel {

    /** Fewest points for which the trend and the forest are fitted. */
    public static final int MIN_POINTS = 3;
    /**
     * Share of the rows each tree is grown on, drawn without replacement. A bootstrap (Smile's rate
     * 1.0: n rows with replacement) leaves no row out of bag in a fifth of the trees at 3 points and
     * a tenth at 4, and Smile reports each such tree at ERROR; without replacement,
     * {@code round(0.632 n)} rows (a bootstrap's expected share of distinct rows) is at most
     * {@code n - 1} from 3 points on, so every tree has out-of-bag rows and the trees differ as much.
     */
    static final double SUBSAMPLE = 0.632;
    /** Penalties per point on the linear terms. */
    private static final double[] RIDGE_LINEAR = {1e-3, 1e-1};
    /** Penalties per point on the squares and products. */
    private static final double[] RIDGE_CURVATURE = {1e-2, 1e-1, 1, 10, 100};

    private final int trees;
    private final long seed;
    private final boolean trend;
    private RandomForest forest;
    private RandomForest.Model[] models;
    private StructType schema;
    private double fallbackMean = Double.NaN;
    private double fallbackStd;
    private double[] beta;
    private RealMatrix covariance;
    private double residualVariance;
    private int terms;

    /** A forest of 100 trees with seed 1 and a trend. */
    public RandomForestSurrogate() {
        this(100, 1);
    }

    /**
     * @param trees number of trees, at least 1
     * @param seed random seed
     * @throws IllegalArgumentException when trees is less than 1
     */
    public RandomForestSurrogate(int trees, long seed) {
        this(trees, seed, true);
    }

    /**
     * @param trees number of trees, at least 1
     * @param seed random seed
     * @param trend whether to fit the quadratic trend with interactions first and grow the forest on
     *     its residuals (default true)
     * @throws IllegalArgumentException when trees is less than 1
     */
    public RandomForestSurrogate(int trees, long seed, boolean trend) {
        if (trees < 1) {
            throw new IllegalArgumentException("trees must be at least 1, but was " + trees);
        }
        this.trend = trend;
        this.trees = trees;
        this.seed = seed;
    }

    @Override
    public void fit(List<double[]> x, double[] y) {
        if (x.size() != y.length || x.isEmpty()) {
            throw new IllegalArgumentException("x and y must be non-empty and of equal length, but were " + x.size()
                    + " and " + y.length);
        }
        double mean = Stats.mean(y);
        double var = Stats.variance(y);
        fallbackMean = mean;
        fallbackStd = y.length > 1 ? Math.sqrt(var) : Math.abs(mean);
        forest = null;
        models = null;
        beta = null;
        if (x.size() < MIN_POINTS || var == 0) {
            return;
        }
        double[] target = trend ? detrend(x, y) : y;
        int d = x.get(0).length;
        String[] names = new String[d + 1];
        double[][] data = new double[x.size()][d + 1];
        for (int j = 0; j < d; j++) {
            names[j] = "x" + j;
        }
        names[d] = "y";
        for (int i = 0; i < x.size(); i++) {
            System.arraycopy(x.get(i), 0, data[i], 0, d);
            data[i][d] = target[i];
        }
        int n = x.size();
        int mtry = Math.max(1, (int) Math.ceil(d / 2.0));
        DataFrame frame = DataFrame.of(data, names);
        schema = frame.schema();
        forest = RandomForest.fit(Formula.lhs("y"), frame, trees, mtry, 20, Math.max(2 * n, 8), 2,
                SUBSAMPLE, LongStream.range(0, trees).map(i -> seed * 1_000_003L + i));
        models = forest.models();
    }

    @Override
    public Prediction predict(double[] x) {
        if (Double.isNaN(fallbackMean)) {
            throw new IllegalStateException("the surrogate is not fitted");
        }
        if (forest == null) {
            return new Prediction(fallbackMean, fallbackStd);
        }
        double trendMean = 0;
        double trendVar = 0;
        if (beta != null) {
            double[] f = features(x, terms);
            trendMean = dot(beta, f);
            trendVar = residualVariance * dot(covariance.operate(f), f);
        }
        double[] row = new double[x.length + 1];
        System.arraycopy(x, 0, row, 0, x.length);
        Tuple t = forest.formula().x(Tuple.of(row, schema));
        double sum = 0;
        double sq = 0;
        for (RandomForest.Model m : models) {
            double p = m.tree.predict(t);
            sum += p;
            sq += p * p;
        }
        double m = sum / models.length;
        double var = Math.max(0, sq / models.length - m * m);
        return new Prediction(trendMean + m, Math.sqrt(var + Math.max(0, trendVar)));
    }

    /** @return each tree's number of out-of-bag rows (empty before a forest is grown); for tests */
    int[] outOfBagRows() {
        return models == null ? new int[0] : java.util.Arrays.stream(models).mapToInt(m -> m.metrics.size).toArray();
    }

    /**
     * Features centred on the middle of the unit cube: 1, z_j, then z_j^2, then z_j z_k for {@code j < k},
     * the first {@code terms} of them.
     */
    static double[] features(double[] x, int terms) {
        int d = x.length;
        double[] f = new double[1 + 2 * d + d * (d - 1) / 2];
        f[0] = 1;
        int k = 1 + 2 * d;
        for (int j = 0; j < d; j++) {
            double z = x[j] - 0.5;
            f[1 + j] = z;
            f[1 + d + j] = z * z;
            for (int l = j + 1; l < d; l++) {
                f[k++] = z * (x[l] - 0.5);
            }
        }
        return terms == f.length ? f : java.util.Arrays.copyOf(f, terms);
    }


    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /**
     * Fits the ridge trend, its two penalties (per point; the intercept is not penalised) chosen by
     * exact leave-one-out error over {@link #RIDGE_LINEAR} x {@link #RIDGE_CURVATURE}, and returns
     * the residuals.
     */
    private double[] detrend(List<double[]> x, double[] y) {
        int n = x.size();
        int d = x.get(0).length;
        terms = 1 + 2 * d + d * (d - 1) / 2;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = features(x.get(i), terms);
        }
        double floor = 0.05 * Stats.variance(y);
        RealMatrix design = MatrixUtils.createRealMatrix(a);
        RealMatrix gram = design.transpose().multiply(design);
        double bestLoo = Double.POSITIVE_INFINITY;
        for (double linear : RIDGE_LINEAR) {
            for (double curvature : RIDGE_CURVATURE) {
                RealMatrix g = gram.copy();
                for (int i = 1; i < terms; i++) {
                    g.addToEntry(i, i, n * (i <= d ? linear : curvature));
                }
                g.addToEntry(0, 0, 1e-9);
                RealMatrix inv = new LUDecomposition(g).getSolver().getInverse();
                double[] b = inv.operate(design.transpose().operate(y));
                double loo = 0;
                double rss = 0;
                for (int i = 0; i < n; i++) {
                    double r = y[i] - dot(b, a[i]);
                    double h = dot(inv.operate(a[i]), a[i]);
                    double e = r / Math.max(1e-6, 1 - h);
                    loo += e * e;
                    rss += r * r;
                }
                if (loo < bestLoo) {
                    bestLoo = loo;
                    beta = b;
                    covariance = inv;
                    residualVariance = Math.max(floor, rss / Math.max(1, n - 1));
                }
            }
        }
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = y[i] - dot(beta, a[i]);
        }
        return r;
    }
}
