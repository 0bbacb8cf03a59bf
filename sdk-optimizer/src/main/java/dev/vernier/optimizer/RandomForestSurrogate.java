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

    /** A forest of 100 trees with seed 1. */
    public RandomForestSurrogate() {
        this(100, 1);
    }

    /**
     * @param trees number of trees, at least 1
     * @param seed random seed
     */
    public RandomForestSurrogate(int trees, long seed) {
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
        if (x.size() < MIN_POINTS || var == 0) {
            return;
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
        return new Prediction(mean, Math.sqrt(var));
    }
}
