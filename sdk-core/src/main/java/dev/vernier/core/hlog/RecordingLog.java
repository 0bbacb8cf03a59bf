package dev.vernier.core.hlog;

import dev.vernier.core.recording.OperationRecorder;
import dev.vernier.core.recording.Recording;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.Objects;

/**
 * The interval log of a node that records its own operations with an {@link OperationRecorder}:
 * each {@link #writeInterval()} takes a snapshot, subtracts the previous one and writes the window
 * (untagged: every committed operation; {@code type=<name>}: one operation type). The node calls it
 * from its own scheduler (for example every second); merging the logs of every node with
 * {@link HistogramMerge#fromLogs} gives the cluster's exact distribution.
 *
 * <pre>{@code
 * RecordingLog log = RecordingLog.create(recorder, Path.of("node-1.hlog"), System.currentTimeMillis(), "node-1");
 * scheduler.scheduleAtFixedRate(log::writeInterval, 1, 1, TimeUnit.SECONDS);
 * ...
 * log.close();
 * }</pre>
 *
 * <p>Interval times come from the recorder's clock, in seconds since the log was created; the log's
 * start time is the wall time given at creation. Operations recorded before the log was created are
 * not in it. Thread-safe: calls are serialised.
 */
public final class RecordingLog implements AutoCloseable {

    private final OperationRecorder recorder;
    private final IntervalLogWriter writer;
    private final long originNanos;
    private Recording previous;

    private RecordingLog(OperationRecorder recorder, IntervalLogWriter writer) {
        this.recorder = recorder;
        this.writer = writer;
        this.previous = recorder.snapshot();
        this.originNanos = previous.endNanos();
    }

    /**
     * @param recorder the node's recorder
     * @param file the {@code .hlog} file to create (or replace)
     * @param startEpochMillis wall time now, ms since the epoch (the log's start time)
     * @param description one line for the header, e.g. the node's name
     * @return the log, positioned at the recorder's current state
     * @throws java.io.UncheckedIOException when the file cannot be created
     */
    public static RecordingLog create(OperationRecorder recorder, Path file, long startEpochMillis, String description) {
        Objects.requireNonNull(recorder, "recorder");
        return new RecordingLog(recorder, IntervalLogWriter.create(file, startEpochMillis, description));
    }

    /**
     * @param recorder the node's recorder
     * @param stream where to write; closed by {@link #close()}
     * @param startEpochMillis wall time now, ms since the epoch
     * @param description one line for the header
     * @return the log
     */
    public static RecordingLog to(OperationRecorder recorder, OutputStream stream, long startEpochMillis,
                                  String description) {
        Objects.requireNonNull(recorder, "recorder");
        return new RecordingLog(recorder, IntervalLogWriter.to(stream, startEpochMillis, description));
    }

    /**
     * Writes what was recorded since the previous call (or since creation).
     *
     * @return the window written
     */
    public synchronized Recording writeInterval() {
        Recording now = recorder.snapshot();
        Recording window = now.since(previous);
        double start = (window.startNanos() - originNanos) / 1e9;
        double end = (window.endNanos() - originNanos) / 1e9;
        writer.write(start, end, null, window.all().histogram());
        for (Recording.TypeRecording t : window.types()) {
            writer.write(start, end, IntervalLogWriter.tag(IntervalLogWriter.TYPE_TAG, t.type()), t.histogram());
        }
        previous = now;
        return window;
    }

    /** Flushes and closes the log (without writing a last interval). */
    @Override
    public synchronized void close() {
        writer.close();
    }
}
