package dev.vernier.core.hlog;

import org.HdrHistogram.Histogram;

/**
 * One line of an interval log. Immutable and thread-safe: the histogram is a private copy and
 * {@link #histogram()} returns a new copy.
 *
 * @param tag the line's tag, or null for the untagged line (all committed transactions)
 * @param startSeconds interval start, seconds since the log's base time
 * @param lengthSeconds interval length, seconds
 * @param histogram the interval's values, ns
 */
public record LoggedInterval(String tag, double startSeconds, double lengthSeconds, Histogram histogram) {

    /** Copies the histogram. */
    public LoggedInterval {
        histogram = histogram.copy();
    }

    /** @return a copy of the interval's values, ns */
    @Override
    public Histogram histogram() {
        return histogram.copy();
    }
}
