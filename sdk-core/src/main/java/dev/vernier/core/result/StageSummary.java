package dev.vernier.core.result;

/**
 * Latency of one stage of a transaction and its share of the end-to-end mean. Stages: queue
 * (intended start to submit), consensus (submit to agreed), apply (agreed to applied), response
 * (applied to completion seen by the harness). Immutable and thread-safe.
 *
 * @param stage the stage name
 * @param latency the stage's distribution (count 0 when the suite reported no timestamps for it)
 * @param sharePercent stage mean as a percentage of the end-to-end mean
 */
public record StageSummary(String stage, LatencySummary latency, double sharePercent) {
}
