package dev.vernier.core.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.core.hlog.HistogramMerge;
import dev.vernier.core.hlog.IntervalLogWriter;
import dev.vernier.core.report.JsonReport;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.store.ResultStore;
import dev.vernier.testkit.ReportFixtures;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunArchivesTest {

    private static final ScenarioResult LATENCY = ReportFixtures.mainExample().get(1);

    @Test
    void runDirectoryHoldsEveryFormatUnderTimeSuiteScenario(@TempDir Path root) throws Exception {
        Path hlog = root.resolve("run.hlog");
        Histogram h = HistogramMerge.decode(LATENCY.latency().encodedHistogram(), "x");
        try (IntervalLogWriter w = IntervalLogWriter.create(hlog, LATENCY.startedAtEpochMillis(), "raft")) {
            w.write(0, 10, null, h);
        }
        RunArchives archives = RunArchives.in(root.resolve("results"));
        Path dir = archives.writer().hlog(hlog).environment(Map.of("java.version", "17.0.15", "os", "Linux"))
                .write(LATENCY);
        assertEquals("20231114T221420Z-raft-raft-latency-500", dir.getFileName().toString());
        try (var s = Files.list(dir)) {
            assertEquals(List.of("environment.json", "latency.hlog", "manifest.json", "report.html", "report.md",
                    "result.json"), s.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertEquals(new JsonReport().write(LATENCY), Files.readString(dir.resolve("result.json")));
        assertTrue(Files.readString(dir.resolve("report.md")).contains("### Key findings"));
        assertTrue(Files.readString(dir.resolve("manifest.json")).contains("\"format\" : " + RunArchives.FORMAT_VERSION));

        OpenedRun opened = archives.open(dir);
        assertEquals(new JsonReport().write(LATENCY), new JsonReport().write(opened.result()));
        assertEquals(Map.of("java.version", "17.0.15", "os", "Linux"), opened.environment().orElseThrow());
        assertEquals(h, opened.intervalLog().orElseThrow().get(0).histogram());
        Path again = archives.writer().html(false).write(LATENCY);
        assertEquals("20231114T221420Z-raft-raft-latency-500-2", again.getFileName().toString(), "never overwritten");
        assertFalse(Files.exists(again.resolve("report.html")));
        try (var s = Files.list(archives.root())) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no temporary left");
        }
    }

    @Test
    void archiveOpensToTheSameRunAndIsTheSameBytesInEveryTimeZone(@TempDir Path root) throws Exception {
        RunArchives archives = RunArchives.in(root);
        Path dir = archives.writer().write(LATENCY);
        TimeZone before = TimeZone.getDefault();
        byte[] utc;
        byte[] tokyo;
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
            utc = Files.readAllBytes(archives.compress(dir));
            TimeZone.setDefault(TimeZone.getTimeZone("Asia/Tokyo"));
            tokyo = Files.readAllBytes(archives.compress(dir));
        } finally {
            TimeZone.setDefault(before);
        }
        assertArrayEquals(utc, tokyo, "reproducible archive");
        Path zip = root.resolve(dir.getFileName() + ".zip");
        OpenedRun fromZip = archives.open(zip);
        OpenedRun fromDir = archives.open(dir);
        assertEquals(fromDir.files(), fromZip.files());
        for (String f : fromDir.files()) {
            assertArrayEquals(fromDir.bytes(f), fromZip.bytes(f), f);
        }
        assertEquals(fromZip.name(), archives.open(Path.of(dir.getFileName().toString())).name(), "open by name");
        assertTrue(fromZip.text("report.html").startsWith("<!doctype html>"));
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class, () -> fromZip.text("x.txt"));
        assertTrue(missing.getMessage().endsWith("but was x.txt"), missing.getMessage());
    }

    @Test
    void listShowsRunsNewestFirstAndSkipsOtherFiles(@TempDir Path root) throws Exception {
        RunArchives archives = RunArchives.in(root);
        List<ScenarioResult> main = ReportFixtures.mainExample();
        Path older = archives.writer().html(false).write(main.get(0));
        archives.compress(older);
        archives.writer().html(false).write(main.get(1));
        Files.writeString(root.resolve("notes.txt"), "not a run");
        Files.createDirectories(root.resolve("20231114T221320Z-empty"));
        List<ArchiveEntry> list = archives.list();
        assertEquals(List.of("20231114T221420Z-raft-raft-latency-500", "20231114T221320Z-raft-raft-capacity",
                "20231114T221320Z-raft-raft-capacity"), list.stream().map(ArchiveEntry::name).toList());
        assertEquals(List.of(false, false, true), list.stream().map(ArchiveEntry::compressed).toList());
        assertTrue(list.stream().allMatch(e -> e.bytes() > 0));
        assertEquals(List.of(), RunArchives.in(root.resolve("absent")).list());
    }

    @Test
    void archiveWithAnEntryOutsideTheRunIsRefused(@TempDir Path root) throws Exception {
        Path zip = root.resolve("20231114T221320Z-raft-x.zip");
        try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("20231114T221320Z-raft-x/../../evil.sh"));
            z.write("rm -rf /".getBytes(StandardCharsets.US_ASCII));
            z.closeEntry();
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RunArchives.in(root).open(zip));
        assertTrue(e.getMessage().contains("holds entry '20231114T221320Z-raft-x/../../evil.sh'"), e.getMessage());
        Path empty = Files.createDirectories(root.resolve("20231114T221320Z-raft-y"));
        IllegalArgumentException noResult = assertThrows(IllegalArgumentException.class,
                () -> RunArchives.in(root).open(empty));
        assertTrue(noResult.getMessage().contains("must hold result.json"), noResult.getMessage());
        IllegalArgumentException notRun = assertThrows(IllegalArgumentException.class,
                () -> RunArchives.in(root).compress(empty));
        assertTrue(notRun.getMessage().startsWith("runDirectory must hold result.json"), notRun.getMessage());
    }

    @Test
    void storeReachesItsArchives(@TempDir Path root) {
        try (ResultStore store = ResultStore.open(root)) {
            Path dir = store.archives().writer().html(false).write(LATENCY);
            assertEquals(root.resolve("archives"), dir.getParent());
            assertEquals(1, store.archives().list().size());
        }
    }
}
