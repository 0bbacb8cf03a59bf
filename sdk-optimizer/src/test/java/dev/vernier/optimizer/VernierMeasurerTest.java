package dev.vernier.optimizer;

import dev.vernier.api.tuning.Configuration;
import dev.vernier.api.tuning.Metric;
import dev.vernier.core.Vernier;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import dev.vernier.testkit.Suites;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A short real window against an in-memory suite that completes at once. */
class VernierMeasurerTest {

    @Test
    void measuresAWindowWithSamples() throws Exception {
        try (Vernier vernier = Vernier.builder().build()) {
            VernierMeasurer m = VernierMeasurer.throughput(vernier, Suites.instant(), 500, Duration.ofMillis(500));
            Measurement w = m.measure(Configuration.of("x", 1));
            assertTrue(w.samples().size() >= 4 && w.samples().size() <= 5, w.toString());
            assertEquals(Duration.ofMillis(250), m.warmup(), "half the window warms up; never zero behind the caller's back");
            assertTrue(w.metrics().get(Metric.THROUGHPUT) > 200, w.toString());
            assertTrue(w.metrics().containsKey(Metric.P50_LATENCY_MS));
            assertTrue(w.signals().containsKey(Measurement.MAX_THROUGHPUT));
        }
    }

    @Test
    void rejectsTooShortWindows() {
        try (Vernier vernier = Vernier.builder().build()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> VernierMeasurer.throughput(vernier, Suites.instant(), 100, Duration.ofMillis(50)));
            assertTrue(e.getMessage().contains("window"));
        }
    }
}
