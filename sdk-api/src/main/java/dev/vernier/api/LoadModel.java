package dev.vernier.api;

import dev.vernier.api.internal.Check;
import java.time.Duration;

/**
 * How transactions are offered to the system under test.
 *
 * <p>Open models ({@link ConstantRate}, {@link LinearRamp}, {@link StepSearch}) schedule every
 * transaction at an intended time regardless of how the system responds, and latency is measured
 * from that intended time (no coordinated omission). The closed model ({@link Closed}) runs N clients
 * that each wait for their previous transaction before sending the next; it reports what those
 * clients saw, which hides stalls from the percentiles by design.
 *
 * <p>All implementations are immutable records, thread-safe, validated on construction.
 */
public sealed interface LoadModel {

    /** Lowest open-model rate: one transaction every 1,000 s. */
    double MIN_OPS_PER_SECOND = 1e-3;
    /** Highest open-model rate: one transaction per nanosecond. */
    double MAX_OPS_PER_SECOND = 1e9;

    /**
     * @param opsPerSecond target rate in transactions per second, {@link #MIN_OPS_PER_SECOND} to
     *     {@link #MAX_OPS_PER_SECOND}
     * @return an open model at a constant rate
     * @throws IllegalArgumentException naming the field and value when out of range
     */
    static ConstantRate constantRate(double opsPerSecond) {
        return new ConstantRate(opsPerSecond);
    }

    /**
     * @param fromOpsPerSecond rate at the start of the measured duration, positive
     * @param toOpsPerSecond rate at its end, positive
     * @return an open model whose rate changes linearly over the phase duration
     */
    static LinearRamp linearRamp(double fromOpsPerSecond, double toOpsPerSecond) {
        return new LinearRamp(fromOpsPerSecond, toOpsPerSecond);
    }

    /**
     * The throughput phase's step search with the source documents' thresholds: raise by
     * {@code incrementOpsPerSecond} after an interval with more than 95% success, lower below 80%.
     *
     * @param initialOpsPerSecond starting rate, positive
     * @param incrementOpsPerSecond step, positive
     * @return an open step-search model
     */
    static StepSearch stepSearch(double initialOpsPerSecond, double incrementOpsPerSecond) {
        return new StepSearch(initialOpsPerSecond, incrementOpsPerSecond, 0.95, 0.80, MAX_OPS_PER_SECOND);
    }

    /**
     * @param clients number of concurrent clients, 1 to 4096
     * @return a closed model without think time
     */
    static Closed closed(int clients) {
        return new Closed(clients, Duration.ZERO);
    }

    /**
     * @param clients number of concurrent clients, 1 to 4096
     * @param thinkTime pause between a completion and the client's next submit, 0 or more
     * @return a closed model with think time
     */
    static Closed closed(int clients, Duration thinkTime) {
        return new Closed(clients, thinkTime);
    }

    /** Checks an open-model rate: finite, within [{@link #MIN_OPS_PER_SECOND}, {@link #MAX_OPS_PER_SECOND}]. */
    private static void rate(String field, double value) {
        if (!(value >= MIN_OPS_PER_SECOND && value <= MAX_OPS_PER_SECOND)) {
            throw new IllegalArgumentException(field + " must be between " + MIN_OPS_PER_SECOND + " and "
                    + MAX_OPS_PER_SECOND + " ops/s, but was " + value);
        }
    }

    /** @return true for open models */
    default boolean isOpen() {
        return !(this instanceof Closed);
    }

