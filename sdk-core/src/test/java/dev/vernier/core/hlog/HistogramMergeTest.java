package dev.vernier.core.hlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.core.recording.OperationRecorder;
import dev.vernier.core.recording.Recording;
import dev.vernier.core.result.LatencySummary;
import dev.vernier.testkit.ManualClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HistogramMergeTest {

    /**
     * Three nodes record their own operations and each writes its own log; node 3 has a slow tail.
     * The merge of the three logs must be exactly the histogram of every value, and its p99.9 must be
     * the cluster's, which averaging the nodes' percentiles misses.
     */
    @Test
    void mergeOfThreeNodeLogsEqualsOneHistogramOfAllValues(@TempDir Path dir) {
        Histogram everything = new Histogram(3);
        everything.setAutoResize(true);
        List<Path> logs = new ArrayList<>();
        List<Double> nodeP999 = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(15);
        for (int node = 1; node <= 3; node++) {
            ManualClock clock = new ManualClock();
            OperationRecorder recorder = OperationRecorder.builder().clock(clock).build();
            Path log = dir.resolve("node-" + node + ".hlog");
            logs.add(log);
            try (RecordingLog hlog = RecordingLog.create(recorder, log, 1_700_000_000_000L, "node-" + node)) {
                for (int second = 0; second < 5; second++) {
                    for (int i = 0; i < 2_000; i++) {
                        long micros = node == 3 && random.nextInt(100) == 0
                                ? 150_000 + random.nextInt(100_000)        // 1% at 150-250 ms
                                : 1_000 + random.nextInt(9_000);           // 1-10 ms
                        String type = i % 4 == 0 ? "get" : "put";
                        recorder.record(type, 0, micros * 1_000);
                        everything.recordValue(micros * 1_000);
                    }
                    clock.advance(1_000_000_000L);
                    hlog.writeInterval();
                }
            }
            nodeP999.add(HistogramMerge.fromLog(log, null).getValueAtPercentile(99.9) / 1e6);
        }

        Histogram merged = HistogramMerge.fromLogs(logs, null);
        assertEquals(everything, merged, "the sum of the logs is the histogram of every value");
        assertEquals(30_000, merged.getTotalCount());
        for (double p : new double[] {50, 90, 99, 99.9, 99.99, 100}) {
            assertEquals(everything.getValueAtPercentile(p), merged.getValueAtPercentile(p), "p" + p);
        }
        double averaged = nodeP999.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
        double truth = merged.getValueAtPercentile(99.9) / 1e6;
        assertTrue(truth > 150 && averaged < truth * 0.8,
                "averaging node p99.9s (" + averaged + " ms) understates the cluster's (" + truth + " ms)");

        Histogram puts = HistogramMerge.fromLogs(logs, IntervalLogWriter.tag(IntervalLogWriter.TYPE_TAG, "put"));
        Histogram gets = HistogramMerge.fromLogs(logs, "type=get");
        assertEquals(22_500, puts.getTotalCount());
        assertEquals(7_500, gets.getTotalCount());
        assertEquals(merged, HistogramMerge.of(List.of(puts, gets)), "types add up to the untagged lines");
    }

    @Test
    void recordingsAndSummariesMergeTheSameWay() {
        ManualClock clock = new ManualClock();
        OperationRecorder recorder = OperationRecorder.builder().clock(clock).build();
        Recording start = recorder.snapshot();
        List<Recording> windows = new ArrayList<>();
        Histogram all = new Histogram(3);
        Recording previous = start;
        for (int w = 0; w < 4; w++) {
            for (int i = 1; i <= 250; i++) {
                long v = (w + 1) * 1_000_000L * i;
                recorder.record("op", 0, v);
                all.recordValue(v);
            }
            clock.advance(1_000_000_000L);
            Recording now = recorder.snapshot();
            windows.add(now.since(previous));
            previous = now;
        }
        Histogram merged = HistogramMerge.fromRecordings(windows);
        assertEquals(all, merged);
        LatencySummary s = HistogramMerge.summarize(merged, 50, 99);
        assertEquals(1_000, s.count());
        assertEquals(all.getValueAtPercentile(99) / 1e6, s.percentile(99));
        assertEquals(all.getMaxValue() / 1e6, s.maxMs());
        assertTrue(Double.isNaN(HistogramMerge.summarize(new Histogram(3), 99).percentile(99)));
        assertEquals(0, HistogramMerge.of(List.of()).getTotalCount());
    }

    @Test
    void encodedHistogramsRoundTripAndBadOnesNameTheirOwner() {
        Histogram h = new Histogram(3);
        h.recordValue(123_456);
        h.recordValue(7_000_000);
        assertEquals(h, HistogramMerge.decode(HistogramMerge.encode(h), "x"));
        IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
                () -> HistogramMerge.decode("", "raft/steady"));
        assertEquals("encodedHistogram of raft/steady must hold a histogram, but was empty", empty.getMessage());
        IllegalArgumentException junk = assertThrows(IllegalArgumentException.class,
                () -> HistogramMerge.decode("bm90IGEgaGlzdG9ncmFt", "raft/steady"));
        assertTrue(junk.getMessage().startsWith("encodedHistogram of raft/steady is not a histogram"), junk.getMessage());
    }

    @Test
    void malformedLogLineFailsTheReadWithItsLine(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("bad.hlog");
        try (IntervalLogWriter w = IntervalLogWriter.create(log, 0, "bad")) {
            Histogram h = new Histogram(3);
            h.recordValue(1000);
            w.write(0, 1, null, h);
        }
        Files.writeString(log, Files.readString(log) + "1.000,1.000,0.001,this-is-not-base64!!!\n",
                StandardCharsets.US_ASCII);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> IntervalLogReader.read(log));
        assertTrue(e.getMessage().startsWith(log + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("line"), e.getMessage());
    }
}
