package dev.vernier.core.result;

/**
 * The Universal Scalability Law fitted to throughput by cluster size:
 * {@code X(N) = lambda N / (1 + sigma (N - 1) + kappa N (N - 1))}. Immutable and thread-safe.
 *
 * @param lambda throughput of one node without contention, ops/s
 * @param sigma contention (serialisation) coefficient
 * @param kappa coherency (crosstalk) coefficient
 * @param rSquared coefficient of determination of the fit on the measured sizes
 * @param peakNodes size where throughput peaks, {@code sqrt((1 - sigma) / kappa)}, or null when the fit
 *     has no peak (kappa &lt;= 0 or sigma &gt;= 1)
 * @param interpretation one sentence for a report
 */
public record UslFit(double lambda, double sigma, double kappa, double rSquared, Double peakNodes,
                     String interpretation) {
}
