package dev.vernier.core.recording;

import dev.vernier.api.NanoClock;
import dev.vernier.api.internal.Check;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.WriterReaderPhaser;

/**
 * Records a node's own operations, as they happen on production traffic, with no synthetic load:
 * the node calls {@link #record} (or a {@link Timer}) when an operation it served ends, and readers
 * (a dashboard, alert rules, an interval log, a tuning session) take {@link #snapshot() snapshots}
 * and subtract two of them to get any window.
 *
 * <pre>{@code
 * OperationRecorder recorder = OperationRecorder.builder().build();
 * OperationRecorder.Timer puts = recorder.timer("put");
 * long start = System.nanoTime();
 * ... serve the put ...
 * puts.record(start, System.nanoTime());          // or puts.recordFailure(start, end)
 *
 * Recording before = recorder.snapshot();
 * ... later ...
 * Recording window = recorder.snapshot().since(before);
 * double p99 = window.latency().percentileMs(99);  // from the window's merged histogram
 * }</pre>
 *
 * <p>Thread-safe. Recording is wait-free for up to {@value #MAX_CELLS} concurrently live recording
 * threads (each owns a cell: two sets of histograms swapped by a {@link WriterReaderPhaser}, as
 * HdrHistogram's {@code SingleWriterRecorder} does); threads beyond that share one locked cell, so
 * memory stays bounded whatever threads a node records from. A recording thread allocates only the
 * first time it records a type. Snapshots are serialised with each other and never block recording.
 * Latencies are kept to 3 significant digits up to the highest trackable value (default 60 s);
 * larger ones are recorded at that value and counted in {@link Recording#clamped()}.
 */
public final class OperationRecorder {

    /** Threads beyond this many share one locked cell. */
    public static final int MAX_CELLS = 64;
    /** Name of the type that collects operations of types beyond {@link Builder#maxTypes}. */
    public static final String OTHER = "other";

    private final NanoClock clock;
    private final long highest;
    private final int maxTypes;
    private final long createdNanos;
    private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
    private final String[] typeNames;
    private volatile int typeCount;
    private final CopyOnWriteArrayList<Cell> cells = new CopyOnWriteArrayList<>();
    private final ThreadLocal<Cell> local = ThreadLocal.withInitial(this::cellForNewThread);
    private Cell shared;
    /** Reader side: everything harvested so far, per type. Guarded by {@code this}. */
    private final Histogram[] total;
    private final long[] committed;
    private final long[] failed;
    private long clamped;

    private OperationRecorder(Builder b) {
        this.clock = b.clock;
        this.highest = b.highestTrackable.toNanos();
        this.maxTypes = b.maxTypes;
        this.createdNanos = clock.nanoTime();
        this.typeNames = new String[maxTypes + 1];
        this.total = new Histogram[maxTypes + 1];
        this.committed = new long[maxTypes + 1];
        this.failed = new long[maxTypes + 1];
    }

