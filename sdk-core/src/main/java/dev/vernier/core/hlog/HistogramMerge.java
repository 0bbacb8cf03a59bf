package dev.vernier.core.hlog;

import dev.vernier.core.recording.Recording;
import dev.vernier.core.result.LatencySummary;
import dev.vernier.core.result.Percentile;
import dev.vernier.core.result.ScenarioResult;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.zip.DataFormatException;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;

/**
 * Exact merges of latency distributions: cluster-wide percentiles from several nodes' logs, run-wide
 * percentiles from several results or windows. Every merge adds histograms (HdrHistogram
 * {@link AbstractHistogram#add}); percentiles are read from the sum and never averaged. (Averaging
 * three nodes' p99s is not the cluster's p99: one slow node's tail is diluted by two fast ones.)
 *
 * <p>The sum is exact: a value lands in the same bucket it had in its own histogram, because every
 * histogram Vernier writes keeps 3 significant digits from 1 ns. Histograms of other precisions are
 * added at the first one's precision.
 *
 * <p>Stateless and thread-safe; every method returns a new histogram the caller owns.
 */
public final class HistogramMerge {

    private HistogramMerge() {
    }

    /**
     * @param histograms histograms of the same unit (Vernier's: ns)
     * @return their sum, auto-resizing; an empty 3-digit histogram when there are none
     */
    public static Histogram of(Iterable<? extends AbstractHistogram> histograms) {
        Objects.requireNonNull(histograms, "histograms");
        Histogram sum = null;
        for (AbstractHistogram h : histograms) {
            Objects.requireNonNull(h, "histograms must not hold null");
            if (sum == null) {
                sum = new Histogram(h.getLowestDiscernibleValue(), 2 * h.getLowestDiscernibleValue(),
                        h.getNumberOfSignificantValueDigits());
                sum.setAutoResize(true);
            }
            sum.add(h);
        }
        if (sum == null) {
            sum = new Histogram(3);
            sum.setAutoResize(true);
        }
        return sum;
    }

    /**
     * The sum of every line of one tag in several logs (e.g. one log per node: the cluster's
     * distribution).
     *
     * @param logs {@code .hlog} files
     * @param tag the tag to add (e.g. {@code "type=put"}), or null for the untagged lines (all
     *     committed transactions in Vernier's logs)
     * @return the sum
     * @throws IllegalArgumentException naming the file when a log is malformed
     */
    public static Histogram fromLogs(Collection<Path> logs, String tag) {
        List<Histogram> parts = new ArrayList<>();
        for (Path log : logs) {
            for (LoggedInterval i : IntervalLogReader.read(log)) {
                if (Objects.equals(tag, i.tag())) {
                    parts.add(i.histogram());
                }
            }
        }
        return of(parts);
    }

    /**
     * @param log one {@code .hlog} file
     * @param tag the tag, or null for the untagged lines
     * @return the sum of that tag's lines: the run-wide distribution of a run's log
     */
    public static Histogram fromLog(Path log, String tag) {
        return fromLogs(List.of(log), tag);
    }

    /**
     * The sum of the latency phases of several results (e.g. the same scenario on several nodes, or
     * several runs), from each result's encoded histogram.
     *
     * @param results results with a latency phase
     * @return the sum, ns
     * @throws IllegalArgumentException naming the result when one has no latency phase or no
     *     decodable histogram
     */
    public static Histogram fromResults(Collection<ScenarioResult> results) {
        List<Histogram> parts = new ArrayList<>();
        for (ScenarioResult r : results) {
            String name = r.suite() + "/" + r.scenarioName();
            if (r.latency() == null) {
                throw new IllegalArgumentException("results must have a latency phase, but " + name + " has none");
            }
            parts.add(decode(r.latency().encodedHistogram(), name));
        }
        return of(parts);
    }

    /**
     * @param recordings windows of one or several {@code OperationRecorder}s
     * @return the sum of every type's committed latency, ns
     */
    public static Histogram fromRecordings(Collection<Recording> recordings) {
        List<Histogram> parts = new ArrayList<>();
        for (Recording r : recordings) {
            r.types().forEach(t -> parts.add(t.histogram()));
        }
        return of(parts);
    }

    /**
     * @param encoded a histogram compressed and Base64-encoded, as in {@code LatencyResult.encodedHistogram}
     * @param name what it belongs to, for the message
     * @return the histogram
     * @throws IllegalArgumentException naming {@code name} when the text is empty or not a histogram
     */
    public static Histogram decode(String encoded, String name) {
        if (encoded == null || encoded.isEmpty()) {
            throw new IllegalArgumentException("encodedHistogram of " + name + " must hold a histogram, but was empty");
        }
        try {
            return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(Base64.getDecoder().decode(encoded)), 0);
        } catch (DataFormatException | RuntimeException e) {
            throw new IllegalArgumentException("encodedHistogram of " + name + " is not a histogram: " + e, e);
        }
    }

    /**
     * @param histogram a histogram
     * @return it compressed and Base64-encoded (the form of {@code LatencyResult.encodedHistogram})
     */
    public static String encode(AbstractHistogram histogram) {
        ByteBuffer buffer = ByteBuffer.allocate(histogram.getNeededByteBufferCapacity());
        int n = histogram.encodeIntoCompressedByteBuffer(buffer, java.util.zip.Deflater.BEST_COMPRESSION);
        return Base64.getEncoder().encodeToString(java.util.Arrays.copyOf(buffer.array(), n));
    }

    /**
     * The figures of a merged distribution, as a result reports them.
     *
     * @param nanos a histogram of nanoseconds
     * @param percentiles the percentiles to report, each in (0, 100]
     * @return count, mean, standard deviation, min, max and the percentiles, in ms (NaN when empty)
     */
    public static LatencySummary summarize(AbstractHistogram nanos, double... percentiles) {
        boolean empty = nanos.getTotalCount() == 0;
        List<Percentile> ps = new ArrayList<>();
        for (double p : percentiles) {
            ps.add(new Percentile(p, empty ? Double.NaN : nanos.getValueAtPercentile(p) / 1e6));
        }
        if (empty) {
            return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, ps);
        }
        return new LatencySummary(nanos.getTotalCount(), nanos.getMean() / 1e6, nanos.getStdDeviation() / 1e6,
                nanos.getMinValue() / 1e6, nanos.getMaxValue() / 1e6, ps);
    }
}
