/**
 * Live tuning of a running system and offline parameter search.
 *
 * <p>{@link dev.vernier.optimizer.TuningSession} warms up, measures the starting configuration,
 * proposes changes (rule-based advisors keyed on parameter roles first, then a seeded Latin
 * hypercube within a trust region, then constrained expected improvement on
 * {@link dev.vernier.optimizer.SurrogateModel}s of the objective, the constrained metrics and
 * collapses), applies each through {@link dev.vernier.api.tuning.Tunable} and compares it with the
 * incumbent in alternating blocks measured by a {@link dev.vernier.optimizer.Measurer}. It keeps a
 * change only when the paired gain is significant and at least the keep threshold (default 5%) and
 * no constraint is broken (with a margin for noise); otherwise it reverts at once. At the end it
 * measures the start and the final configuration again, interleaved, for the headline
 * ({@link dev.vernier.optimizer.Verification}). {@link dev.vernier.optimizer.OfflineSearch} uses the
 * same proposer for fresh runs, on a random forest.
 *
 * <p>Units: throughput in ops/s, latencies in ms, relative gains as fractions (0.05 = 5%), step
 * sizes in unit-cube coordinates. Results are immutable records, serialisable by Jackson. Logging
 * goes through SLF4J. The default surrogate is a Gaussian process fitted on the calling thread; only
 * {@link dev.vernier.optimizer.RandomForestSurrogate} (when a session chooses it, and in
 * {@code OfflineSearch}) fits its trees on the JVM's common fork-join pool; nothing else runs off the
 * calling thread.
 */
package dev.vernier.optimizer;
