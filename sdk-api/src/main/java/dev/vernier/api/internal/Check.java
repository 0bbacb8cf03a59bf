package dev.vernier.api.internal;

import java.time.Duration;

/**
 * Argument checks whose messages name the field and the offending value. Shared by every builder of
 * Vernier's own modules (exported to them only; not part of the API).
 *
 * <p>Null convention of Vernier: a null argument where a value is required is an
 * {@link IllegalArgumentException} "{field} must not be null", like any other bad value; null is
 * only ever accepted or returned where the javadoc says "or null".
 *
 * <p>Stateless and thread-safe.
 */
public final class Check {

    /**
     * Longest duration any setting accepts: 365 days. Every duration is turned into nanoseconds and
     * added to {@code nanoTime()} readings; this bound keeps all such sums far from overflow.
     */
    public static final Duration MAX_DURATION = Duration.ofDays(365);

    private Check() {
    }

    /** @throws IllegalArgumentException "{field} must be positive, but was {value}" */
    public static Duration positive(String field, Duration value) {
        notNull(field, value);
        if (value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException(field + " must be positive, but was " + value);
        }
        return atMost(field, value, MAX_DURATION);
    }

    /** @throws IllegalArgumentException "{field} must not be negative, but was {value}" */
    public static Duration nonNegative(String field, Duration value) {
        notNull(field, value);
        if (value.isNegative()) {
            throw new IllegalArgumentException(field + " must not be negative, but was " + value);
        }
        return atMost(field, value, MAX_DURATION);
    }

    /** @throws IllegalArgumentException "{field} must be at most {max}, but was {value}" */
    public static Duration atMost(String field, Duration value, Duration max) {
        notNull(field, value);
        if (value.compareTo(max) > 0) {
            throw new IllegalArgumentException(field + " must be at most " + max + ", but was " + value);
        }
        return value;
    }

    /** @throws IllegalArgumentException unless {@code value > 0} and finite */
    public static double positive(String field, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must be positive and finite, but was " + value);
        }
        return value;
    }

    /** @throws IllegalArgumentException unless {@code value >= 0} and finite */
    public static double nonNegative(String field, double value) {
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(field + " must not be negative, but was " + value);
        }
        return value;
    }

    /** @throws IllegalArgumentException unless {@code value > 0} */
    public static long positive(String field, long value) {
        if (value <= 0) {
            throw new IllegalArgumentException(field + " must be positive, but was " + value);
        }
        return value;
    }

    /** @throws IllegalArgumentException unless {@code value >= 0} */
    public static long nonNegative(String field, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(field + " must not be negative, but was " + value);
        }
        return value;
    }

    /** @throws IllegalArgumentException unless {@code min <= value <= max} */
    public static double inRange(String field, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(
                    field + " must be between " + min + " and " + max + ", but was " + value);
        }
        return value;
    }

    /** @throws IllegalArgumentException unless {@code 0 < value < 100} */
    public static double percentile(String field, double value) {
        if (!(value > 0 && value < 100)) {
            throw new IllegalArgumentException(field + " must be in (0, 100), but was " + value);
        }
        return value;
    }

    /** @throws IllegalArgumentException "{field} must not be null" */
    public static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        return value;
    }

    /** @throws IllegalArgumentException "{field} must not be blank, but was '{value}'" */
    public static String notBlank(String field, String value) {
        notNull(field, value);
        if (value.isBlank()) {
            throw new IllegalArgumentException(field + " must not be blank, but was '" + value + "'");
        }
        return value;
    }
}
