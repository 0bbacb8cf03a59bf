package dev.vernier.core.recording;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.HdrHistogram.Histogram;

/**
 * What an {@link OperationRecorder} recorded between two instants: per operation type, the latency
 * histogram of committed operations and the counts of committed and failed ones. Percentiles are
 * read from histograms (merged by HdrHistogram addition when types or windows are combined), never
 * averaged.
 *
 * <p>Immutable and thread-safe: the histograms are private copies; accessors return copies.
 */
public final class Recording {

    private final long startNanos;
    private final long endNanos;
    private final List<TypeRecording> types;
    private final long clamped;

    Recording(long startNanos, long endNanos, List<TypeRecording> types, long clamped) {
        this.startNanos = startNanos;
        this.endNanos = endNanos;
        this.types = Collections.unmodifiableList(new ArrayList<>(types));
        this.clamped = clamped;
    }

    /** @return start of the window, on the recorder's clock, ns */
    public long startNanos() {
        return startNanos;
    }

    /** @return end of the window, on the recorder's clock, ns */
    public long endNanos() {
        return endNanos;
    }

    /** @return length of the window, seconds */
    public double seconds() {
        return (endNanos - startNanos) / 1e9;
    }

    /** @return every type recorded, in the order types were first used */
    public List<TypeRecording> types() {
        return types;
    }

    /** @return the type of that name, if it was recorded */
    public Optional<TypeRecording> type(String name) {
        return types.stream().filter(t -> t.type().equals(name)).findFirst();
    }

    /** @return all types together: the merged histogram and summed counts, under the name "all" */
    public TypeRecording all() {
        Histogram merged = null;
        long ok = 0;
        long failed = 0;
        for (TypeRecording t : types) {
            if (merged == null) {
                merged = t.histogram.copy();
            } else {
                merged.add(t.histogram);
            }
            ok += t.committed;
            failed += t.failed;
        }
        if (merged == null) {
            merged = new Histogram(3);
        }
        return new TypeRecording("all", merged, ok, failed);
    }

    /** @return latencies that exceeded the recorder's range and were recorded at its maximum */
    public long clamped() {
        return clamped;
    }

    /**
     * The window between an earlier snapshot of the same recorder and this one.
     *
     * @param earlier a snapshot taken before this one
     * @return what was recorded after {@code earlier} and up to this snapshot
     * @throws IllegalArgumentException when {@code earlier} is later than this snapshot
     */
    public Recording since(Recording earlier) {
        if (earlier.endNanos > endNanos || earlier.startNanos != startNanos) {
            throw new IllegalArgumentException("earlier must be an earlier snapshot of the same recorder, but ended at "
                    + earlier.endNanos + " ns (this one ends at " + endNanos + " ns)");
        }
        List<TypeRecording> out = new ArrayList<>();
        for (TypeRecording t : types) {
            Optional<TypeRecording> before = earlier.type(t.type());
            if (before.isEmpty()) {
                out.add(t);
                continue;
            }
            Histogram h = t.histogram.copy();
            h.subtract(before.get().histogram);
            out.add(new TypeRecording(t.type(), h, t.committed - before.get().committed,
                    t.failed - before.get().failed));
        }
        return new Recording(earlier.endNanos, endNanos, out, clamped - earlier.clamped);
    }

    @Override
    public String toString() {
        TypeRecording a = all();
        return String.format(java.util.Locale.ROOT, "Recording[%.3f s, %d committed, %d failed, p99 %.3f ms]", seconds(),
                a.committed(), a.failed(), a.percentileMs(99));
    }

    /** One operation type's share of a recording. Immutable and thread-safe. */
    public static final class TypeRecording {
        private final String type;
        private final Histogram histogram;
        private final long committed;
        private final long failed;

        TypeRecording(String type, Histogram histogram, long committed, long failed) {
            this.type = type;
            this.histogram = histogram;
            this.committed = committed;
            this.failed = failed;
        }

        /** @return the type's name */
        public String type() {
            return type;
        }

        /** @return committed operations */
        public long committed() {
            return committed;
        }

        /** @return failed operations */
        public long failed() {
            return failed;
        }

        /** @return failed share of all operations, [0, 1] (0 when there were none) */
        public double errorRate() {
            long n = committed + failed;
            return n == 0 ? 0 : (double) failed / n;
        }

        /**
         * @param percentile in (0, 100]
         * @return that percentile of committed latency, ms (NaN when none committed)
         */
        public double percentileMs(double percentile) {
            return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1e6;
        }

        /** @return mean committed latency, ms (NaN when none committed) */
        public double meanMs() {
            return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getMean() / 1e6;
        }

        /** @return a copy of the latency histogram of committed operations, in nanoseconds */
        public Histogram histogram() {
            return histogram.copy();
        }
    }
}
