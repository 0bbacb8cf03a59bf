package dev.vernier.benchmarks;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.WriterReaderPhaser;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Controls for reading the other figures: the cost, on this machine, of the primitives the engine's
 * per-transaction path is made of (clock read, atomic increments, phaser entry, thread-local lookup).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Thread)
public class PrimitivesBenchmark {

    private final AtomicLong atomic = new AtomicLong();
    private final LongAdder adder = new LongAdder();
    private final WriterReaderPhaser phaser = new WriterReaderPhaser();
    private final ThreadLocal<Object> local = ThreadLocal.withInitial(Object::new);

    @Benchmark
    public long nanoTime() {
        return System.nanoTime();
    }

    @Benchmark
    public long atomicIncrement() {
        return atomic.incrementAndGet();
    }

    @Benchmark
    public void longAdderIncrement() {
        adder.increment();
    }

    @Benchmark
    public void phaserEnterExit() {
        phaser.writerCriticalSectionExit(phaser.writerCriticalSectionEnter());
    }

    @Benchmark
    public Object threadLocalGet() {
        return local.get();
    }
}
