package dev.vernier.optimizer;

/**
 * A surrogate's prediction at one point, in the unit of the value it was fitted on.
 *
 * @param mean predicted value
 * @param stdDev uncertainty (standard deviation), at least 0
 */
public record Prediction(double mean, double stdDev) {
}
