package dev.vernier.core.result;

/**
 * The scenario's load at one cluster size. Immutable and thread-safe.
 *
 * @param nodes cluster size
 * @param throughputOpsPerSecond committed transactions per second (the optimal rate for a step
 *     search, the average over intervals otherwise)
 * @param p50Ms median latency of every due transaction at this size (the merged histogram), ms
 * @param p99Ms 99th percentile of the merged histogram at this size, ms
 * @param errorRate error share of all outcomes, [0, 1]
 * @param efficiency throughput per node relative to the smallest size measured (1.0 = linear scaling)
 * @param generator who limited the load at this size, if anybody
 */
public record ScalePoint(int nodes, double throughputOpsPerSecond, double p50Ms, double p99Ms, double errorRate,
                         double efficiency, GeneratorHealth generator) {
}
