package dev.vernier.core.alert;

/**
 * How an alert rule compares a metric's value with its threshold. Immutable and thread-safe.
 *
 * <p>A missing value (NaN: no data in the interval) never satisfies any comparator.
 */
public enum AlertComparator {
    /** value &gt; threshold */
    ABOVE(">"),
    /** value &ge; threshold */
    AT_OR_ABOVE(">="),
    /** value &lt; threshold */
    BELOW("<"),
    /** value &le; threshold */
    AT_OR_BELOW("<=");

    private final String symbol;

    AlertComparator(String symbol) {
        this.symbol = symbol;
    }

    /** @return the comparison as a symbol: {@code >}, {@code >=}, {@code <} or {@code <=} */
    public String symbol() {
        return symbol;
    }

    /**
     * @param value the metric's value (NaN: no data)
     * @param threshold the rule's threshold
     * @return whether the value breaches the threshold; false for NaN
     */
    public boolean breached(double value, double threshold) {
        if (Double.isNaN(value)) {
            return false;
        }
        switch (this) {
            case ABOVE:
                return value > threshold;
            case AT_OR_ABOVE:
                return value >= threshold;
            case BELOW:
                return value < threshold;
            default:
                return value <= threshold;
        }
    }
}
