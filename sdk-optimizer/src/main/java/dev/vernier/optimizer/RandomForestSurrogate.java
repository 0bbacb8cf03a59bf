package dev.vernier.optimizer;

import smile.data.DataFrame;
import smile.data.Tuple;
import smile.data.formula.Formula;
import smile.regression.RandomForest;

import java.util.List;
import java.util.stream.LongStream;

/**
 * Default surrogate: a Smile random forest (pure Java, no native code). The mean is the average of
 * the per-tree predictions and the uncertainty their standard deviation. Trees are grown deep
 * (node size 2, as many leaves as points) because tuning sessions have only tens of observations.
 * With fewer than {@value #MIN_POINTS} points it predicts the mean of the data with the spread of
 * the data as uncertainty. Seeded, hence deterministic. Not thread-safe.
 */
public final class RandomForestSurrogate implements SurrogateModel {

    /** Fewest points for which a forest is grown. */
    public static final int MIN_POINTS = 4;

    private final int trees;
    private final long seed;
    private RandomForest forest;
    private smile.data.type.StructType schema;
    private double fallbackMean = Double.NaN;
    private double fallbackStd;
    private final boolean trend;
    private double[] beta;
    private org.apache.commons.math3.linear.RealMatrix covariance;
    private double residualVariance;

    /** A forest of 100 trees with seed 1. */
    public RandomForestSurrogate() {
        this(100, 1);
    }

    /**
     * @param trees number of trees, at least 1
     * @param seed random seed
     */
    public RandomForestSurrogate(int trees, long seed) {
        this(trees, seed, true);
    }

    /**
     * @param trees number of trees, at least 1
     * @param seed random seed
     * @param trend whether to fit a ridge-regularised quadratic trend (no cross terms) first and grow
     *     the forest on its residuals; trees alone cannot predict beyond the best observed value, so
     *     without a trend the probability of improvement rarely exceeds one half
     */
    public RandomForestSurrogate(int trees, long seed, boolean trend) {
        this.trend = trend;
        if (trees < 1) {
            throw new IllegalArgumentException("trees must be at least 1, but was " + trees);
        }
        this.trees = trees;
        this.seed = seed;
    }

    @Override
    public void fit(List<double[]> x, double[] y) {
        if (x.size() != y.length || x.isEmpty()) {
            throw new IllegalArgumentException("x and y must be non-empty and of equal length, but were " + x.size() + " and " + y.length);
        }
        double mean = 0;
        for (double v : y) {
            mean += v;
        }
        mean /= y.length;
        double var = 0;
        for (double v : y) {
            var += (v - mean) * (v - mean);
        }
        fallbackMean = mean;
        fallbackStd = y.length > 1 ? Math.sqrt(var / (y.length - 1)) : Math.abs(mean);
        forest = null;
        beta = null;
        if (x.size() < MIN_POINTS || var == 0) {
            return;
        }
        if (trend) {
            y = detrend(x, y);
        }
        int d = x.get(0).length;
        String[] names = new String[d + 1];
        double[][] data = new double[x.size()][d + 1];
        for (int j = 0; j < d; j++) {
            names[j] = "x" + j;
        }
        names[d] = "y";
        for (int i = 0; i < x.size(); i++) {
            System.arraycopy(x.get(i), 0, data[i], 0, d);
            data[i][d] = y[i];
        }
        int n = x.size();
        int mtry = Math.max(1, (d + 2) / 3);
        DataFrame frame = DataFrame.of(data, names);
        schema = frame.schema();
        forest = RandomForest.fit(Formula.lhs("y"), frame, trees, mtry, 20, Math.max(2 * n, 8), 2,
                1.0, LongStream.range(0, trees).map(i -> seed * 1_000_003L + i));
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
            double[] f = features(x);
            for (int i = 0; i < f.length; i++) {
                trendMean += beta[i] * f[i];
            }
            trendVar = residualVariance
                    * dot(covariance.operate(f), f);
        }
        double[] row = new double[x.length + 1];
        System.arraycopy(x, 0, row, 0, x.length);
        Tuple t = forest.formula().x(Tuple.of(row, schema));
        RandomForest.Model[] models = forest.models();
        double sum = 0;
        double sq = 0;
        for (RandomForest.Model m : models) {
            double p = m.tree.predict(t);
            sum += p;
            sq += p * p;
        }
        double mean = sum / models.length;
        double var = Math.max(0, sq / models.length - mean * mean);
        return new Prediction(trendMean + mean, Math.sqrt(var + trendVar));
    }

    private static double[] features(double[] x) {
        double[] f = new double[1 + 2 * x.length];
        f[0] = 1;
        for (int j = 0; j < x.length; j++) {
            f[1 + j] = x[j];
            f[1 + x.length + j] = x[j] * x[j];
        }
        return f;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Fits the ridge trend (lambda 1e-4 per point, intercept not penalised) and returns the residuals. */
    private double[] detrend(List<double[]> x, double[] y) {
        int n = x.size();
        int k = 1 + 2 * x.get(0).length;
        double[][] a = new double[n][];
        for (int i = 0; i < n; i++) {
            a[i] = features(x.get(i));
        }
        org.apache.commons.math3.linear.RealMatrix design = org.apache.commons.math3.linear.MatrixUtils.createRealMatrix(a);
        org.apache.commons.math3.linear.RealMatrix gram = design.transpose().multiply(design);
        for (int i = 1; i < k; i++) {
            gram.addToEntry(i, i, 1e-4 * n);
        }
        gram.addToEntry(0, 0, 1e-9);
        covariance = new org.apache.commons.math3.linear.LUDecomposition(gram).getSolver().getInverse();
        beta = covariance.operate(design.transpose().operate(y));
        double[] r = new double[n];
        double rss = 0;
        for (int i = 0; i < n; i++) {
            r[i] = y[i] - dot(beta, a[i]);
            rss += r[i] * r[i];
        }
        residualVariance = rss / Math.max(1, n - k);
        return r;
    }
}
