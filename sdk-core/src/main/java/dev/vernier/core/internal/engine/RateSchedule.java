package dev.vernier.core.internal.engine;

import dev.vernier.api.internal.Check;

/**
 * Intended send times of an open load model, as offsets in nanoseconds from the load's start.
 *
 * <p>Offsets are computed from the send's index, never by adding periods, so they do not drift and
 * never depend on when sends were actually made (the basis of measuring from the intended time).
 * {@link #offsetNanos} and {@code changeRate} are for the generator thread only; {@link #offsetAt}
 * and {@link #countBefore} are pure and may be called by the run's ticker too.
 */
public abstract class RateSchedule {

    /**
     * @param index send number, from 0
     * @return intended offset of that send from the start, ns (remembers the rate in force there)
     */
    public abstract long offsetNanos(long index);

    /**
     * @param index send number, from 0
     * @return intended offset of that send under the rate now in force, ns; no side effect
     */
    public abstract long offsetAt(long index);

    /** @return the rate in force at the most recent offset asked for, ops/s */
    public abstract double currentRate();

    /**
     * Number of sends intended before {@code offsetNanos}: the smallest index whose offset is at or
     * after it. Pure; exact for every index at or after the latest rate change.
     *
     * @param offsetNanos an offset from the start, ns
     * @return how many sends were due before it
     */
    public long countBefore(long offsetNanos) {
        if (offsetNanos <= 0) {
            return 0;
        }
        long lo = 0;
        long hi = 1;
        while (offsetAt(hi) < offsetNanos) {
            lo = hi;
            if (hi > Long.MAX_VALUE / 4) {
                return hi;
            }
            hi *= 2;
        }
        while (lo < hi) {
            long mid = lo + (hi - lo) / 2;
            if (offsetAt(mid) < offsetNanos) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /**
     * A constant rate.
     *
     * @param opsPerSecond rate, positive
     * @return the schedule
     */
    public static Stepped constant(double opsPerSecond) {
        return new Stepped(opsPerSecond);
    }

    /**
     * Constant {@code from} for {@code holdNanos}, then linear from {@code from} to {@code to} over
     * {@code rampNanos}, then constant {@code to}.
     *
     * @return the schedule
     */
    public static RateSchedule ramp(double from, double to, long holdNanos, long rampNanos) {
        return new Ramp(from, to, holdNanos, rampNanos);
    }

    /** Multiplies without overflow: offsets saturate at {@link Long#MAX_VALUE}. */
    static long saturate(double nanos) {
        return nanos >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) nanos;
    }

    /** A rate that changes at send boundaries (the step search). */
    public static final class Stepped extends RateSchedule {
        /** The rate in force and where it started; replaced whole so readers see a consistent one. */
        private record Segment(double rate, long index, long offset) {
            long offset(long i) {
                long add = saturate((i - index) * 1e9 / rate);
                return add > Long.MAX_VALUE - offset ? Long.MAX_VALUE : offset + add;
            }
        }

        private volatile Segment segment;
        private long lastIndex = -1;
        private long lastOffset;

        Stepped(double opsPerSecond) {
            this.segment = new Segment(Check.positive("rate", opsPerSecond), 0, 0);
        }

        @Override
        public long offsetNanos(long index) {
            long offset = segment.offset(index);
            lastIndex = index;
            lastOffset = offset;
            return offset;
        }

        @Override
        public long offsetAt(long index) {
            return segment.offset(index);
        }

        @Override
        public double currentRate() {
            return segment.rate;
        }

        /**
         * Changes the rate from send {@code fromIndex} on; that send keeps the offset it had.
         *
         * @param opsPerSecond new rate, positive
         * @param fromIndex first index of the new rate (the next unsent one)
         */
        public void changeRate(double opsPerSecond, long fromIndex) {
            Check.positive("rate", opsPerSecond);
            long anchor = fromIndex == lastIndex ? lastOffset : segment.offset(fromIndex);
            segment = new Segment(opsPerSecond, fromIndex, anchor);
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
            long offset = offsetAt(index);
            current = rateAt(index);
            return offset;
        }

        private double rateAt(long index) {
            if (index < holdSends) {
                return from;
            }
            double n = index - holdSends;
            return n >= rampSends ? to : from + slope * secondsIntoRamp(n);
        }

        private double secondsIntoRamp(double n) {
            if (Math.abs(slope) < 1e-12) {
                return n / from;
            }
            // n = from*t + slope*t^2/2  ->  t = (-from + sqrt(from^2 + 2*slope*n)) / slope
            return (-from + Math.sqrt(from * from + 2 * slope * n)) / slope;
        }

        @Override
        public long offsetAt(long index) {
            if (index < holdSends) {
                return saturate(index * 1e9 / from);
            }
            double n = index - holdSends;
            if (n >= rampSends) {
                return saturate(hold + ramp + (n - rampSends) * 1e9 / to);
            }
            return hold + saturate(secondsIntoRamp(n) * 1e9);
        }

        @Override
        public double currentRate() {
            return current;
        }
    }
}
