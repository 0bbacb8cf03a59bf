package dev.vernier.core.internal.resources;

import dev.vernier.core.resources.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

class ResourceAnalyzerTest {

    private static final long SECOND = 1_000_000_000L;
    private static final double MB = 1_000_000.0;

    /** One sample per second, t = 0..n-1, values from the function of the index. */
    private static ResourceSeries series(int n, IntFunction<Map<String, Double>> values) {
        List<ResourceSample> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            samples.add(new ResourceSample(5 * SECOND + i * SECOND, values.apply(i)));
        }
        return ResourceSeries.of(samples, SECOND);
    }

    private static Map<String, Double> of(Object... kv) {
        Map<String, Double> m = new HashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], ((Number) kv[i + 1]).doubleValue());
        }
        return m;
    }

    private static boolean fires(ResourceResult r, String metric) {
        return r.bottlenecks().stream().anyMatch(b -> b.metric().equals(metric));
    }

    @Test
    void gaugeStatisticsAndTrend() {
        // 10, 20, ..., 100 over 10 s: mean 55, peak 100, slope 10 per second
        ResourceResult r = new ResourceAnalyzer().analyze(series(10, i -> of("process.threads", 10 * (i + 1))));
        MetricStats s = r.metrics().get("process.threads");
        assertEquals(10, s.samples());
        assertEquals(55.0, s.average(), 1e-9);
        assertEquals(100.0, s.peak(), 1e-9);
        assertEquals(100.0, s.p95(), 1e-9);
        assertEquals(30.2765, s.stddev(), 1e-4);
        assertEquals(10.0, s.trendPerSecond(), 1e-9);
        assertEquals("count", s.unit());
        assertEquals(10, r.sampleCount());
        assertEquals(9000.0, r.durationMs(), 1e-9);
    }

    @Test
    void countersBecomeRatesPerSecond() {
        ResourceResult r = new ResourceAnalyzer().analyze(series(6, i -> of("net.bytes.out", 1000.0 + i * 3 * MB)));
        MetricStats s = r.metrics().get("net.bytes.out");
        assertEquals("bytes/s", s.unit());
        assertEquals(5, s.samples(), "n samples give n-1 rates");
        assertEquals(3 * MB, s.average(), 1e-6);
        assertEquals(0.0, s.trendPerSecond(), 1e-6);
    }

    @Test
    void counterResetIsSkippedNotNegative() {
        double[] v = {100, 200, 300, 10, 110};
        ResourceResult r = new ResourceAnalyzer().analyze(series(5, i -> of("disk.ops.write", v[i])));
        MetricStats s = r.metrics().get("disk.ops.write");
        assertEquals(3, s.samples());
        assertEquals(100.0, s.average(), 1e-9);
    }

    @Test
    void processCpuRuleFiresAboveDefaultAndNotBelow() {
        ResourceResult busy = new ResourceAnalyzer().analyze(series(10, i -> of("process.cpu", 85 + i % 3)));
        Bottleneck b = busy.bottlenecks().get(0);
        assertEquals("process.cpu", b.metric());
        assertEquals(Severity.HIGH, b.severity());
        assertEquals(80.0, b.threshold());
        assertEquals(85.9, b.observed(), 1e-9);
        assertEquals("%", b.unit());
        assertTrue(b.description().contains("process.cpu"), b.description());

        ResourceResult calm = new ResourceAnalyzer().analyze(series(10, i -> of("process.cpu", 50 + i % 3)));
        assertFalse(fires(calm, "process.cpu"));

        BottleneckRules low = BottleneckRules.builder().processCpuPercent(40).build();
        ResourceResult configured = new ResourceAnalyzer(low).analyze(series(10, i -> of("process.cpu", 50 + i % 3)));
        assertTrue(fires(configured, "process.cpu"));
        assertEquals(40.0, configured.bottlenecks().get(0).threshold());
    }

    @Test
    void networkOutRuleFiresAboveDefaultAndNotBelow() {
        ResourceResult heavy = new ResourceAnalyzer().analyze(series(10, i -> of("net.bytes.out", i * 150 * MB)));
        Bottleneck b = heavy.bottlenecks().get(0);
        assertEquals("net.bytes.out", b.metric());
        assertEquals(Severity.MEDIUM, b.severity());
        assertEquals(150 * MB, b.observed(), 1e-3);
        assertEquals(100 * MB, b.threshold());
        assertEquals("bytes/s", b.unit());

        ResourceResult light = new ResourceAnalyzer().analyze(series(10, i -> of("net.bytes.out", i * 50 * MB)));
        assertFalse(fires(light, "net.bytes.out"));

        BottleneckRules low = BottleneckRules.builder().networkOutBytesPerSecond(10 * MB).build();
        assertTrue(fires(new ResourceAnalyzer(low).analyze(series(10, i -> of("net.bytes.out", i * 50 * MB))),
                "net.bytes.out"));
    }

    @Test
    void memoryGrowthRuleFiresOnSignificantGrowthOnly() {
        Random random = new Random(42);
        // 2 MB/s of growth in the heap after GC, with 1 MB of noise
        ResourceSeries growing = series(30, i -> of("heap.after.gc.bytes", 100 * MB + 2 * MB * i
                + random.nextGaussian() * MB, "heap.used.bytes", 300 * MB + (i % 5) * 50 * MB));
        ResourceResult r = new ResourceAnalyzer().analyze(growing);
        MemoryGrowth g = r.memoryGrowth();
        assertEquals(30, g.points());
        assertEquals(2 * MB, g.slopeBytesPerSecond(), 0.2 * MB);
        assertTrue(g.slopeCiLow95() > 0 && g.slopeCiLow95() < g.slopeBytesPerSecond());
        assertTrue(g.slopeCiHigh95() > g.slopeBytesPerSecond());
        assertTrue(g.pValue() < 1e-6, "p = " + g.pValue());
        assertTrue(g.slopeStdErr() > 0);
        assertTrue(g.leakSuspected());
        Bottleneck b = r.bottlenecks().stream().filter(x -> x.metric().equals("heap.after.gc.bytes")).findFirst()
                .orElseThrow();
        assertEquals(Severity.MEDIUM, b.severity());
        assertEquals(1 * MB, b.threshold());
        assertEquals(g.slopeBytesPerSecond(), b.observed());

        Random random2 = new Random(7);
        ResourceSeries flat = series(30, i -> of("heap.after.gc.bytes", 100 * MB + random2.nextGaussian() * MB));
        ResourceResult calm = new ResourceAnalyzer().analyze(flat);
        assertFalse(calm.memoryGrowth().leakSuspected());
        assertFalse(fires(calm, "heap.after.gc.bytes"));

        BottleneckRules high = BottleneckRules.builder().memoryGrowthBytesPerSecond(5 * MB)
                .memoryGrowthSeverity(Severity.HIGH).build();
        assertFalse(fires(new ResourceAnalyzer(high).analyze(growing), "heap.after.gc.bytes"));
        BottleneckRules lower = BottleneckRules.builder().memoryGrowthBytesPerSecond(0.5 * MB)
                .memoryGrowthSeverity(Severity.HIGH).build();
        ResourceResult r2 = new ResourceAnalyzer(lower).analyze(growing);
        assertEquals(Severity.HIGH, r2.bottlenecks().get(0).severity());
    }

    @Test
    void rawHeapSawToothIsNotMemoryGrowth() {
        // heap used climbs fast between collections but the heap after GC is flat
        ResourceResult r = new ResourceAnalyzer().analyze(series(20, i -> {
            Map<String, Double> m = of("heap.used.bytes", 100 * MB + (i % 4) * 40 * MB);
            if (i % 4 == 0) {
                m.put("heap.after.gc.bytes", 100 * MB);
            }
            return m;
        }));
        assertFalse(r.memoryGrowth().leakSuspected());
        assertEquals(5, r.memoryGrowth().points());
        assertEquals(0.0, r.memoryGrowth().slopeBytesPerSecond(), 1e-9);
    }

    @Test
    void tooFewCollectionsLeaveGrowthUnassessed() {
        ResourceResult r = new ResourceAnalyzer().analyze(series(5, i -> of("heap.used.bytes", 10 * MB * i)));
        assertNull(r.memoryGrowth().slopeBytesPerSecond());
        assertFalse(r.memoryGrowth().leakSuspected());
        assertNotNull(r.memoryGrowth().note());
    }

    @Test
    void gcTimeShareIsPauseTimeOverWallTime() {
        // 10 s of wall time, 200 ms of GC
        ResourceResult r = new ResourceAnalyzer().analyze(series(11, i -> of("gc.pause.ms", 1000 + 20 * i,
                "gc.g1_young_generation.pause.ms", 1000 + 20 * i)));
        assertEquals(0.02, r.gcTimeShare(), 1e-12);
        assertEquals("ms/s", r.metrics().get("gc.pause.ms").unit());
        assertEquals(20.0, r.metrics().get("gc.pause.ms").average(), 1e-9);
    }

    @Test
    void absentMetricsAreListedNotZero() {
        List<ResourceSample> samples = List.of(new ResourceSample(0, of("process.cpu", 10)),
                new ResourceSample(SECOND, of("process.cpu", 20)));
        ResourceSeries s = new ResourceSeries(samples, SECOND, 0, Map.of("load.1m", "no load average"),
                Map.of("oshi.disk", 2L), SamplerCost.none(1000));
        ResourceResult r = new ResourceAnalyzer().analyze(s);
        assertTrue(r.absentMetrics().contains("load.1m"));
        assertTrue(r.absentMetrics().contains("disk.bytes.read"));
        assertFalse(r.absentMetrics().contains("process.cpu"));
        assertFalse(r.metrics().containsKey("load.1m"));
        assertEquals("no load average", r.absentReasons().get("load.1m"));
        assertEquals(2L, r.sourceFailures().get("oshi.disk"));
        assertNull(r.gcTimeShare());
    }

    @Test
    void emptySeriesIsAnalysedWithoutFailing() {
        ResourceResult r = new ResourceAnalyzer().analyze(ResourceSeries.of(List.of(), SECOND));
        assertEquals(0, r.sampleCount());
        assertTrue(r.metrics().isEmpty());
        assertTrue(r.bottlenecks().isEmpty());
        assertTrue(r.toMarkdown().contains("### Resources"));
    }

    @Test
    void resultRoundTripsThroughJacksonWithoutNaN() throws Exception {
        Random random = new Random(1);
        ResourceResult r = new ResourceAnalyzer().analyze(series(12, i -> of("process.cpu", 90 + random.nextInt(5),
                "heap.after.gc.bytes", 50 * MB + 3 * MB * i, "net.bytes.out", i * MB, "gc.pause.ms", 5 * i)));
        ObjectMapper mapper = new ObjectMapper();
        String json = mapper.writeValueAsString(r);
        assertFalse(json.contains("NaN"), json);
        JsonNode tree = mapper.readTree(json);
        assertEquals(1, tree.get("schemaVersion").asInt());
        assertTrue(tree.get("metrics").has("process.cpu"));
        assertTrue(tree.get("memoryGrowth").get("leakSuspected").asBoolean());
        assertEquals(r, mapper.readValue(json, ResourceResult.class));
    }

    @Test
    void markdownUsesRootLocaleAndNamesBottlenecks() {
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            ResourceResult r = new ResourceAnalyzer().analyze(series(10, i -> of("process.cpu", 90.5,
                    "heap.used.bytes", 123.4 * MB)));
            String md = r.toMarkdown();
            assertTrue(md.startsWith("### Resources"), md);
            assertTrue(md.contains("| process.cpu | 90.5 % |"), md);
            assertTrue(md.contains("123.4 MB"), md);
            assertTrue(md.contains("**HIGH** `process.cpu`"), md);
            assertTrue(md.contains("load.1m"), "absent metrics listed: " + md);
        } finally {
            Locale.setDefault(before);
        }
    }

    @Test
    void rulesAreValidatedWithFieldAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BottleneckRules.builder().processCpuPercent(150));
        assertTrue(e.getMessage().contains("processCpuPercent") && e.getMessage().contains("150"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BottleneckRules.builder().memoryGrowthBytesPerSecond(-1));
        assertTrue(e.getMessage().contains("memoryGrowthBytesPerSecond"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> BottleneckRules.builder().significance(1.5));
        assertTrue(e.getMessage().contains("significance") && e.getMessage().contains("1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BottleneckRules.builder().networkOutBytesPerSecond(Double.NaN));
        assertTrue(e.getMessage().contains("networkOutBytesPerSecond"), e.getMessage());
    }

    @Test
    void extraRulesAndClearedDefaults() {
        BottleneckRules rules = BottleneckRules.builder().clearRules()
                .rule(new ThresholdRule("disk.queue.length", Statistic.P95, 4, Severity.LOW)).build();
        ResourceResult r = new ResourceAnalyzer(rules).analyze(series(20, i -> of("disk.queue.length", i,
                "process.cpu", 99)));
        assertEquals(1, r.bottlenecks().size());
        Bottleneck b = r.bottlenecks().get(0);
        assertEquals("disk.queue.length", b.metric());
        assertEquals(Severity.LOW, b.severity());
        assertEquals(4.0, b.threshold());
    }
}
