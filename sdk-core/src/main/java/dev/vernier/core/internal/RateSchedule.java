package dev.vernier.core.internal;

import dev.vernier.api.internal.Check;

/**
 * Intended send times of an open load model, as offsets in nanoseconds from the load's start.
 *
 * <p>Offsets are computed from the send's index, never by adding periods, so they do not drift and
 * never depend on when sends were actually made (the basis of measuring from the intended time).
 * Not thread-safe: used by the generator thread only.
 */
public abstract class RateSchedule {

    /**
     * @param index send number, from 0
     * @return intended offset of that send from the start, ns
     */
    public abstract long offsetNanos(long index);

    /** @return the rate in force at the most recent offset asked for, ops/s */
    public abstract double currentRate();

    /**
     * A constant rate.
     *
     * @param opsPerSecond rate, positive
     * @return the schedule
     */
    public static RateSchedule constant(double opsPerSecond) {
        return new Stepped(opsPerSecond);
    }

    /**
     * Constant {@code from} for {@code holdNanos}, then linear from {@code from} to {@code to} over
     * {@code rampNanos}, then constant {@code to}.
     */
    public static RateSchedule ramp(double from, double to, long holdNanos, long rampNanos) {
        return new Ramp(from, to, holdNanos, rampNanos);
    }

    /** A rate that changes at send boundaries (the step search). */
    public static final class Stepped extends RateSchedule {
        private double rate;
        private long segmentIndex;
        private long segmentOffset;
        private long lastIndex;
        private long lastOffset;

        Stepped(double opsPerSecond) {
            this.rate = Check.positive("rate", opsPerSecond);
        }

        @Override
        public long offsetNanos(long index) {
            long offset = segmentOffset + (long) ((index - segmentIndex) * 1e9 / rate);
            lastIndex = index;
            lastOffset = offset;
            return offset;
        }

        @Override
        public double currentRate() {
            return rate;
        }

        /**
         * Changes the rate from send {@code fromIndex} on; that send keeps the offset it had.
         *
         * @param opsPerSecond new rate, positive
         * @param fromIndex first index of the new rate (the next unsent one)
         */
        public void changeRate(double opsPerSecond, long fromIndex) {
            Check.positive("rate", opsPerSecond);
            long anchor = fromIndex == lastIndex ? lastOffset : offsetNanos(fromIndex);
            segmentIndex = fromIndex;
            segmentOffset = anchor;
            rate = opsPerSecond;
        }
    }

    private static final class Ramp extends RateSchedule {
        private final double from;
        private final double to;
        private final long hold;
        private final long ramp;
        private final double holdSends;
        private final double rampSends;
        private final double slope;
        private double current;

        Ramp(double from, double to, long holdNanos, long rampNanos) {
            this.from = Check.positive("from", from);
            this.to = Check.positive("to", to);
            this.hold = holdNanos;
            this.ramp = rampNanos;
            this.holdSends = from * holdNanos / 1e9;
            double rampSeconds = rampNanos / 1e9;
            this.slope = rampSeconds == 0 ? 0 : (to - from) / rampSeconds;
            this.rampSends = (from + to) / 2 * rampSeconds;
            this.current = from;
        }

        @Override
        public long offsetNanos(long index) {
            if (index < holdSends) {
                current = from;
                return (long) (index * 1e9 / from);
            }
            double n = index - holdSends;
            if (n >= rampSends) {
                current = to;
                return hold + ramp + (long) ((n - rampSends) * 1e9 / to);
            }
            double t;
            if (Math.abs(slope) < 1e-12) {
                t = n / from;
            } else {
                // n = from*t + slope*t^2/2  ->  t = (-from + sqrt(from^2 + 2*slope*n)) / slope
                t = (-from + Math.sqrt(from * from + 2 * slope * n)) / slope;
            }
            current = from + slope * t;
            return hold + (long) (t * 1e9);
        }

        @Override
        public double currentRate() {
            return current;
        }
    }
}
