package dev.vernier.testkit;

import dev.vernier.core.stats.Estimate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The gain tests' acceptance rule, in one place: a printed gain holds when the start and final
 * configurations, measured again by another method in interleaved pairs, give a 95% interval of the
 * ratio (final over start) that meets the printed 95% interval widened to at least
 * +-10% around the printed gain. The re-measured interval is the core's
 * Student t interval of the pairs' log ratios (t on n - 1 degrees of freedom), taken back to ratios,
 * so its centre is the geometric mean of the pairs' ratios.
 *
 * <p>Immutable and thread-safe.
 *
 * @param mean geometric mean of the re-measured pairs' ratios
 * @param low lower end of its 95% interval
 * @param high upper end of its 95% interval
 * @param acceptedLow lower end of the printed interval, widened
 * @param acceptedHigh upper end of the printed interval, widened
 * @param description the printed line, the re-measured figures, the pairs and the accepted range
 */
public record GainRecheck(double mean, double low, double high, double acceptedLow, double acceptedHigh,
                          String description) {

    /**
     * @param printedLine the gain line the session printed (shown in {@link #description()})
     * @param ratio the printed gain, final over start
     * @param ratioLow lower end of the printed 95% interval
     * @param ratioHigh upper end of the printed 95% interval
     * @param pairRatios the re-measured pairs' ratios, final over start, at least 2, each positive
     * @return the comparison
     * @throws IllegalArgumentException when fewer than 2 pairs are given, or a ratio is not positive and finite
     */
    public static GainRecheck of(String printedLine, double ratio, double ratioLow, double ratioHigh,
                                 double[] pairRatios) {
        if (pairRatios.length < 2) {
            throw new IllegalArgumentException("pairRatios must hold at least 2 pairs, but held " + pairRatios.length);
        }
        double[] logs = new double[pairRatios.length];
        List<String> pairs = new ArrayList<>();
        for (int i = 0; i < pairRatios.length; i++) {
            if (!(pairRatios[i] > 0 && Double.isFinite(pairRatios[i]))) {
                throw new IllegalArgumentException("pairRatios[" + i + "] must be a positive ratio, but was "
                        + pairRatios[i]);
            }
            logs[i] = Math.log(pairRatios[i]);
            pairs.add(String.format(Locale.ROOT, "x%.2f", pairRatios[i]));
        }
        Estimate e = Estimate.studentT(logs, 0.95);
        double mean = Math.exp(e.mean());
        double low = Math.exp(e.lower());
        double high = Math.exp(e.upper());
        double acceptedLow = Math.min(ratioLow, 0.9 * ratio);
        double acceptedHigh = Math.max(ratioHigh, 1.1 * ratio);
        String what = String.format(Locale.ROOT, "printed %s; re-measured x%.2f (95%% CI x%.2f-x%.2f) from pairs %s;"
                + " accepted while the intervals meet x%.2f-x%.2f", printedLine, mean, low, high, pairs, acceptedLow,
                acceptedHigh);
        return new GainRecheck(mean, low, high, acceptedLow, acceptedHigh, what);
    }

    /** @return whether the re-measured interval meets the accepted range: the printed gain holds */
    public boolean holds() {
        return low <= acceptedHigh && high >= acceptedLow;
    }
}
