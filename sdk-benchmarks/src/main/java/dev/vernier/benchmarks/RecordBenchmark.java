package dev.vernier.benchmarks;

import dev.vernier.core.internal.engine.ShardedRecorder;
import dev.vernier.core.internal.engine.Tally;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.SingleWriterRecorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * Cost of recording one completed transaction, as the engine does it on the completing thread:
 * {@code recorder.shard().recordCommitted(...)} (thread-local lookup, one phaser entry, overall +
 * per-type + four stage histograms, one counter), against bare HdrHistogram recorders measured in
 * the same run.
 *
 * <p>Shapes match a default scenario: 5 s timeout, so histograms track up to 11 s at 3 significant
 * digits; two transaction types so the per-type histogram is exercised; all four stage timestamps
 * present. Latencies vary over about 1 µs .. 65 ms so different histogram buckets are touched.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RecordBenchmark {

    /** Histogram range of a default scenario (2 x 5 s timeout + 1 s). */
    static final long HIGHEST = 11_000_000_000L;
    static final long LAG_THRESHOLD = 1_000_000L;

    /** One engine recorder shared by all benchmark threads; each thread gets its own shard. */
    @State(Scope.Benchmark)
    public static class Engine {
        ShardedRecorder recorder;
        Tally aggregate;

        @Setup(Level.Trial)
        public void setUp() {
            recorder = new ShardedRecorder(2, HIGHEST);
            aggregate = recorder.newAggregate();
        }

        /** The reader's side, as the ticker does it, so int counts never overflow and totals are checked. */
        @TearDown(Level.Iteration)
        public void harvest() {
            recorder.harvestInto(aggregate);
            aggregate.reset();
        }
    }

    /** Per-thread input: a cheap varying latency. */
    @State(Scope.Thread)
    public static class Input {
        long i;

        long next() {
            i++;
            // 1 µs .. ~65 ms, in varying buckets
            return 1_000L + ((i * 0x9E3779B97F4A7C15L) >>> 48) * 1_000L;
        }
    }

    /** A bare single-writer recorder per thread (the baseline the shards are modelled on). */
    @State(Scope.Thread)
    public static class Bare {
        SingleWriterRecorder recorder;

        @Setup(Level.Trial)
        public void setUp() {
            recorder = new SingleWriterRecorder(HIGHEST, 3);
        }

        @TearDown(Level.Iteration)
        public void harvest() {
            recorder.getIntervalHistogram();
        }
    }

    /** One HdrHistogram Recorder shared by all threads (the contended alternative). */
    @State(Scope.Benchmark)
    public static class Shared {
        Recorder recorder;

        @Setup(Level.Trial)
        public void setUp() {
            recorder = new Recorder(HIGHEST, 3);
        }

        @TearDown(Level.Iteration)
        public void harvest() {
            recorder.getIntervalHistogram();
        }
    }

    private static void commit(Engine e, Input in) {
        long v = in.next();
        long intended = 1_000_000_000L;
        long submitted = intended + (v >>> 6);
        long agreed = submitted + (v >>> 1);
        long applied = agreed + (v >>> 3);
        long completed = intended + v;
        e.recorder.shard().recordCommitted((int) (in.i & 1), true, intended, submitted, agreed, applied, completed);
    }

    /**
     * Engine recording path with the reader the engine has: one writer thread records while a
     * harvester takes the shard's tally every millisecond (the ticker harvests every tick, at most
     * 10 ms), so commits go through the six-number buffer as they do in a run.
     */
    @Benchmark
    @Group("engineHarvested")
    @GroupThreads(1)
    public void engineHarvested_record(GroupEngine e, Input in) {
        commit(e, in);
    }

    /** The harvester of {@link #engineHarvested_record}: every millisecond, as a ticker would. */
    @Benchmark
    @Group("engineHarvested")
    @GroupThreads(1)
    public void engineHarvested_harvest(GroupEngine e) {
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
        e.recorder.harvestInto(e.aggregate);
        e.aggregate.reset();
    }

    /** Baseline with the same reader: one value into a SingleWriterRecorder, harvested every millisecond. */
    @Benchmark
    @Group("bareHarvested")
    @GroupThreads(1)
    public void bareHarvested_record(SharedBare b, Input in) {
        b.recorder.recordValue(in.next());
    }

    /** The harvester of {@link #bareHarvested_record}, recycling its interval histogram. */
    @Benchmark
    @Group("bareHarvested")
    @GroupThreads(1)
    public void bareHarvested_harvest(SharedBare b) {
        java.util.concurrent.locks.LockSupport.parkNanos(1_000_000L);
        b.interval = b.recorder.getIntervalHistogram(b.interval);
    }

    /** The engine recorder of a writer and its harvester. */
    @State(Scope.Group)
    public static class GroupEngine extends Engine {
    }

    /** A single-writer recorder shared by a writer and a harvester (the bare baseline of the groups). */
    @State(Scope.Group)
    public static class SharedBare {
        SingleWriterRecorder recorder;
        org.HdrHistogram.Histogram interval;

        @Setup(Level.Trial)
        public void setUp() {
            recorder = new SingleWriterRecorder(HIGHEST, 3);
        }
    }

    /** Engine recording path, one thread, never harvested within an iteration (the buffer overflows: direct recording). */
    @Benchmark
    @Threads(1)
    public void shardRecordCommitted_1t(Engine e, Input in) {
        commit(e, in);
    }

    /** Engine recording path, two threads at once, each into its own shard. */
    @Benchmark
    @Threads(2)
    public void shardRecordCommitted_2t(Engine e, Input in) {
        commit(e, in);
    }

    /** Baseline: one value into a per-thread SingleWriterRecorder, one thread. */
    @Benchmark
    @Threads(1)
    public void bareSingleWriterRecorder_1t(Bare b, Input in) {
        b.recorder.recordValue(in.next());
    }

    /** Baseline: one value into a per-thread SingleWriterRecorder, two threads. */
    @Benchmark
    @Threads(2)
    public void bareSingleWriterRecorder_2t(Bare b, Input in) {
        b.recorder.recordValue(in.next());
    }

    /** Contrast: one value into one shared Recorder, one thread. */
    @Benchmark
    @Threads(1)
    public void sharedRecorder_1t(Shared s, Input in) {
        s.recorder.recordValue(in.next());
    }

    /** Contrast: one value into one shared Recorder from two threads at once. */
    @Benchmark
    @Threads(2)
    public void sharedRecorder_2t(Shared s, Input in) {
        s.recorder.recordValue(in.next());
    }
}
