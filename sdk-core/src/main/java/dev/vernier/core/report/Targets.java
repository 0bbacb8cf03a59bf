package dev.vernier.core.report;

/**
 * What a run should achieve, for the findings of reports ({@link Findings}): latency percentiles,
 * error rate, CPU, memory per node, an optional throughput floor, and the gains a before/after pair
 * should show. Defaults are the source documents' targets: p50 &lt;= 50 ms, p95 &lt;= 200 ms,
 * p99 &lt;= 500 ms, error rate &lt;= 1%, CPU &lt;= 80%, memory &lt;= 2048 MiB per node, no throughput
 * floor, and for a before/after pair a 3x throughput gain and a 35% latency reduction.
 *
 * <p>Immutable and thread-safe. Built with {@link #builder()}; a configuration file (the CLI's YAML)
 * maps one key to each builder method.
 *
 * @param p50Ms largest acceptable median latency, ms
 * @param p95Ms largest acceptable 95th percentile, ms
 * @param p99Ms largest acceptable 99th percentile, ms
 * @param errorRate largest acceptable share of transactions that did not commit, in [0, 1]
 * @param cpuPercent largest acceptable average process CPU, percent of all cores, in (0, 100]
 * @param memoryPerNodeMb largest acceptable peak resident memory of a node's process, MiB (2^20 bytes)
 * @param throughputFloorOpsPerSecond smallest acceptable sustainable throughput, ops/s, or null for none
 * @param throughputGain smallest acceptable after/before throughput ratio of a before/after pair (3 = 3x)
 * @param latencyReductionPercent smallest acceptable latency reduction of a before/after pair, percent
 */
public record Targets(double p50Ms, double p95Ms, double p99Ms, double errorRate, double cpuPercent,
                      double memoryPerNodeMb, Double throughputFloorOpsPerSecond, double throughputGain,
                      double latencyReductionPercent) {

    /** Validates every field. @throws IllegalArgumentException naming the field and its value */
    public Targets {
        positive("p50Ms", p50Ms);
        positive("p95Ms", p95Ms);
        positive("p99Ms", p99Ms);
        if (!(errorRate >= 0 && errorRate <= 1)) {
            throw new IllegalArgumentException("errorRate must be in [0, 1], but was " + errorRate);
        }
        if (!(cpuPercent > 0 && cpuPercent <= 100)) {
            throw new IllegalArgumentException("cpuPercent must be in (0, 100], but was " + cpuPercent);
        }
        positive("memoryPerNodeMb", memoryPerNodeMb);
        if (throughputFloorOpsPerSecond != null) {
            positive("throughputFloorOpsPerSecond", throughputFloorOpsPerSecond);
        }
        positive("throughputGain", throughputGain);
        if (!(latencyReductionPercent >= 0 && latencyReductionPercent < 100)) {
            throw new IllegalArgumentException("latencyReductionPercent must be in [0, 100), but was "
                    + latencyReductionPercent);
        }
    }

    private static void positive(String name, double v) {
        if (!(v > 0 && v < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException(name + " must be positive and finite, but was " + v);
        }
    }

    /** @return the source documents' targets (see the class comment) */
    public static Targets defaults() {
        return builder().build();
    }

    /** @return a builder starting from {@link #defaults()} */
    public static Builder builder() {
        return new Builder();
    }

    /** @return a builder starting from these targets */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.p50Ms = p50Ms;
        b.p95Ms = p95Ms;
        b.p99Ms = p99Ms;
        b.errorRate = errorRate;
        b.cpuPercent = cpuPercent;
        b.memoryPerNodeMb = memoryPerNodeMb;
        b.throughputFloor = throughputFloorOpsPerSecond;
        b.throughputGain = throughputGain;
        b.latencyReductionPercent = latencyReductionPercent;
        return b;
    }

    /** Sets targets one by one; {@link #build()} validates them all. Not thread-safe. */
    public static final class Builder {
        private double p50Ms = 50;
        private double p95Ms = 200;
        private double p99Ms = 500;
        private double errorRate = 0.01;
        private double cpuPercent = 80;
        private double memoryPerNodeMb = 2048;
        private Double throughputFloor;
        private double throughputGain = 3;
        private double latencyReductionPercent = 35;

        private Builder() {
        }

        /** @param ms largest acceptable median, ms, positive (default 50) */
        public Builder p50Ms(double ms) {
            this.p50Ms = ms;
            return this;
        }

        /** @param ms largest acceptable 95th percentile, ms, positive (default 200) */
        public Builder p95Ms(double ms) {
            this.p95Ms = ms;
            return this;
        }

        /** @param ms largest acceptable 99th percentile, ms, positive (default 500) */
        public Builder p99Ms(double ms) {
            this.p99Ms = ms;
            return this;
        }

        /** @param share largest acceptable error share, in [0, 1] (default 0.01) */
        public Builder errorRate(double share) {
            this.errorRate = share;
            return this;
        }

        /** @param percent largest acceptable average process CPU, percent of all cores, in (0, 100] (default 80) */
        public Builder cpuPercent(double percent) {
            this.cpuPercent = percent;
            return this;
        }

        /** @param mib largest acceptable peak resident memory per node, MiB, positive (default 2048) */
        public Builder memoryPerNodeMb(double mib) {
            this.memoryPerNodeMb = mib;
            return this;
        }

        /** @param opsPerSecond smallest acceptable sustainable throughput, ops/s, positive; null for none (default) */
        public Builder throughputFloorOpsPerSecond(Double opsPerSecond) {
            this.throughputFloor = opsPerSecond;
            return this;
        }

        /** @param ratio smallest acceptable after/before throughput of a pair, positive (default 3) */
        public Builder throughputGain(double ratio) {
            this.throughputGain = ratio;
            return this;
        }

        /** @param percent smallest acceptable latency reduction of a pair, in [0, 100) (default 35) */
        public Builder latencyReductionPercent(double percent) {
            this.latencyReductionPercent = percent;
            return this;
        }

        /**
         * @return the targets
         * @throws IllegalArgumentException naming the first field that is out of range
         */
        public Targets build() {
            return new Targets(p50Ms, p95Ms, p99Ms, errorRate, cpuPercent, memoryPerNodeMb, throughputFloor,
                    throughputGain, latencyReductionPercent);
        }
    }
}
