package dev.vernier.core.hlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.LoadModel;
import dev.vernier.api.Phase;
import dev.vernier.api.Scenario;
import dev.vernier.api.TransactionMix;
import dev.vernier.core.Vernier;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.testkit.Suites;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogProcessor;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntervalLogTest {

    @TempDir
    static Path dir;
    private static Path log;
    private static ScenarioResult result;

    @BeforeAll
    static void runWithAnIntervalLog() {
        log = dir.resolve("run.hlog");
        Scenario s = Scenario.builder("hlog").warmup(Duration.ofMillis(200)).duration(Duration.ofMillis(800))
                .snapshotInterval(Duration.ofMillis(100)).throughputInterval(Duration.ofMillis(200))
                .load(LoadModel.constantRate(2_000))
                .mix(TransactionMix.builder().add("put", 3, 16).add("get", 1, 0).build())
                .phases(Phase.LATENCY).build();
        try (IntervalLogListener hlog = IntervalLogListener.builder(log).description("instant / hlog").build();
             Vernier v = Vernier.builder().register(Suites.instant()).listener(hlog).build()) {
            result = v.run("instant", s);
            assertTrue(hlog.lines() > 0);
        }
    }

    @Test
    void everyLoggedTransactionIsInTheResultAndTypesAddUp() {
        List<LoggedInterval> lines = IntervalLogReader.read(log);
        Set<String> tags = lines.stream().map(l -> String.valueOf(l.tag())).collect(Collectors.toSet());
        assertTrue(tags.containsAll(Set.of("null", "type=put", "type=get", "stage=queue")), tags.toString());
        Histogram all = HistogramMerge.fromLog(log, null);
        Histogram fromResult = HistogramMerge.fromResults(List.of(result));
        // Every logged value is in the result, bucket for bucket. The result may hold a few more: sends a
        // late generator makes after the last snapshot complete in the drain, which no snapshot covers.
        for (org.HdrHistogram.HistogramIterationValue v : all.recordedValues()) {
            assertTrue(fromResult.getCountAtValue(v.getValueIteratedTo()) >= v.getCountAtValueIteratedTo(),
                    "value " + v.getValueIteratedTo() + " ns is in the result as often as in the log");
        }
        long missing = result.latency().overall().count() - all.getTotalCount();
        assertTrue(missing >= 0 && missing <= result.latency().overall().count() / 100,
                "at most 1% completed after the last snapshot: " + missing);
        assertEquals(all, HistogramMerge.of(List.of(HistogramMerge.fromLog(log, "type=put"),
                HistogramMerge.fromLog(log, "type=get"))));
        double previousEnd = 0;
        for (LoggedInterval l : lines) {
            if (l.tag() == null) {
                assertTrue(l.startSeconds() >= previousEnd - 0.0015, "intervals do not overlap: " + l.startSeconds()
                        + " < " + previousEnd);
                previousEnd = l.startSeconds() + l.lengthSeconds();
            }
        }
    }

    /** The standard tool reads a Vernier log: its overall distribution has our count and percentiles. */
    @Test
    void hdrHistogramsOwnLogProcessorReadsTheLog() throws Exception {
        Path out = dir.resolve("processed");
        new HistogramLogProcessor(new String[] {"-i", log.toString(), "-o", out.toString()}).run();
        String hgrm = Files.readString(Path.of(out + ".hgrm"), StandardCharsets.US_ASCII);
        Histogram all = HistogramMerge.fromLog(log, null);
        Matcher total = Pattern.compile("#\\[Max\\s*=\\s*([0-9.]+), Total count\\s*=\\s*([0-9]+)\\]").matcher(hgrm);
        assertTrue(total.find(), hgrm);
        assertEquals(all.getTotalCount(), Long.parseLong(total.group(2)));
        assertEquals(all.getMaxValue() / 1e6, Double.parseDouble(total.group(1)), 1e-3);
        Matcher row = Pattern.compile("(?m)^\\s+([0-9.]+)\\s+(0\\.[0-9]{12}|1\\.000000000000)\\s+([0-9]+)\\s").matcher(hgrm);
        int rows = 0;
        while (row.find()) {
            double percentile = Double.parseDouble(row.group(2)) * 100;
            // the tool prints a bucket's highest equivalent value (at 0% getValueAtPercentile gives its
            // lowest) rounded to 3 decimals: the printed value lies in the bucket, give or take 0.0005 ms
            long v = all.getValueAtPercentile(percentile);
            double printed = Double.parseDouble(row.group(1));
            assertTrue(printed >= all.lowestEquivalentValue(v) / 1e6 - 0.0005
                    && printed <= all.highestEquivalentValue(v) / 1e6 + 0.0005,
                    "value at " + percentile + "%: printed " + printed + " ms, ours " + v / 1e6 + " ms");
            rows++;
        }
        assertTrue(rows > 20, hgrm);
        String intervals = Files.readString(out, StandardCharsets.US_ASCII);
        long lines = intervals.lines().filter(l -> l.matches("\\s*[0-9.]+: I:.*")).count();
        assertEquals(IntervalLogReader.read(log).stream().filter(l -> l.tag() == null).count(), lines);

        Path puts = dir.resolve("puts");
        new HistogramLogProcessor(new String[] {"-i", log.toString(), "-o", puts.toString(), "-tag", "type=put"}).run();
        Matcher putTotal = Pattern.compile("Total count\\s*=\\s*([0-9]+)")
                .matcher(Files.readString(Path.of(puts + ".hgrm")));
        assertTrue(putTotal.find());
        assertEquals(HistogramMerge.fromLog(log, "type=put").getTotalCount(), Long.parseLong(putTotal.group(1)));
    }

    @Test
    void headerIsTheSameInEveryTimeZoneAndCarriesTheFormatVersion() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        Clock fixed = Clock.fixed(Instant.ofEpochMilli(1_700_000_000_123L), ZoneOffset.UTC);
        IntervalLogListener.builder(bytes).clock(fixed).description("raft / steady, node-1").build().close();
        assertEquals("""
                #[Vernier interval log format 1]
                #[Histogram log format version 1.3]
                #[raft / steady, node-1]
                #[Values are latencies in nanoseconds; untagged lines are all committed transactions,\
                 Tag=type=<name> one transaction type, Tag=stage=<name> one stage]
                #[StartTime: 1700000000.123 (seconds since epoch), 2023-11-14T22:13:20.123Z]
                #[BaseTime: 1700000000.123 (seconds since epoch)]
                "StartTimestamp","Interval_Length","Interval_Max","Interval_Compressed_Histogram"
                """, bytes.toString(StandardCharsets.US_ASCII));
    }

    @Test
    void badIntervalsAndTagsAreRefusedWithTheValue() {
        try (IntervalLogWriter w = IntervalLogWriter.to(new ByteArrayOutputStream(), 0, "x")) {
            Histogram h = new Histogram(3);
            IllegalArgumentException back = assertThrows(IllegalArgumentException.class, () -> w.write(2, 1, null, h));
            assertEquals("endSeconds must not be before startSeconds (2.0), but was 1.0", back.getMessage());
            IllegalArgumentException tag = assertThrows(IllegalArgumentException.class, () -> w.write(0, 1, "a b", h));
            assertEquals("tag must hold no comma, space or line break, but was 'a b'", tag.getMessage());
            assertEquals("type=big_put_", IntervalLogWriter.tag(IntervalLogWriter.TYPE_TAG, "big put,"));
        }
    }
}
