package dev.vernier.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.core.alert.AlertMetric;
import dev.vernier.core.alert.AlertRule;
import dev.vernier.core.alert.AlertSeverity;
import dev.vernier.core.recording.OperationRecorder;
import dev.vernier.core.recording.Recording;
import dev.vernier.monitor.micrometer.VernierMeters;
import dev.vernier.testkit.ManualClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class MicrometerBridgeTest {

    private static final long SECOND = 1_000_000_000L;
    private final ManualClock clock = new ManualClock();

    @Test
    void aWindowIsPublishedWithTheRecordersCountsPercentilesAndBuckets() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        VernierMeters meters = VernierMeters.builder(registry).latencyTimer(true).build();
        OperationRecorder recorder = OperationRecorder.builder().clock(clock).build();
        Recording start = recorder.snapshot();
        // latencies well inside the 1-2-5 buckets, so HdrHistogram's 3 digits cannot move one across a bound
        long[] latencies = {150_000, 700_000, 3_000_000, 15_000_000, 70_000_000, 300_000_000};
        long[] perBucketBound = new long[latencies.length];
        SplittableRandom random = new SplittableRandom(3);
        long puts = 0;
        long totalNanos = 0;
        for (int i = 0; i < 3_000; i++) {
            int k = random.nextInt(latencies.length);
            recorder.record("put", 0, latencies[k]);
            perBucketBound[k]++;
            puts++;
            totalNanos += latencies[k];
        }
        for (int i = 0; i < 30; i++) {
            recorder.recordFailure("put", 0, 1);
        }
        clock.advance(2 * SECOND);
        Recording end1 = recorder.snapshot();
        Recording window = end1.since(start);
        meters.record("node-1", window);

        assertEquals(puts, registry.get("vernier.operations").tags("source", "node-1", "type", "put",
                "outcome", "committed").counter().count());
        assertEquals(30.0, registry.get("vernier.operations").tags("type", "put", "outcome", "failed").counter().count());
        assertEquals(puts / 2.0, registry.get("vernier.throughput").tags("type", "put").gauge().value(), 1e-9);
        assertEquals(30.0 / (puts + 30), registry.get("vernier.error.ratio").tags("type", "all").gauge().value(), 1e-12);
        double p99 = window.all().percentileMs(99) / 1e3;
        assertEquals(p99, registry.get("vernier.latency.window").tags("type", "all", "quantile", "0.99").gauge().value(),
                0.0, "the gauge is Vernier's own p99 of the window");
        // cumulative buckets, counted independently from the values sent
        assertEquals(perBucketBound[0], bucket(registry, "0.0002"));
        assertEquals(perBucketBound[0] + perBucketBound[1], bucket(registry, "0.001"));
        assertEquals(perBucketBound[0] + perBucketBound[1] + perBucketBound[2], bucket(registry, "0.005"));
        assertEquals(puts - perBucketBound[5], bucket(registry, "0.1"));
        assertEquals(puts, bucket(registry, "0.5"));
        assertEquals(puts, bucket(registry, "+Inf"));
        assertEquals(0, bucket(registry, "0.0001"));
        assertEquals(totalNanos / 1e9, registry.get("vernier.latency.time").tags("type", "put").functionCounter().count(),
                totalNanos / 1e9 * 1e-3, "HdrHistogram keeps 3 significant digits");
        Timer timer = registry.get("vernier.latency").tags("type", "put").timer();
        assertEquals(puts, timer.count(), "every committed operation is in the optional timer");
        assertEquals(totalNanos, timer.totalTime(TimeUnit.NANOSECONDS), totalNanos * 1e-3);
        // a second window adds to the counters
        recorder.record("put", 0, 150_000);
        clock.advance(SECOND);
        meters.record("node-1", recorder.snapshot().since(end1));
        assertEquals(puts + 1, bucket(registry, "+Inf"));
        assertEquals(perBucketBound[0] + 1, bucket(registry, "0.0002"));
    }

    private static long bucket(SimpleMeterRegistry registry, String le) {
        return (long) registry.get("vernier.latency.buckets").tags("type", "put", "le", le).functionCounter().count();
    }

    @Test
    void runSnapshotsAndAlertsArePublished() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        AlertRule errors = AlertRule.builder("High Error Rate").metric(AlertMetric.ERROR_RATE).above(5)
                .severity(AlertSeverity.CRITICAL).build();
        try (Monitor monitor = Monitor.builder().serveHttp(false).sampleOnOwnThread(false).clock(clock)
                .resourceProbe(Fixtures.probe()).meterRegistry(registry).alertRules(List.of(errors)).start()) {
            monitor.onEvent(Fixtures.snapshot(800, 0, 10));
            monitor.onEvent(Fixtures.snapshot(600, 60, 10));
            assertEquals(1400.0, registry.get("vernier.operations").tags("source", "raft", "outcome", "committed")
                    .counter().count());
            assertEquals(600.0, registry.get("vernier.throughput").tags("source", "raft").gauge().value());
            assertEquals(1.0, registry.get("vernier.alerts.active").tags("severity", "CRITICAL").gauge().value());
            assertEquals(1.0, registry.get("vernier.alerts.fired").tags("rule", "High Error Rate").counter().count());
            monitor.onEvent(Fixtures.snapshot(800, 0, 10));
            assertEquals(0.0, registry.get("vernier.alerts.active").tags("severity", "CRITICAL").gauge().value());
        }
    }

    @Test
    void thePrometheusScrapeServesTheSameFiguresLive() throws Exception {
        OperationRecorder recorder = OperationRecorder.builder().clock(clock).build();
        try (Monitor monitor = Monitor.builder().port(0).sampleOnOwnThread(false).clock(clock)
                .resourceProbe(Fixtures.probe()).recorder("node-1", recorder).prometheus(true).start()) {
            for (int i = 0; i < 1_234; i++) {
                recorder.record("put", 0, 2_000_000);
            }
            clock.advance(SECOND);
            monitor.sampleNow();
            int port = monitor.address().getPort();
            RawHttp.Response scrape = RawHttp.get(port, "/metrics");
            assertEquals(200, scrape.status());
            assertEquals("text/plain; version=0.0.4; charset=utf-8", scrape.header("Content-Type"));
            assertEquals(1234.0, sample(scrape.body(), "vernier_operations_total", "outcome=\"committed\"", "type=\"put\""));
            assertEquals(1234.0, sample(scrape.body(), "vernier_throughput_ops_per_second", "type=\"all\""));
            assertEquals(1234.0, sample(scrape.body(), "vernier_latency_buckets_total", "le=\"0.002\"", "type=\"put\""));
            assertEquals(0.0, sample(scrape.body(), "vernier_latency_buckets_total", "le=\"0.001\"", "type=\"put\""));
            assertEquals(1234.0, sample(scrape.body(), "vernier_latency_buckets_total", "le=\"+Inf\"", "type=\"put\""));
            assertEquals(1234 * 0.002, sample(scrape.body(), "vernier_latency_time_seconds_total", "type=\"put\""),
                    1234 * 0.002 * 1e-3);
            // live: the next window shows up in the next scrape
            recorder.record("put", 0, 2_000_000);
            clock.advance(SECOND);
            monitor.sampleNow();
            String again = RawHttp.get(port, "/metrics").body();
            assertEquals(1235.0, sample(again, "vernier_operations_total", "outcome=\"committed\"", "type=\"put\""));
            assertEquals(1.0, sample(again, "vernier_throughput_ops_per_second", "type=\"all\""));
            RawHttp.Response open = RawHttp.get(port, "/metrics", "Accept: application/openmetrics-text; version=1.0.0");
            assertTrue(open.header("Content-Type").startsWith("application/openmetrics-text"), open.header("Content-Type"));
        }
    }

    /** The value of the first sample of {@code name} whose labels contain all of {@code labels}. */
    static double sample(String exposition, String name, String... labels) {
        Matcher m = Pattern.compile("(?m)^" + name + "\\{([^}]*)\\} (\\S+)").matcher(exposition);
        while (m.find()) {
            boolean all = true;
            for (String l : labels) {
                all &= m.group(1).contains(l);
            }
            if (all) {
                return Double.parseDouble(m.group(2));
            }
        }
        throw new AssertionError(name + " " + List.of(labels) + " not in:\n" + exposition);
    }
}
