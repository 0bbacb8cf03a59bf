package dev.vernier.examples.gossip;

/**
 * The live knobs of a {@link GossipSuite}. Immutable.
 *
 * @param fanout peers contacted per round
 * @param roundIntervalMs time between rounds of one node, ms
 * @param commitShare share of nodes that must hold a transaction for it to count as committed
 */
record GossipSettings(int fanout, int roundIntervalMs, double commitShare) {
}
