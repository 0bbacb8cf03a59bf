package dev.vernier.core.hlog;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogScanner;

/**
 * Reads an HdrHistogram interval log ({@code .hlog}, Vernier's or any other tool's with integer
 * histograms) through HdrHistogram's own {@link HistogramLogScanner}. Unlike the scanner, which
 * skips a line it cannot read, a malformed line fails the read with its line number: a merge must
 * not silently lose intervals.
 *
 * <p>Stateless and thread-safe.
 */
public final class IntervalLogReader {

    private IntervalLogReader() {
    }

    /**
     * @param file a {@code .hlog} file
     * @return every histogram line, in file order
     * @throws UncheckedIOException when the file cannot be read
     * @throws IllegalArgumentException naming the file and line when a line is malformed or holds a
     *     floating-point histogram
     */
    public static List<LoggedInterval> read(Path file) {
        Objects.requireNonNull(file, "file");
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read interval log " + file, e);
        }
    }

    /**
     * @param in a log's bytes (not closed)
     * @param name the log's name, for messages
     * @return every histogram line, in order
     * @throws IllegalArgumentException naming the line when a line is malformed
     */
    public static List<LoggedInterval> read(InputStream in, String name) {
        List<LoggedInterval> out = new ArrayList<>();
        int[] line = {0};
        RuntimeException[] failure = {null};
        HistogramLogScanner scanner = new HistogramLogScanner(in);
        scanner.process(new HistogramLogScanner.EventHandler() {
            @Override
            public boolean onComment(String comment) {
                line[0]++;
                return false;
            }

            @Override
            public boolean onBaseTime(double secondsSinceEpoch) {
                line[0]++;
                return false;
            }

            @Override
            public boolean onStartTime(double secondsSinceEpoch) {
                line[0]++;
                return false;
            }

            @Override
            public boolean onHistogram(String tag, double timestamp, double length,
                                       HistogramLogScanner.EncodableHistogramSupplier lazyReader) {
                line[0]++;
                EncodableHistogram h;
                try {
                    h = lazyReader.read();
                } catch (Exception e) {
                    failure[0] = new IllegalArgumentException(name + ": histogram line " + line[0]
                            + " cannot be decoded: " + e, e);
                    return true;
                }
                if (!(h instanceof Histogram histogram)) {
                    failure[0] = new IllegalArgumentException(name + ": histogram line " + line[0]
                            + " must hold an integer histogram, but was " + h.getClass().getSimpleName());
                    return true;
                }
                out.add(new LoggedInterval(tag, timestamp, length, histogram));
                return false;
            }

            @Override
            public boolean onException(Throwable t) {
                line[0]++;
                failure[0] = new IllegalArgumentException(name + ": line " + line[0] + " after the legend is malformed: "
                        + t, t);
                return true;
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return Collections.unmodifiableList(out);
    }
}
