package dev.vernier.optimizer;

import dev.vernier.api.NanoClock;
import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Parameter;
import dev.vernier.api.tuning.ParameterRole;
import dev.vernier.api.tuning.ParameterSpace;
import dev.vernier.api.tuning.Tunable;
import dev.vernier.core.recording.OperationRecorder;

import java.util.Random;
import java.util.function.DoubleUnaryOperator;

/**
 * A node serving production traffic, simulated deterministically on its own virtual clock: while a
 * caller waits on the clock, operations arrive at the offered rate of the time (a Poisson process
 * whose rate drifts), each served with a lognormal latency whose median depends on the configuration
 * in force and on the load, and recorded into the node's {@link OperationRecorder}, as a node records
 * its own operations; each operation costs CPU time that depends on the configuration. Every window
 * also has its own slowdown (a GC, a neighbour), the same for latency and CPU.
 *
 * <p>Knobs: {@code batchSize} (1..64, log scale) with its best at 8 (median latency and CPU per
 * operation both 1/1.6 of batch 1's), and {@code compression}, which changes nothing. Not thread-safe.
 */
final class SimulatedNode implements Tunable, NanoClock {

    static final ParameterSpace SPACE = ParameterSpace.of(
            Parameter.integer("batchSize", 1, 64, 1).logScaled().withRole(ParameterRole.BATCH_SIZE),
            Parameter.bool("compression", false));

    private final OperationRecorder recorder;
    private final OperationRecorder.Timer ops;
    private final DoubleUnaryOperator offeredRate;
    private final Random random;
    private final double windowNoise;
    private Configuration current = SPACE.defaults();
    private long now;
    private long cpu;
    private double slowdown = 1;
    private long nextSlowdown;

    /**
     * @param offeredRate ops/s offered at a time in seconds
     * @param windowNoise sd of the log slowdown drawn every second (latency and CPU alike)
     * @param seed seed of arrivals, latencies and slowdowns
     */
    SimulatedNode(DoubleUnaryOperator offeredRate, double windowNoise, long seed) {
        this.offeredRate = offeredRate;
        this.windowNoise = windowNoise;
        this.random = new Random(seed);
        this.recorder = OperationRecorder.builder().clock(this).build();
        this.ops = recorder.timer("put");
    }

    /** @return median latency at batch size {@code b} with no load, ms: 1.6 at batch 1, 1.0 at batch 8 */
    static double medianMs(Configuration c) {
        double d = Math.log(c.getInt("batchSize")) / Math.log(2) - 3;
        return 1.0 + 0.6 * d * d / 9;
    }

    /** @return CPU per operation, µs, as the latency: 160 at batch 1, 100 at batch 8 */
    static double cpuMicros(Configuration c) {
        return 100 * medianMs(c);
    }

    OperationRecorder recorder() {
        return recorder;
    }

    long cpuNanos() {
        return cpu;
    }

    @Override
    public ParameterSpace parameterSpace() {
        return SPACE;
    }

    @Override
    public Configuration currentConfiguration() {
        return current;
    }

    @Override
    public void apply(Configuration changes) {
        current = SPACE.validate(current.with(changes));
    }

    @Override
    public long nanoTime() {
        return now;
    }

    @Override
    public void parkUntil(long deadlineNanos) {
        serveUntil(deadlineNanos);
    }

    @Override
    public void sleepUntil(long deadlineNanos) {
        serveUntil(deadlineNanos);
    }

    private void serveUntil(long deadline) {
        while (now < deadline) {
            if (now >= nextSlowdown) {
                slowdown = Math.exp(windowNoise * random.nextGaussian());
                nextSlowdown = now + 1_000_000_000L;
            }
            double rate = offeredRate.applyAsDouble(now / 1e9);
            long gap = (long) (-Math.log(1 - random.nextDouble()) / rate * 1e9);
            long at = now + Math.max(1, gap);
            if (at >= deadline) {
                now = deadline;
                return;
            }
            now = at;
            // queueing: the busier the node, the longer an operation waits (load in units of 1,000 ops/s)
            double load = 1 + rate / 1_000;
            double ms = medianMs(current) * load * slowdown * Math.exp(0.5 * random.nextGaussian());
            ops.record(now, now + (long) (ms * 1e6));
            cpu += (long) (cpuMicros(current) * slowdown * 1_000);
        }
    }
}
