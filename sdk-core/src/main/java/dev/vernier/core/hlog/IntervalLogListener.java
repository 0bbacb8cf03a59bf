package dev.vernier.core.hlog;

import dev.vernier.api.Phase;
import dev.vernier.core.event.IntervalHistograms;
import dev.vernier.core.event.IntervalSnapshot;
import dev.vernier.core.event.PhaseStarted;
import dev.vernier.core.event.RunListener;
import dev.vernier.core.event.VernierEvent;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import org.HdrHistogram.Histogram;

/**
 * A {@link RunListener} that writes every measured snapshot interval of a run to an interval log
 * ({@code .hlog}, see {@link IntervalLogWriter}): the untagged line is every committed transaction of
 * the interval, then one line per transaction type ({@code type=<name>}) and per stage
 * ({@code stage=<name>}). A comment marks where each phase starts. Warm-up intervals are left out
 * unless {@link Builder#includeWarmup(boolean)}, so the log's sum covers what the results measured.
 *
 * <pre>{@code
 * try (IntervalLogListener hlog = IntervalLogListener.builder(Path.of("run.hlog")).build();
 *      Vernier vernier = Vernier.builder().register(suite).listener(hlog).build()) {
 *     vernier.run("raft", scenario);
 * }
 * Histogram all = HistogramMerge.fromLog(Path.of("run.hlog"), null);   // run-wide, exact
 * }</pre>
 *
 * <p>Interval times are read from the listener's wall clock when the snapshot arrives (snapshots are
 * delivered as their interval ends): the end is that instant, the start is the end less the interval's
 * length (or the previous interval's end, if later: delivery jitter never makes intervals overlap),
 * in seconds since the log was opened. Transactions that complete after a phase's last
 * snapshot (while the engine drains in-flight ones) are in the phase's result but in no snapshot,
 * so a log can count a few fewer transactions than the result.
 *
 * <p>Thread-safe (writes are serialised); events are normally delivered on the run's thread.
 * Snapshots without histograms are skipped.
 */
public final class IntervalLogListener implements RunListener, AutoCloseable {

    private final IntervalLogWriter writer;
    private final Clock clock;
    private final long startMillis;
    private final boolean includeWarmup;
    private final boolean types;
    private final boolean stages;
    private Phase phase;
    private double lastEnd;

    private IntervalLogListener(Builder b, IntervalLogWriter writer, long startMillis) {
        this.writer = writer;
        this.clock = b.clock;
        this.startMillis = startMillis;
        this.includeWarmup = b.includeWarmup;
        this.types = b.types;
        this.stages = b.stages;
    }

    /**
     * @param file the {@code .hlog} file to create (or replace)
     * @return a builder
     */
    public static Builder builder(Path file) {
        return new Builder(Objects.requireNonNull(file, "file"), null);
    }

    /**
     * @param stream where to write; closed by {@link #close()}
     * @return a builder
     */
    public static Builder builder(OutputStream stream) {
        return new Builder(null, Objects.requireNonNull(stream, "stream"));
    }

    @Override
    public synchronized void onEvent(VernierEvent event) {
        if (event instanceof PhaseStarted p) {
            writer.comment("phase " + p.phase() + " of " + p.suite() + " / " + p.scenario() + " starts");
            phase = p.phase();
        } else if (event instanceof IntervalSnapshot s && s.histograms() != null && (includeWarmup || !s.warmup())) {
            double end = Math.max(0, (clock.millis() - startMillis) / 1000.0);
            double start = Math.max(lastEnd, end - s.intervalSeconds());
            end = Math.max(start, end);
            lastEnd = end;
            if (phase != s.phase()) {
                writer.comment("phase " + s.phase() + " of " + s.suite() + " / " + s.scenario());
                phase = s.phase();
            }
            IntervalHistograms h = s.histograms();
            writer.write(start, end, null, h.all());
            if (types) {
                for (Map.Entry<String, Histogram> e : h.byType().entrySet()) {
                    writer.write(start, end, IntervalLogWriter.tag(IntervalLogWriter.TYPE_TAG, e.getKey()), e.getValue());
                }
            }
            if (stages) {
                for (Map.Entry<String, Histogram> e : h.byStage().entrySet()) {
                    writer.write(start, end, IntervalLogWriter.tag(IntervalLogWriter.STAGE_TAG, e.getKey()), e.getValue());
                }
            }
        }
    }

    /** @return histogram lines written so far */
    public long lines() {
        return writer.lines();
    }

    /** Flushes and closes the log. @throws java.io.UncheckedIOException when a write failed */
    @Override
    public synchronized void close() {
        writer.close();
    }

    /** Settings of the listener. Not thread-safe. */
    public static final class Builder {
        private final Path file;
        private final OutputStream stream;
        private Clock clock = Clock.systemUTC();
        private boolean includeWarmup;
        private boolean types = true;
        private boolean stages = true;
        private String description = "Vernier run";

        private Builder(Path file, OutputStream stream) {
            this.file = file;
            this.stream = stream;
        }

        /** @param clock the wall clock of interval times (default UTC system clock; a fixed one in tests) */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** @param include true to log warm-up intervals too (default false) */
        public Builder includeWarmup(boolean include) {
            this.includeWarmup = include;
            return this;
        }

        /** @param perType true (default) to add a line per transaction type */
        public Builder perType(boolean perType) {
            this.types = perType;
            return this;
        }

        /** @param perStage true (default) to add a line per stage */
        public Builder perStage(boolean perStage) {
            this.stages = perStage;
            return this;
        }

        /** @param description one line for the log's header, e.g. the suite, scenario and host */
        public Builder description(String description) {
            this.description = Objects.requireNonNull(description, "description");
            return this;
        }

        /**
         * Opens the log (writing its header, start time = the clock now).
         *
         * @return the listener
         * @throws java.io.UncheckedIOException when the file cannot be created
         */
        public IntervalLogListener build() {
            long start = clock.millis();
            IntervalLogWriter w = file != null ? IntervalLogWriter.create(file, start, description)
                    : IntervalLogWriter.to(stream, start, description);
            return new IntervalLogListener(this, w, start);
        }
    }
}
