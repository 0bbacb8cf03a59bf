package dev.vernier.core;

import dev.vernier.core.event.RunWarning;
import dev.vernier.core.result.Warning;
import dev.vernier.core.event.IntervalSnapshot;
import dev.vernier.core.event.VernierEvent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.LoadModel;
import dev.vernier.api.Phase;
import dev.vernier.api.Scenario;
import dev.vernier.core.report.JsonReport;
import dev.vernier.core.report.MarkdownReport;
import dev.vernier.core.resources.Bottleneck;
import dev.vernier.core.resources.MetricSource;
import dev.vernier.core.resources.ResourceMetrics;
import dev.vernier.core.resources.SampleBuilder;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.testkit.Suites;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourcePhaseTest {

    /** A source that reports a fixed, high process CPU: deterministic, and trips the default 80% rule. */
    private static final class FixedCpu implements MetricSource {
        @Override
        public String name() {
            return "fixed";
        }

        @Override
        public void collect(SampleBuilder out) {
            out.put(ResourceMetrics.PROCESS_CPU, 93.0);
            out.put(ResourceMetrics.HEAP_USED, 64e6);
        }
    }

    private static Scenario.Builder scenario() {
        return Scenario.builder("res").warmup(Duration.ofMillis(200)).duration(Duration.ofMillis(800))
                .throughputInterval(Duration.ofMillis(200)).resourceSampleInterval(Duration.ofMillis(50))
                .snapshotInterval(Duration.ofMillis(100)).load(LoadModel.constantRate(500));
    }

    @Test
    void resourcesRunAlongsideTheLoadPhasesAndReachResultsSnapshotsAndReports() {
        List<IntervalSnapshot> snaps = new ArrayList<>();
        List<VernierEvent> events = new ArrayList<>();
        ScenarioResult r;
        try (Vernier v = Vernier.builder().register(Suites.instant())
                .resourceSources(() -> List.of(new FixedCpu()))
                .listener(e -> {
                    if (e instanceof IntervalSnapshot s) {
                        snaps.add(s);
                    } else {
                        events.add(e);
                    }
                }).build()) {
            r = v.run("instant", scenario().phases(Phase.THROUGHPUT, Phase.LATENCY, Phase.RESOURCES).build());
        }
        assertNotNull(r.throughput());
        assertNotNull(r.latency());
        assertNotNull(r.resources());
        assertTrue(r.resources().sampleCount() >= 10, "samples " + r.resources().sampleCount());
        assertEquals(93.0, r.resources().metrics().get(ResourceMetrics.PROCESS_CPU).average(), 1e-9);
        Bottleneck cpu = r.resources().bottlenecks().stream()
                .filter(b -> b.metric().equals(ResourceMetrics.PROCESS_CPU)).findFirst().orElseThrow();
        assertEquals(80.0, cpu.threshold(), 1e-9);
        assertTrue(events.stream().anyMatch(e -> e instanceof RunWarning w && w.warning().kind() == Warning.Kind.BOTTLENECK));
        assertTrue(snaps.stream().filter(s -> !s.warmup()).anyMatch(s -> Double.valueOf(93.0).equals(s.processCpuPercent())),
                "snapshots carry the latest resource figures");
        assertNull(snaps.get(0).processCpuPercent(), "the sampler starts after warm-up");
        assertTrue(new MarkdownReport().render(r).contains("process.cpu"));
        ScenarioResult back = new JsonReport().read(new JsonReport().write(r));
        assertEquals(r.resources().sampleCount(), back.resources().sampleCount());
    }

    @Test
    void resourcesAloneRunTheLoadAndReportOnlyResources() {
        ScenarioResult r;
        try (Vernier v = Vernier.builder().register(Suites.instant())
                .resourceSources(() -> List.of(new FixedCpu())).build()) {
            r = v.run("instant", scenario().phases(Phase.RESOURCES).build());
        }
        assertNull(r.throughput());
        assertNull(r.latency());
        assertNotNull(r.resources());
        assertTrue(r.resources().sampleCount() >= 5);
    }
}
