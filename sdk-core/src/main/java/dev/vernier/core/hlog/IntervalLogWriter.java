package dev.vernier.core.hlog;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.HistogramLogWriter;

/**
 * Writes an HdrHistogram interval log ({@code .hlog}): one compressed histogram per interval, in
 * HdrHistogram's own format ({@link HistogramLogWriter}, log format 1.3), so that
 * {@code HistogramLogProcessor}, {@code HistogramLogReader} and other HdrHistogram tools read it.
 *
 * <p>Vernier's conventions: values are latencies in nanoseconds; the untagged line of an interval is
 * every committed transaction (what {@code HistogramLogProcessor} reads by default), lines tagged
 * {@code type=<name>} are one transaction type, lines tagged {@code stage=<name>} one stage (queue,
 * consensus, apply, response). Interval times are seconds since the log's base time, which is its
 * start time. The header says {@code #[Vernier interval log format 1]}, the start time both as
 * seconds since the epoch and as an ISO-8601 instant (no local time zone, so the same run writes
 * the same bytes anywhere), and a description.
 *
 * <p>Thread-safe: writes are serialised. {@link #close()} flushes and reports any write error.
 */
public final class IntervalLogWriter implements AutoCloseable {

    /** Version of Vernier's conventions in the log (tags, units, header), written in the header. */
    public static final int FORMAT_VERSION = 1;
    /** Prefix of the tag of one transaction type's lines. */
    public static final String TYPE_TAG = "type=";
    /** Prefix of the tag of one stage's lines. */
    public static final String STAGE_TAG = "stage=";

    private final PrintStream out;
    private final HistogramLogWriter writer;
    private long intervals;

    private IntervalLogWriter(OutputStream stream, long startEpochMillis, String description) {
        this.out = new PrintStream(new BufferedOutputStream(stream, 1 << 16), false, StandardCharsets.US_ASCII);
        this.writer = new HistogramLogWriter(out);
        writer.outputComment("[Vernier interval log format " + FORMAT_VERSION + "]");
        writer.outputLogFormatVersion();
        writer.outputComment("[" + oneLine(description) + "]");
        writer.outputComment("[Values are latencies in nanoseconds; untagged lines are all committed transactions,"
                + " Tag=" + TYPE_TAG + "<name> one transaction type, Tag=" + STAGE_TAG + "<name> one stage]");
        writer.outputComment(String.format(Locale.ROOT, "[StartTime: %.3f (seconds since epoch), %s]",
                startEpochMillis / 1000.0, Instant.ofEpochMilli(startEpochMillis)));
        writer.outputBaseTime(startEpochMillis);
        writer.setBaseTime(startEpochMillis);
        writer.outputLegend();
    }

    /**
     * Creates (or replaces) a log file.
     *
     * @param file the {@code .hlog} file
     * @param startEpochMillis the log's start and base time, ms since the epoch
     * @param description one line saying what the log holds (suite, scenario, node)
     * @return the writer
     * @throws UncheckedIOException when the file cannot be created
     */
    public static IntervalLogWriter create(Path file, long startEpochMillis, String description) {
        Objects.requireNonNull(file, "file");
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            return new IntervalLogWriter(Files.newOutputStream(file), startEpochMillis, description);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create interval log " + file, e);
        }
    }

    /**
     * @param stream where to write; closed by {@link #close()}
     * @param startEpochMillis the log's start and base time, ms since the epoch
     * @param description one line saying what the log holds
     * @return the writer
     */
    public static IntervalLogWriter to(OutputStream stream, long startEpochMillis, String description) {
        return new IntervalLogWriter(Objects.requireNonNull(stream, "stream"), startEpochMillis, description);
    }

    /**
     * Writes one interval histogram. The histogram is not changed (its tag is restored).
     *
     * @param startSeconds interval start, seconds since the log's start
     * @param endSeconds interval end, seconds since the log's start, not before the start
     * @param tag the line's tag (see {@link #tag}), or null for the untagged line
     * @param histogram the interval's values, ns
     * @throws IllegalArgumentException when the end is before the start or the tag holds a comma,
     *     space or line break
     */
    public synchronized void write(double startSeconds, double endSeconds, String tag, AbstractHistogram histogram) {
        Objects.requireNonNull(histogram, "histogram");
        if (!(endSeconds >= startSeconds)) {
            throw new IllegalArgumentException("endSeconds must not be before startSeconds (" + startSeconds
                    + "), but was " + endSeconds);
        }
        if (tag != null && !tag.equals(safe(tag))) {
            throw new IllegalArgumentException("tag must hold no comma, space or line break, but was '" + tag + "'");
        }
        String before = histogram.getTag();
        histogram.setTag(tag);
        try {
            writer.outputIntervalHistogram(startSeconds, endSeconds, histogram, 1e6);
        } finally {
            histogram.setTag(before);
        }
        intervals++;
    }

    /** @param text a comment line (line breaks become spaces) */
    public synchronized void comment(String text) {
        writer.outputComment(oneLine(text));
    }

    /** @return histogram lines written so far */
    public synchronized long lines() {
        return intervals;
    }

    /**
     * @param prefix {@link #TYPE_TAG} or {@link #STAGE_TAG}
     * @param name a type or stage name
     * @return the tag: the prefix and the name with commas, spaces and line breaks replaced by {@code _}
     */
    public static String tag(String prefix, String name) {
        return prefix + safe(name);
    }

    private static String safe(String s) {
        return s.replaceAll("[,\\s]", "_");
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("[\\r\\n]+", " ");
    }

    /**
     * Flushes and closes the stream.
     *
     * @throws UncheckedIOException when a write failed (the log is incomplete)
     */
    @Override
    public synchronized void close() {
        out.flush();
        boolean failed = out.checkError();
        out.close();
        if (failed) {
            throw new UncheckedIOException(new IOException("writing the interval log failed; it is incomplete"));
        }
    }
}
