package dev.vernier.core.internal.resources;

import dev.vernier.core.resources.*;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ResourceSamplerTest {

    /** A source that gives one fixed metric. */
    private static MetricSource fixed(String name, String metric, double value) {
        return new MetricSource() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public void collect(SampleBuilder out) {
                out.put(metric, value);
            }
        };
    }

    /** A source that puts a metric and then throws, so that even its partial output must be dropped. */
    private static MetricSource failing() {
        return new MetricSource() {
            @Override
            public String name() {
                return "boom";
            }

            @Override
            public void collect(SampleBuilder out) {
                out.put("boom.partial", 1);
                throw new IllegalStateException("/proc/boom is missing");
            }
        };
    }

    @Test
    void aFailingSourceLosesOnlyItsOwnMetrics() {
        AtomicLong now = new AtomicLong(1_000);
        try (ResourceSampler sampler = ResourceSampler.builder().clock(now::get)
                .sources(List.of(fixed("a", "process.threads", 7), failing(), fixed("b", "process.fds", 9)))
                .build()) {
            ResourceSample s = sampler.sampleNow();
            assertEquals(1_000, s.timestampNanos());
            assertEquals(7.0, s.get("process.threads"));
            assertEquals(9.0, s.get("process.fds"));
            assertFalse(s.has("boom.partial"));
            now.addAndGet(1_000_000_000);
            sampler.sampleNow();
            ResourceSeries series = sampler.series();
            assertEquals(2, series.samples().size());
            assertEquals(2L, series.sourceFailures().get("boom"));
            assertEquals(2, series.cost().samples());
        }
    }

    @Test
    void backgroundThreadDeliversSamplesToSubscribersDespiteAFailingSource() throws Exception {
        CountDownLatch three = new CountDownLatch(3);
        try (ResourceSampler sampler = ResourceSampler.builder().interval(Duration.ofMillis(20))
                .sources(List.of(failing(), fixed("a", "process.threads", 7))).build()) {
            ResourceSampler.Subscription sub = sampler.subscribe(s -> {
                if (s.has("process.threads")) {
                    three.countDown();
                }
            });
            sampler.start();
            assertTrue(sampler.isRunning());
            assertThrows(IllegalStateException.class, sampler::start);
            assertTrue(three.await(10, TimeUnit.SECONDS), "three samples delivered");
            sub.close();
            ResourceSeries series = sampler.stop();
            assertFalse(sampler.isRunning());
            assertTrue(series.samples().size() >= 3);
            assertTrue(series.sourceFailures().get("boom") >= 3);
            assertNotNull(sampler.latest());
            series.samples().forEach(s -> assertEquals(7.0, s.get("process.threads")));
        }
    }

    @Test
    void noThreadIsLeftAfterClose() throws Exception {
        CountDownLatch first = new CountDownLatch(1);
        ResourceSampler sampler = ResourceSampler.builder().interval(Duration.ofMillis(10))
                .sources(List.of(fixed("a", "x", 1))).listener(s -> first.countDown()).build();
        sampler.start();
        assertTrue(first.await(10, TimeUnit.SECONDS));
        assertTrue(samplerThreads() > 0);
        sampler.close();
        assertEquals(0, samplerThreads());
        sampler.close(); // idempotent
        assertThrows(IllegalStateException.class, sampler::start);
    }

    @Test
    void samplerCanBeRestartedAndStartsAFreshSeries() throws Exception {
        try (ResourceSampler sampler = ResourceSampler.builder().interval(Duration.ofMillis(10))
                .sources(List.of(fixed("a", "x", 1))).build()) {
            for (int run = 0; run < 2; run++) {
                CountDownLatch two = new CountDownLatch(2);
                try (ResourceSampler.Subscription sub = sampler.subscribe(s -> two.countDown())) {
                    assertTrue(sub != null);
                    sampler.start();
                    assertTrue(two.await(10, TimeUnit.SECONDS));
                }
                assertTrue(sampler.stop().samples().size() >= 2);
            }
        }
    }

    @Test
    void bufferIsBoundedAndCountsDroppedSamples() {
        AtomicLong now = new AtomicLong();
        try (ResourceSampler sampler = ResourceSampler.builder().clock(() -> now.addAndGet(1_000))
                .sources(List.of(fixed("a", "x", 1))).maxSamples(3).build()) {
            for (int i = 0; i < 5; i++) {
                sampler.sampleNow();
            }
            ResourceSeries series = sampler.stop();
            assertEquals(3, series.samples().size());
            assertEquals(2, series.droppedSamples());
            assertEquals(3_000, series.samples().get(0).timestampNanos(), "oldest dropped");
        }
    }

    @Test
    void settingsAreValidatedWithFieldAndValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResourceSampler.builder().interval(Duration.ZERO));
        assertTrue(e.getMessage().contains("interval") && e.getMessage().contains("PT0S"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ResourceSampler.builder().interval(Duration.ofMillis(1)));
        assertTrue(e.getMessage().contains("interval") && e.getMessage().contains("PT0.001S"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ResourceSampler.builder().maxSamples(0));
        assertTrue(e.getMessage().contains("maxSamples") && e.getMessage().contains("0"), e.getMessage());
        assertEquals(Duration.ofSeconds(1),
                ResourceSampler.builder().sources(List.of()).build().interval());
    }

    @Test
    void aThrowingListenerDoesNotStopSampling() {
        try (ResourceSampler sampler = ResourceSampler.builder().sources(List.of(fixed("a", "x", 1)))
                .listener(s -> {
                    throw new IllegalStateException("listener bug");
                }).build()) {
            assertNull(sampler.latest());
            sampler.sampleNow();
            sampler.sampleNow();
            assertEquals(2, sampler.series().samples().size());
        }
    }

    @Test
    void rateBetweenSamples() {
        ResourceSample a = new ResourceSample(0, java.util.Map.of("net.bytes.out", 100.0));
        ResourceSample b = new ResourceSample(500_000_000, java.util.Map.of("net.bytes.out", 600.0));
        assertEquals(1000.0, b.ratePerSecond("net.bytes.out", a));
        assertNull(b.ratePerSecond("net.bytes.in", a));
        assertNull(a.ratePerSecond("net.bytes.out", b));
        assertNull(b.ratePerSecond("net.bytes.out", null));
    }

    private static long samplerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().equals(ResourceSampler.THREAD_NAME) && t.isAlive()).count();
    }
}
