/**
 * The resource phase: a sampler of process, JVM and system metrics on its own daemon thread, and
 * the analysis of the sampled series (statistics, memory growth, GC impact, bottlenecks).
 *
 * <p>Flow: {@link dev.vernier.core.resources.ResourceSampler} collects
 * {@link dev.vernier.core.resources.ResourceSample}s from {@link dev.vernier.core.resources.MetricSource}s;
 * {@link dev.vernier.core.resources.ResourceSampler#stop()} returns a
 * {@link dev.vernier.core.resources.ResourceSeries};
 * {@link dev.vernier.core.resources.ResourceAnalyzer} turns it into a
 * {@link dev.vernier.core.resources.ResourceResult}, which Jackson serialises and
 * {@link dev.vernier.core.resources.ResourceMarkdown} renders.
 *
 * <p>Samples hold raw values: gauges as read and counters (bytes, packets, operations, GC counts and
 * pause time) as cumulative totals; the analysis turns counters into rates per second between
 * consecutive samples (see {@link dev.vernier.core.resources.ResourceMetrics#isCounter(String)}).
 * A metric the platform cannot give is absent from the sample, never zero.
 */
package dev.vernier.core.resources;