    /**
     * Constant target rate.
     *
     * @param opsPerSecond transactions per second, positive
     */
    record ConstantRate(double opsPerSecond) implements LoadModel {
        /** @throws IllegalArgumentException when the rate is not positive */
        public ConstantRate {
            rate("load.opsPerSecond", opsPerSecond);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "open, constant %.0f ops/s", opsPerSecond);
        }
    }

    /**
     * Rate moving linearly from one value to another over the phase's duration.
     *
     * @param fromOpsPerSecond starting rate, positive
     * @param toOpsPerSecond final rate, positive
     */
    record LinearRamp(double fromOpsPerSecond, double toOpsPerSecond) implements LoadModel {
        /** @throws IllegalArgumentException when a rate is not positive */
        public LinearRamp {
            rate("load.fromOpsPerSecond", fromOpsPerSecond);
            rate("load.toOpsPerSecond", toOpsPerSecond);
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "open, ramp %.0f -> %.0f ops/s", fromOpsPerSecond, toOpsPerSecond);
        }
    }

    /**
     * The step search: each throughput interval, raise the rate by {@code increment} while the
     * interval's success rate is above {@code raiseAbove}, lower it by the increment (not below
     * 1 ops/s) when it falls below {@code lowerBelow}, otherwise hold.
     *
     * @param initialOpsPerSecond starting rate, positive
     * @param incrementOpsPerSecond step, positive
     * @param raiseAbove success share above which the rate rises, in (0, 1]
     * @param lowerBelow success share below which the rate falls, in [0, raiseAbove]
     * @param maxOpsPerSecond ceiling of the search, at least the initial rate
     */
    record StepSearch(double initialOpsPerSecond, double incrementOpsPerSecond, double raiseAbove,
                      double lowerBelow, double maxOpsPerSecond) implements LoadModel {
        /** @throws IllegalArgumentException naming the field and value when invalid */
        public StepSearch {
            rate("load.initialOpsPerSecond", initialOpsPerSecond);
            rate("load.incrementOpsPerSecond", incrementOpsPerSecond);
            Check.inRange("load.raiseAbove", raiseAbove, Double.MIN_VALUE, 1.0);
            Check.inRange("load.lowerBelow", lowerBelow, 0.0, raiseAbove);
            if (!(maxOpsPerSecond >= initialOpsPerSecond) || Double.isInfinite(maxOpsPerSecond)) {
                throw new IllegalArgumentException("load.maxOpsPerSecond must be at least load.initialOpsPerSecond ("
                        + initialOpsPerSecond + "), but was " + maxOpsPerSecond);
            }
        }

        @Override
        public String toString() {
            return String.format(java.util.Locale.ROOT, "open, step search from %.0f ops/s by %.0f (raise above %.0f%%"
                    + " success, lower below %.0f%%)%s", initialOpsPerSecond, incrementOpsPerSecond, 100 * raiseAbove,
                    100 * lowerBelow, maxOpsPerSecond < MAX_OPS_PER_SECOND
                            ? String.format(java.util.Locale.ROOT, ", max %.0f ops/s", maxOpsPerSecond) : "");
        }

        /**
         * @param max ceiling of the search in ops/s
         * @return a copy with that ceiling
         */
        public StepSearch withMax(double max) {
            return new StepSearch(initialOpsPerSecond, incrementOpsPerSecond, raiseAbove, lowerBelow, max);
        }

        /**
         * @param raise success share above which the rate rises
         * @param lower success share below which the rate falls
         * @return a copy with those thresholds
         */
        public StepSearch withThresholds(double raise, double lower) {
            return new StepSearch(initialOpsPerSecond, incrementOpsPerSecond, raise, lower, maxOpsPerSecond);
        }
    }

    /**
     * N concurrent clients, each waiting for its transaction before sending the next.
     *
     * @param clients number of clients, 1 to 4096 (each is a thread)
     * @param thinkTime pause after each completion, 0 or more
     */
    record Closed(int clients, Duration thinkTime) implements LoadModel {
        /** Upper bound on {@link #clients}: each client is a platform thread. */
        public static final int MAX_CLIENTS = 4096;
        /** Longest think time: one hour. */
        public static final Duration MAX_THINK_TIME = Duration.ofHours(1);

        /** @throws IllegalArgumentException naming the field and value when invalid */
        public Closed {
            if (clients < 1 || clients > MAX_CLIENTS) {
                throw new IllegalArgumentException("load.clients must be between 1 and " + MAX_CLIENTS + ", but was " + clients);
            }
            Check.atMost("load.thinkTime", Check.nonNegative("load.thinkTime", thinkTime), MAX_THINK_TIME);
        }

        @Override
        public String toString() {
            return "closed, " + clients + " client(s)" + (thinkTime.isZero() ? "" : ", think " + thinkTime.toMillis() + " ms");
        }
    }
}