    /** @return a builder: highest trackable latency 60 s, at most 32 types, the system clock */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param type the operation's type, e.g. "put"; types beyond {@link Builder#maxTypes} are
     *     recorded as {@value #OTHER}
     * @return the timer of that type (the same instance for the same name)
     * @throws IllegalArgumentException when the type is null or blank
     */
    public Timer timer(String type) {
        Timer t = timers.get(type);
        return t != null ? t : register(type);
    }

    private synchronized Timer register(String type) {
        Check.notBlank("type", type);
        Timer t = timers.get(type);
        if (t != null) {
            return t;
        }
        int index;
        if (typeCount < maxTypes) {
            index = typeCount;
            typeNames[index] = type;
            typeCount = index + 1;
        } else {
            index = maxTypes;
            typeNames[index] = OTHER;
        }
        t = new Timer(type, index);
        timers.put(type, t);
        return t;
    }

    /**
     * Records a committed operation.
     *
     * @param type its type
     * @param startNanos when it started, on the recorder's clock (e.g. {@link System#nanoTime()})
     * @param endNanos when it ended, ns
     */
    public void record(String type, long startNanos, long endNanos) {
        timer(type).record(startNanos, endNanos);
    }

    /**
     * Records an operation that failed (an error returned to the client, a timeout).
     *
     * @param type its type
     * @param startNanos when it started, ns
     * @param endNanos when it ended, ns
     */
    public void recordFailure(String type, long startNanos, long endNanos) {
        timer(type).recordFailure(startNanos, endNanos);
    }

    /** @return the clock the recorder reads for snapshots (record with the same time base) */
    public NanoClock clock() {
        return clock;
    }

    /**
     * Everything recorded since the recorder was built, up to now. Subtract an earlier snapshot with
     * {@link Recording#since(Recording)} for a window. Safe from any thread; concurrent calls are
     * serialised.
     *
     * @return the cumulative recording (histograms are copies the caller owns)
     */
    public synchronized Recording snapshot() {
        for (Cell c : cells) {
            c.harvest();
        }
        long now = clock.nanoTime();
        List<Recording.TypeRecording> types = new ArrayList<>();
        int n = Math.min(typeCount + 1, maxTypes + 1);
        for (int i = 0; i < n; i++) {
            String name = typeNames[i];
            if (name == null) {
                continue;
            }
            Histogram h = total[i] == null ? newHistogram() : total[i].copy();
            types.add(new Recording.TypeRecording(name, h, committed[i], failed[i]));
        }
        return new Recording(createdNanos, now, types, clamped);
    }

    private Histogram newHistogram() {
        Histogram h = new Histogram(highest, 3);
        h.setStartTimeStamp(0);
        return h;
    }

    private synchronized Cell cellForNewThread() {
        Thread me = Thread.currentThread();
        for (Cell c : cells) {
            Thread owner = c.owner;
            if (c != shared && owner != null && !owner.isAlive()) {
                c.owner = me;
                return c;
            }
        }
        if (cells.size() >= MAX_CELLS) {
            if (shared == null) {
                shared = new Cell(null, true);
                cells.add(shared);
            }
            return shared;
        }
        Cell c = new Cell(me, false);
        cells.add(c);
        return c;
    }

    /** One side of a cell: a histogram per type (created on first use) and counts. */
    private final class Side {
        final Histogram[] latency = new Histogram[maxTypes + 1];
        final long[] committed = new long[maxTypes + 1];
        final long[] failed = new long[maxTypes + 1];
        long clamped;
    }

    /** The recording state of one thread (or, when {@code locked}, of every thread beyond the cap). */
    private final class Cell {
        private final WriterReaderPhaser phaser = new WriterReaderPhaser();
        private final boolean locked;
        private volatile Side active = new Side();
        private Side inactive = new Side();
        volatile Thread owner;

        Cell(Thread owner, boolean locked) {
            this.owner = owner;
            this.locked = locked;
        }

        void record(int type, long nanos, boolean ok) {
            if (locked) {
                synchronized (this) {
                    write(type, nanos, ok);
                }
            } else {
                write(type, nanos, ok);
            }
        }

        private void write(int type, long nanos, boolean ok) {
            long enter = phaser.writerCriticalSectionEnter();
            try {
                Side s = active;
                if (ok) {
                    Histogram h = s.latency[type];
                    if (h == null) {
                        h = newHistogram();
                        s.latency[type] = h;
                    }
                    long v = nanos < 0 ? 0 : nanos;
                    if (v > highest) {
                        v = highest;
                        s.clamped++;
                    }
                    h.recordValue(v);
                    s.committed[type]++;
                } else {
                    s.failed[type]++;
                }
            } finally {
                phaser.writerCriticalSectionExit(enter);
            }
        }

        /** Moves what was recorded since the last harvest into the recorder's totals. Reader only. */
        void harvest() {
            phaser.readerLock();
            try {
                Side drained = active;
                active = inactive;
                inactive = drained;
                phaser.flipPhase();
                for (int i = 0; i < drained.latency.length; i++) {
                    Histogram h = drained.latency[i];
                    if (h != null && h.getTotalCount() > 0) {
                        if (total[i] == null) {
                            total[i] = newHistogram();
                        }
                        total[i].add(h);
                        h.reset();
                    }
                    committed[i] += drained.committed[i];
                    failed[i] += drained.failed[i];
                    drained.committed[i] = 0;
                    drained.failed[i] = 0;
                }
                clamped += drained.clamped;
                drained.clamped = 0;
            } finally {
                phaser.readerUnlock();
            }
        }
    }

    /**
     * Records operations of one type without looking the type up. Thread-safe, wait-free (see the
     * recorder).
     */
    public final class Timer {
        private final String type;
        private final int index;

        private Timer(String type, int index) {
            this.type = type;
            this.index = index;
        }

        /** @return the type's name */
        public String type() {
            return type;
        }

        /** @return the recorder's clock reading now, ns: the start to pass to {@link #record} */
        public long start() {
            return clock.nanoTime();
        }

        /**
         * @param startNanos when the operation started, ns
         * @param endNanos when it ended, ns
         */
        public void record(long startNanos, long endNanos) {
            local.get().record(index, endNanos - startNanos, true);
        }

        /**
         * Records a committed operation that started at {@code startNanos} and ends now.
         *
         * @param startNanos from {@link #start()}
         */
        public void stop(long startNanos) {
            record(startNanos, clock.nanoTime());
        }

        /**
         * @param startNanos when the failed operation started, ns
         * @param endNanos when it failed, ns
         */
        public void recordFailure(long startNanos, long endNanos) {
            local.get().record(index, endNanos - startNanos, false);
        }
    }

    /** Settings of a recorder; not thread-safe. */
    public static final class Builder {
        private NanoClock clock = NanoClock.system();
        private Duration highestTrackable = Duration.ofSeconds(60);
        private int maxTypes = 32;

        private Builder() {
        }

        /** @param clock the clock of snapshot times and {@link Timer#start()} (default the system's) */
        public Builder clock(NanoClock clock) {
            this.clock = Check.notNull("clock", clock);
            return this;
        }

        /**
         * @param highest the largest latency kept exactly, 1 ms to 1 hour (default 60 s); larger ones
         *     are recorded at this value and counted as clamped
         */
        public Builder highestTrackable(Duration highest) {
            Check.notNull("highestTrackable", highest);
            if (highest.compareTo(Duration.ofMillis(1)) < 0 || highest.compareTo(Duration.ofHours(1)) > 0) {
                throw new IllegalArgumentException("highestTrackable must be between 1 ms and 1 h, but was " + highest);
            }
            this.highestTrackable = highest;
            return this;
        }

        /** @param maxTypes distinct type names kept apart, 1 to 256 (default 32); the rest become "other" */
        public Builder maxTypes(int maxTypes) {
            if (maxTypes < 1 || maxTypes > 256) {
                throw new IllegalArgumentException("maxTypes must be between 1 and 256, but was " + maxTypes);
            }
            this.maxTypes = maxTypes;
            return this;
        }

        /** @return a new recorder */
        public OperationRecorder build() {
            return new OperationRecorder(this);
        }
    }
}
