package dev.vernier.examples.cluster;

import dev.vernier.api.internal.Check;

/**
 * The cost model of a node's durable log: each synchronised write (one fsync of a batch) costs a
 * fixed time plus a time per byte, during which the node's event loop is busy and does nothing else.
 * Writing many entries in one batch therefore amortises the fixed cost, as on a real disk.
 *
 * <p>Immutable and thread-safe.
 *
 * @param fixedWriteMicros cost of one synchronised write in microseconds, 0 or more
 * @param perByteNanos additional cost per written byte in nanoseconds, 0 or more
 * @param realFsync when true, additionally write and {@code force()} a temporary file per node
 *     (slow and machine-dependent; off by default)
 */
public record DiskConfig(long fixedWriteMicros, double perByteNanos, boolean realFsync) {

    /** @throws IllegalArgumentException naming the field and value when one is invalid */
    public DiskConfig {
        Check.nonNegative("disk.fixedWriteMicros", fixedWriteMicros);
        Check.nonNegative("disk.perByteNanos", perByteNanos);
    }

    /** @return the default model: 200 µs per synchronised write plus 2 ns per byte, simulated */
    public static DiskConfig defaults() {
        return new DiskConfig(200, 2.0, false);
    }

    /** @return a model where durable writes cost nothing */
    public static DiskConfig free() {
        return new DiskConfig(0, 0, false);
    }

    /**
     * @param bytes bytes written in one synchronised write
     * @return the simulated cost in nanoseconds
     */
    public long costNanos(long bytes) {
        return fixedWriteMicros * 1_000L + (long) (perByteNanos * bytes);
    }
}
