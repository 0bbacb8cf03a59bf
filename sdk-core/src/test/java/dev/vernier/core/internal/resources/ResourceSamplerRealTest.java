package dev.vernier.core.internal.resources;

import dev.vernier.core.resources.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Tests against the real machine: CPU, heap and the sampler's own cost. */
class ResourceSamplerRealTest {

    private static final Logger LOG = LoggerFactory.getLogger(ResourceSamplerRealTest.class);

    @Test
    void processCpuRisesWhileOneCoreIsBusy() throws Exception {
        Semaphore samples = new Semaphore(0);
        AtomicBoolean busy = new AtomicBoolean(true);
        AtomicLong sink = new AtomicLong();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<MetricSource> sources = DefaultSources.create();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<long[]> truth = java.util.Collections.synchronizedList(new ArrayList<>());
        try (ResourceSampler sampler = ResourceSampler.builder().interval(Duration.ofMillis(200)).sources(sources)
                .build()) {
            for (int i = 0; i < 3; i++) {
                sampler.sampleNow(); // warm the sources (JIT, OSHI caches) before measuring
            }
            // the process CPU time the JVM itself reports right after each sample, as ground truth
            sampler.subscribe(s -> {
                truth.add(new long[] {os.getProcessCpuTime(), s.timestampNanos()});
                samples.release();
            });
            sampler.start();
            // idle: the first sample and five more (about 1 s)
            assertTrue(samples.tryAcquire(6, 10, TimeUnit.SECONDS));
            int idleEnd = sampler.series().samples().size();
            Thread spinner = new Thread(() -> {
                long x = 1;
                while (busy.get()) {
                    for (int i = 0; i < 100_000; i++) {
                        x = x * 6364136223846793005L + 1442695040888963407L;
                    }
                }
                sink.set(x);
            }, "busy-core");
            spinner.setDaemon(true);
            long busyStart = System.nanoTime();
            spinner.start();
            long spinnerCpu;
            long busyWall;
            try {
                // busy: twelve samples (about 2.4 s)
                assertTrue(samples.tryAcquire(12, 10, TimeUnit.SECONDS));
            } finally {
                spinnerCpu = threads.getThreadCpuTime(spinner.getId());
                busyWall = System.nanoTime() - busyStart;
                busy.set(false);
                spinner.join(5_000);
            }
            List<ResourceSample> all = sampler.stop().samples();
            double idle = meanCpu(all.subList(1, idleEnd));
            // skip the first busy sample, which straddles the start of the spinner
            double loaded = meanCpu(all.subList(idleEnd + 1, Math.min(all.size(), idleEnd + 12)));
            int cores = Runtime.getRuntime().availableProcessors();
            // what the spinner really got: on a contended machine, less than one core
            double spinnerCores = spinnerCpu / (double) busyWall;
            double spinnerPercent = spinnerCores * 100.0 / cores;
            LOG.info(String.format(Locale.ROOT, "process CPU idle %.1f%%, one core busy %.1f%% (%d cores; the "
                    + "busy thread got %.2f of a core = %.1f%% of all cores)", idle, loaded, cores, spinnerCores,
                    spinnerPercent));
            // the sampled figure agrees with the JVM's own process CPU time over the busy samples
            int a = idleEnd;
            int b = Math.min(all.size(), idleEnd + 12) - 1;
            double jvmPercent = (truth.get(b)[0] - truth.get(a)[0]) * 100.0
                    / ((double) (truth.get(b)[1] - truth.get(a)[1]) * cores);
            LOG.info(String.format(Locale.ROOT, "busy window: sampled %.1f%%, JVM process CPU time %.1f%%",
                    loaded, jvmPercent));
            assertEquals(jvmPercent, loaded, 10.0, "sampled process CPU vs the JVM's process CPU time");
            // The process CPU contains the busy thread's own CPU, whatever else the JVM does (JIT and GC
            // threads make an "idle" window anything but idle right after other tests), so the sampled
            // figure must account for what the busy thread measurably consumed.
            // On a machine too busy to give the spinner a fifth of a core there is nothing to check.
            assumeTrue(spinnerCores > 0.2, String.format(Locale.ROOT,
                    "machine too busy: the busy thread ran only %.2f of a core", spinnerCores));
            assertTrue(loaded >= 0.7 * spinnerPercent, String.format(Locale.ROOT,
                    "sampled process CPU %.1f%% must include the busy thread's %.1f%% (idle window %.1f%%)",
                    loaded, spinnerPercent, idle));

            ResourceResult result = new ResourceAnalyzer().analyze(sampler.series());
            assertNotNull(result.metrics().get(ResourceMetrics.PROCESS_CPU));
            LOG.info("real resource section:\n{}", result.toMarkdown());
        }
    }

