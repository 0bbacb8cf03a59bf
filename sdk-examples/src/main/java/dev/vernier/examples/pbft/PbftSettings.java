package dev.vernier.examples.pbft;

/**
 * The live knobs of a {@link PbftSuite}. Immutable.
 *
 * @param batchSize requests per pre-prepare (and per durable write)
 * @param window sequence numbers the primary may have in flight beyond the last executed one
 * @param viewChangeTimeoutMs how long without progress before replicas move to the next view, ms
 */
record PbftSettings(int batchSize, int window, int viewChangeTimeoutMs) {
}
