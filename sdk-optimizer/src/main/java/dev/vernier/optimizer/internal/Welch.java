package dev.vernier.optimizer.internal;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.List;

/** Welch t-interval on the relative gain of one sample set over another. Stateless. */
public final class Welch {

    private Welch() {
    }

    /**
     * @param relativeGain point estimate, positive when the candidate is better
     * @param lowerBound one-sided lower confidence bound of the relative gain
     */
    public record Result(double relativeGain, double lowerBound) {
    }

    /**
     * @param candidate samples of the candidate window
     * @param incumbent samples of the incumbent's windows
     * @param maximize whether larger is better
     * @param level one-sided confidence level, e.g. 0.95
     * @return the relative gain and its lower bound (equal to the estimate when either side has fewer than 2 samples)
     */
    public static Result compare(List<Double> candidate, List<Double> incumbent, boolean maximize, double level) {
        double mc = mean(candidate);
        double mi = mean(incumbent);
        double scale = Math.abs(mi) > 0 ? Math.abs(mi) : 1e-12;
        double diff = maximize ? mc - mi : mi - mc;
        double gain = diff / scale;
        if (candidate.size() < 2 || incumbent.size() < 2) {
            return new Result(gain, gain);
        }
        double vc = variance(candidate, mc) / candidate.size();
        double vi = variance(incumbent, mi) / incumbent.size();
        double se = Math.sqrt(vc + vi);
        if (se == 0) {
            return new Result(gain, gain);
        }
        double df = (vc + vi) * (vc + vi)
                / (vc * vc / (candidate.size() - 1) + vi * vi / (incumbent.size() - 1));
        double t = new TDistribution(null, Math.max(1, df)).inverseCumulativeProbability(level);
        return new Result(gain, (diff - t * se) / scale);
    }

    static double mean(List<Double> xs) {
        double s = 0;
        for (double x : xs) {
            s += x;
        }
        return xs.isEmpty() ? Double.NaN : s / xs.size();
    }

    static double variance(List<Double> xs, double mean) {
        double s = 0;
        for (double x : xs) {
            s += (x - mean) * (x - mean);
        }
        return s / (xs.size() - 1);
    }
}
