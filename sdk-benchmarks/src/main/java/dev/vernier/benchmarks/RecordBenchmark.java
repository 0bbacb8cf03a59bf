package dev.vernier.benchmarks;

import dev.vernier.core.internal.engine.ShardedRecorder;
import dev.vernier.core.internal.engine.Tally;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Recorder;
import org.HdrHistogram.SingleWriterRecorder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
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

    /** Commits per invocation of the harvested benchmarks: half the engine's commit buffer. */
    static final int BATCH = 512;

    /**
     * Engine recording path as a run has it: the ticker harvests every shard at least every 10 ms,
     * so a thread's commits land in the six-number buffer. Each invocation records {@link #BATCH}
     * commits into a freshly harvested shard; the harvest (the reader's work) is outside the timing.
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void engineHarvested(HarvestedEngine e, Input in) {
        for (int k = 0; k < BATCH; k++) {
            commit(e, in);
        }
    }

    /** Baseline with the same reader: {@link #BATCH} values into a SingleWriterRecorder harvested before each invocation. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void bareHarvested(HarvestedBare b, Input in) {
        for (int k = 0; k < BATCH; k++) {
            b.recorder.recordValue(in.next());
        }
    }

    /** An engine recorder harvested before every invocation, as the ticker harvests it. */
    @State(Scope.Thread)
    public static class HarvestedEngine extends Engine {
        @Setup(Level.Invocation)
        public void harvestBefore() {
            recorder.harvestInto(aggregate);
            aggregate.reset();
        }
    }

    /** A single-writer recorder whose interval histogram is taken before every invocation. */
    @State(Scope.Thread)
    public static class HarvestedBare {
        SingleWriterRecorder recorder;
        org.HdrHistogram.Histogram interval;

        @Setup(Level.Trial)
        public void setUp() {
            recorder = new SingleWriterRecorder(HIGHEST, 3);
        }

        @Setup(Level.Invocation)
        public void harvestBefore() {
            interval = recorder.getIntervalHistogram(interval);
        }
    }

    /**
     * Engine recording path, one thread, harvested only between iterations: the buffer is full after
     * 1,024 commits and every later one is recorded directly into the seven histograms (the worst
     * case, when a thread completes more than 100,000 transactions per second per 10 ms tick).
     */
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
