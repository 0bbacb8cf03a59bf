package dev.vernier.optimizer;

import java.util.List;

/**
 * A regression model of configuration (unit-cube coordinates) to objective value, with
 * uncertainty. Implementations are used by one session at a time and need not be thread-safe.
 */
public interface SurrogateModel {

    /**
     * Fits the model from scratch.
     *
     * @param x points, each with one coordinate in [0, 1] per parameter
     * @param y the value observed at each point (larger is better)
     */
    void fit(List<double[]> x, double[] y);

    /**
     * @param x a point in the unit cube
     * @return predicted mean and standard deviation
     * @throws IllegalStateException when not fitted
     */
    Prediction predict(double[] x);
}
