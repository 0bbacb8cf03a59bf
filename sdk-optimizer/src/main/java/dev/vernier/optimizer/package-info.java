/**
 * Live tuning of a running system and offline parameter search.
 *
 * <p>{@link dev.vernier.optimizer.TuningSession} measures the starting configuration, proposes
 * changes (rule-based advisors first, then a seeded Latin hypercube, then expected improvement on a
 * {@link dev.vernier.optimizer.SurrogateModel}), applies each through
 * {@link dev.vernier.api.tuning.Tunable}, measures a window with a {@link dev.vernier.optimizer.Measurer}
 * and keeps it only when the 95% lower confidence bound of the relative gain exceeds the keep
 * threshold (default 5%) and no constraint is broken; otherwise it reverts at once.
 * {@link dev.vernier.optimizer.OfflineSearch} uses the same proposals for fresh runs.
 *
 * <p>Units: throughput in ops/s, latencies in ms, relative gains as fractions (0.05 = 5%), step
 * sizes in unit-cube coordinates. Results are immutable records, serialisable by Jackson. Logging
 * goes through SLF4J. The default surrogate uses Smile's random forest, which fits its trees on the
 * JVM's common fork-join pool; nothing else runs off the calling thread.
 */
package dev.vernier.optimizer;