    @Test
    void retainedAllocationIsFlaggedAsMemoryGrowthAndIdleIsNot() {
        ResourceResult idle = runAllocation(0);
        ResourceResult growing = runAllocation(4);
        LOG.info(String.format(Locale.ROOT, "heap-after-GC slope: idle %.0f B/s (p=%s), growing %.0f B/s (p=%s)",
                idle.memoryGrowth().slopeBytesPerSecond(), idle.memoryGrowth().pValue(),
                growing.memoryGrowth().slopeBytesPerSecond(), growing.memoryGrowth().pValue()));

        assertTrue(growing.memoryGrowth().leakSuspected(), growing.memoryGrowth().toString());
        // 4 MB every 250 ms: 16 MB/s
        assertEquals(16e6, growing.memoryGrowth().slopeBytesPerSecond(), 4e6);
        assertTrue(growing.bottlenecks().stream().anyMatch(b -> b.metric().equals(ResourceMetrics.HEAP_AFTER_GC)
                && b.severity() == Severity.MEDIUM));

        assertFalse(idle.memoryGrowth().leakSuspected(), idle.memoryGrowth().toString());
        assertTrue(idle.bottlenecks().stream().noneMatch(b -> b.metric().equals(ResourceMetrics.HEAP_AFTER_GC)));
    }

    /** Twelve steps of 250 ms on a manual clock, each retaining {@code mbPerStep} MB then collecting. */
    private static ResourceResult runAllocation(int mbPerStep) {
        AtomicLong now = new AtomicLong(0);
        List<byte[]> retained = new ArrayList<>();
        List<MetricSource> sources = List.of(new JvmMemorySource(ManagementFactory.getMemoryMXBean()),
                new JvmGcSource(ManagementFactory.getGarbageCollectorMXBeans(),
                        ManagementFactory.getMemoryPoolMXBeans()));
        try (ResourceSampler sampler = ResourceSampler.builder().clock(now::get).sources(sources).build()) {
            System.gc();
            sampler.sampleNow();
            for (int step = 0; step < 12; step++) {
                for (int i = 0; i < mbPerStep; i++) {
                    byte[] block = new byte[1 << 20];
                    for (int j = 0; j < block.length; j += 4096) {
                        block[j] = (byte) j;
                    }
                    retained.add(block);
                }
                System.gc();
                now.addAndGet(250_000_000L);
                sampler.sampleNow();
            }
            ResourceResult result = new ResourceAnalyzer().analyze(sampler.stop());
            assertEquals(12, result.memoryGrowth().points(), "one post-GC point per step");
            assertEquals(12 * mbPerStep, retained.size());
            return result;
        }
    }

    @Test
    void samplerCostIsSmall() {
        List<MetricSource> sources = DefaultSources.create();
        try (ResourceSampler warm = ResourceSampler.builder().sources(sources).build()) {
            for (int i = 0; i < 5; i++) {
                warm.sampleNow();
            }
        }
        try (ResourceSampler sampler = ResourceSampler.builder().interval(Duration.ofSeconds(1)).sources(sources)
                .build()) {
            for (int i = 0; i < 30; i++) {
                sampler.sampleNow();
            }
            ResourceSeries series = sampler.stop();
            SamplerCost cost = series.cost();
            LOG.info(String.format(Locale.ROOT, "sampler cost: %d samples, %.0f us wall per sample (max %.0f), "
                    + "%s us CPU per sample, %.3f%% of one core at 1 s; %d metrics per sample",
                    cost.samples(), cost.meanMicrosPerSample(), cost.maxMicrosPerSample(),
                    cost.meanCpuMicrosPerSample() == null ? "n/a"
                            : String.format(Locale.ROOT, "%.0f", cost.meanCpuMicrosPerSample()),
                    cost.cpuPercentOfOneCore(), series.samples().get(29).values().size()));
            LOG.info("metrics: {}", series.samples().get(29).values().keySet());
            LOG.info("absent: {}", new ResourceAnalyzer().analyze(series).absentMetrics());
            assertEquals(30, cost.samples());
            // CPU time is the sampler's own cost; wall time also counts waiting for a CPU on a busy host
            double perSample = cost.meanCpuMicrosPerSample() != null ? cost.meanCpuMicrosPerSample()
                    : cost.meanMicrosPerSample();
            assertTrue(perSample < 50_000, "mean per sample " + perSample + " us");
            assertTrue(cost.meanMicrosPerSample() < 500_000, "mean wall per sample " + cost.meanMicrosPerSample());
            assertTrue(cost.cpuPercentOfOneCore() < 5.0, "CPU share " + cost.cpuPercentOfOneCore() + "%");
        }
    }

    private static double meanCpu(List<ResourceSample> samples) {
        return samples.stream().map(s -> s.get(ResourceMetrics.PROCESS_CPU)).filter(v -> v != null)
                .mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }
}
