package dev.vernier.core.recording;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.testkit.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class OperationRecorderTest {

    @Test
    void recordsFromManyThreadsEqualOneHistogramOfAllValues() throws Exception {
        OperationRecorder recorder = OperationRecorder.builder().build();
        int threads = 8;
        int perThread = 20_000;
        Histogram exact = new Histogram(Duration.ofSeconds(60).toNanos(), 3);
        long[][] values = new long[threads][perThread];
        SplittableRandom random = new SplittableRandom(11);
        for (int t = 0; t < threads; t++) {
            for (int i = 0; i < perThread; i++) {
                // a log-uniform spread from 10 µs to 1 s, so every part of the histogram is exercised
                values[t][i] = (long) Math.pow(10, 4 + 5 * random.nextDouble());
                exact.recordValue(values[t][i]);
            }
        }
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long[] mine = values[t];
            OperationRecorder.Timer timer = recorder.timer(t % 2 == 0 ? "put" : "get");
            Thread w = new Thread(() -> {
                for (long v : mine) {
                    timer.record(1_000, 1_000 + v);
                }
                timer.recordFailure(0, 5);
            });
            workers.add(w);
            w.start();
        }
        // snapshots taken while recording goes on must never lose or double a value
        Recording mid = recorder.snapshot();
        for (Thread w : workers) {
            w.join();
        }
        Recording end = recorder.snapshot();
        Recording.TypeRecording all = end.all();
        assertEquals((long) threads * perThread, all.committed());
        assertEquals(threads, all.failed());
        for (double p : new double[] {50, 90, 99, 99.9, 99.99, 100}) {
            assertEquals(exact.getValueAtPercentile(p) / 1e6, all.percentileMs(p), 0.0, "p" + p);
        }
        Recording window = end.since(mid);
        assertEquals(all.committed() - mid.all().committed(), window.all().committed());
        assertEquals((long) threads / 2 * perThread, end.type("put").orElseThrow().committed());
        assertTrue(mid.all().committed() <= all.committed());
    }

    @Test
    void windowsSubtractExactly() {
        ManualClock clock = new ManualClock();
        OperationRecorder recorder = OperationRecorder.builder().clock(clock).build();
        for (int i = 1; i <= 100; i++) {
            recorder.record("a", 0, i * 1_000_000L); // 1..100 ms
        }
        clock.advance(1_000_000_000L);
        Recording first = recorder.snapshot();
        for (int i = 0; i < 10; i++) {
            recorder.record("a", 0, 500_000_000L); // a 500 ms stall, ten times
        }
        recorder.recordFailure("a", 0, 1);
        clock.advance(1_000_000_000L);
        Recording second = recorder.snapshot();
        Recording window = second.since(first);
        assertEquals(1.0, window.seconds(), 1e-9);
        Recording.TypeRecording a = window.type("a").orElseThrow();
        assertEquals(10, a.committed());
        assertEquals(1, a.failed());
        assertEquals(500, a.percentileMs(50), 0.5);
        assertEquals(1.0 / 11, a.errorRate(), 1e-12);
        // the whole run: the stall is 10 of 110 values, so it owns the p99 but not the p50
        Recording.TypeRecording whole = second.all();
        assertEquals(500, whole.percentileMs(99), 0.5);
        assertEquals(55, whole.percentileMs(50), 0.1);
        assertThrows(IllegalArgumentException.class, () -> first.since(second));
    }

    @Test
    void typesBeyondTheLimitAreOtherAndHugeValuesAreClamped() {
        OperationRecorder recorder = OperationRecorder.builder().maxTypes(2)
                .highestTrackable(Duration.ofMillis(100)).build();
        recorder.record("a", 0, 1_000);
        recorder.record("b", 0, 1_000);
        recorder.record("c", 0, 1_000);
        recorder.record("d", 0, Duration.ofSeconds(5).toNanos());
        Recording r = recorder.snapshot();
        assertEquals(List.of("a", "b", OperationRecorder.OTHER),
                r.types().stream().map(Recording.TypeRecording::type).toList());
        assertEquals(2, r.type(OperationRecorder.OTHER).orElseThrow().committed());
        assertEquals(1, r.clamped());
        assertEquals(100, r.type(OperationRecorder.OTHER).orElseThrow().percentileMs(100), 0.1);
    }

    @Test
    void badSettingsNameTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OperationRecorder.builder().maxTypes(0));
        assertEquals("maxTypes must be between 1 and 256, but was 0", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> OperationRecorder.builder().build().timer(" "));
        assertTrue(e.getMessage().startsWith("type must not be blank"), e.getMessage());
    }
}
