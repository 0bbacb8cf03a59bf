package dev.vernier.core.result;

/**
 * One percentile of a latency distribution: the value below which {@code percentile} percent of the
 * recorded transactions fall. Immutable and thread-safe.
 *
 * @param percentile the percentile, in (0, 100], e.g. 99.9
 * @param valueMs the value at that percentile, ms (NaN when nothing was recorded)
 */
public record Percentile(double percentile, double valueMs) {

    /** @throws IllegalArgumentException when the percentile is outside (0, 100] */
    public Percentile {
        if (!(percentile > 0 && percentile <= 100)) {
            throw new IllegalArgumentException("percentile must be in (0, 100], but was " + percentile);
        }
    }

    /** @return the label used in reports: 50 gives {@code "p50"}, 99.9 gives {@code "p99.9"} */
    public String label() {
        return label(percentile);
    }

    /**
     * @param percentile a percentile, e.g. 99.9
     * @return its label: {@code "p99.9"}
     */
    public static String label(double percentile) {
        return "p" + java.math.BigDecimal.valueOf(percentile).stripTrailingZeros().toPlainString();
    }
}
