/**
 * The resource phase's public types: what a {@link dev.vernier.core.resources.MetricSource} puts into
 * a {@link dev.vernier.core.resources.SampleBuilder}, the sampled
 * {@link dev.vernier.core.resources.ResourceSeries}, its analysis
 * ({@link dev.vernier.core.resources.ResourceResult}, statistics, memory growth, bottlenecks) and the
 * {@link dev.vernier.core.resources.BottleneckRules} that judge it. The sampler, the OSHI and JVM
 * sources and the analyser are implementation (internal packages).
 *
 * <p>Samples hold raw values: gauges as read and counters (bytes, packets, operations, GC counts and
 * pause time) as cumulative totals; the analysis turns counters into rates per second between
 * consecutive samples (see {@link dev.vernier.core.resources.ResourceMetrics#isCounter(String)}).
 * A metric the platform cannot give is absent from the sample, never zero.
 */
package dev.vernier.core.resources;
