package dev.vernier.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.core.report.JsonReport;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.stats.Comparison;
import dev.vernier.core.stats.Figure;
import dev.vernier.core.stats.Verdict;
import dev.vernier.testkit.SyntheticResults;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultStoreTest {

    /** The synthetic results start at 1_700_000_000_000 + seed ms. */
    private static final long T0 = 1_700_000_000_000L;
    private static final long DAY = Duration.ofDays(1).toMillis();

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(T0 + DAY);

    /** A wall clock that moves only when told. */
    static final class MutableClock extends Clock {
        private final AtomicLong millis;

        MutableClock(long millis) {
            this.millis = new AtomicLong(millis);
        }

        void advance(Duration d) {
            millis.addAndGet(d.toMillis());
        }

        @Override
        public long millis() {
            return millis.get();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }
    }

    private ResultStore.Builder store() {
        return ResultStore.builder(dir).clock(clock);
    }

    private static ScenarioResult result(String suite, long seed) {
        return SyntheticResults.result(suite, "steady", seed, 3, 1.0, 0.03);
    }

    @Test
    void savedResultsRoundTripAndAreQueriedBySuiteScenarioAndTime() {
        try (ResultStore store = store().build()) {
            ScenarioResult a = result("raft", 1);
            ScenarioResult b = result("raft", 5);
            store.save(b);
            store.save(a);
            store.save(result("pbft", 2));
            assertEquals(List.of(a, b), store.find("raft", "steady"));
            assertEquals(List.of(b), store.find("raft", "steady", Instant.ofEpochMilli(a.startedAtEpochMillis() + 1),
                    Instant.ofEpochMilli(b.startedAtEpochMillis() + 1)));
            assertEquals(b, store.latest("raft", "steady").orElseThrow());
            assertTrue(store.find("raft", "other").isEmpty());
        }
        // a fresh store (another JVM, say) reads the same files from disk
        try (ResultStore again = store().build()) {
            assertEquals(0, again.cachedCount());
            assertEquals(2, again.find("raft", "steady").size());
            assertEquals(2, again.cachedCount());
        }
    }

    @Test
    void namesWithSeparatorsAndSlashesStayApart() {
        try (ResultStore store = store().build()) {
            store.save(SyntheticResults.result("a__b", "c/d", 1, 2, 1, 0.01));
            store.save(SyntheticResults.result("a", "b__c/d", 2, 2, 1, 0.01));
            assertEquals(1, store.find("a__b", "c/d").size());
            assertEquals(1, store.find("a", "b__c/d").size());
        }
    }

    /** The issue: the 7-day TTL only expired the cache; 8-day-old results came back from disk. */
    @Test
    void anEightDayOldResultIsNeitherReturnedNorKeptOnDisk() throws IOException {
        List<StoreEvent> events = Collections.synchronizedList(new ArrayList<>());
        Path old;
        try (ResultStore store = store().listener(events::add).build()) {
            old = store.save(result("raft", 1));
            store.save(result("raft", 2));
            store.saveBaseline("main", result("raft", 3));
            assertEquals(2, store.find("raft", "steady").size());
        }
        clock.advance(Duration.ofDays(8));
        try (ResultStore reopened = store().listener(events::add).build()) {
            assertFalse(Files.exists(old), "deleted on open");
            assertTrue(reopened.find("raft", "steady").isEmpty());
            assertTrue(reopened.baseline("main").isPresent(), "baselines are kept until deleted");
            assertEquals(2, events.stream().filter(e -> e.kind() == StoreEvent.Kind.EXPIRED_DELETED).count(),
                    events.toString());
            assertTrue(reopened.deleteBaseline("main"));
            assertTrue(reopened.baseline("main").isEmpty());
            assertFalse(reopened.deleteBaseline("main"));
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.filter(p -> p.toString().endsWith(".json")).count());
        }
    }

    @Test
    void anOpenStoreForgetsExpiredResultsAtOnceAndDeletesThemAtTheNextSweep() {
        try (ResultStore store = store().retention(Duration.ofDays(7)).sweepInterval(Duration.ofHours(1)).build()) {
            Path file = store.save(result("raft", 1));
            assertEquals(1, store.cachedCount());
            clock.advance(Duration.ofDays(6).minusMinutes(30)); // 6 days 23.5 h after the run started
            assertEquals(1, store.find("raft", "steady").size());
            clock.advance(Duration.ofMinutes(31));
            assertTrue(store.find("raft", "steady").isEmpty(), "expired: not returned even before a sweep");
            assertEquals(0, store.cachedCount(), "and gone from memory at the same moment");
            assertTrue(Files.exists(file), "the last sweep (by the first find) was 31 minutes ago");
            clock.advance(Duration.ofMinutes(30));
            store.find("pbft", "other");
            assertFalse(Files.exists(file), "an hour after the last sweep, the next query sweeps");
        }
    }

    @Test
    void keepForeverKeepsOldResults() {
        try (ResultStore store = store().keepForever().build()) {
            store.save(result("raft", 1));
            clock.advance(Duration.ofDays(3650));
            assertEquals(1, store.find("raft", "steady").size());
            assertEquals(0, store.sweep());
        }
    }

    /** The issue: 121 KB of heap per result and no size bound (36 MB for 300). */
    @Test
    void theCacheIsBoundedByWeight() {
        int oneResult = new JsonReport().write(result("raft", 0)).length();
        try (ResultStore store = store().maximumCacheBytes(5L * oneResult + oneResult / 2).build()) {
            for (int i = 0; i < 40; i++) {
                store.save(result("raft", i));
            }
            assertTrue(store.cachedBytes() <= 5L * oneResult + oneResult / 2, store.cachedBytes() + " bytes");
            assertTrue(store.cachedCount() <= 5, store.cachedCount() + " results");
            assertEquals(40, store.find("raft", "steady").size(), "evicted ones are read back from disk");
        }
        try (ResultStore none = store().maximumCacheBytes(0).build()) {
            none.save(result("raft", 99));
            assertEquals(0, none.cachedCount());
        }
    }

    /** The issue: no fsync of the file before the rename, nor of the directory after it. */
    @Test
    void aSaveSyncsTheFileBeforeTheRenameAndTheDirectoryAfterIt() {
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        Syncer recording = new Syncer() {
            @Override
            public void syncFile(FileChannel channel, Path file) throws IOException {
                log.add("file " + file.getFileName() + " size=" + channel.size() + " published="
                        + anyJson(file.getParent()));
                Syncer.DEVICE.syncFile(channel, file);
            }

            @Override
            public void syncDirectory(Path d) throws IOException {
                log.add("dir " + d.getFileName() + " published=" + anyJson(d));
                Syncer.DEVICE.syncDirectory(d);
            }
        };
        try (ResultStore store = store().syncer(recording).build()) {
            ScenarioResult r = result("raft", 1);
            Path saved = store.save(r);
            long size = new JsonReport().write(r).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            assertEquals(2, log.size(), log.toString());
            assertTrue(log.get(0).matches("file \\..*\\.tmp size=" + size + " published=false"), log.toString());
            assertEquals("dir " + dir.getFileName() + " published=true", log.get(1));
            assertTrue(Files.exists(saved));
        }
    }

    private static boolean anyJson(Path d) {
        try (Stream<Path> s = Files.list(d)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(".json"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The issue: a writer killed mid-save left its *.tmp forever. */
    @Test
    void staleTemporaryFilesAreDeletedOnOpenAndFreshOnesLeftToTheirWriter() throws Exception {
        Files.createDirectories(dir.resolve("baselines"));
        Path stale = Files.writeString(dir.resolve(".raft__steady__1__x.json.123.tmp"), "{ half");
        Path staleBaseline = Files.writeString(dir.resolve("baselines").resolve(".main.json.9.tmp"), "{");
        Path fresh = Files.writeString(dir.resolve(".raft__steady__2__y.json.456.tmp"), "{ being written");
        Files.setLastModifiedTime(stale, FileTime.fromMillis(clock.millis() - Duration.ofHours(1).toMillis()));
        Files.setLastModifiedTime(staleBaseline, FileTime.fromMillis(clock.millis() - Duration.ofHours(1).toMillis()));
        Files.setLastModifiedTime(fresh, FileTime.fromMillis(clock.millis() - 1_000));
        List<StoreEvent> events = Collections.synchronizedList(new ArrayList<>());
        try (ResultStore store = store().listener(events::add).build()) {
            assertFalse(Files.exists(stale));
            assertFalse(Files.exists(staleBaseline));
            assertTrue(Files.exists(fresh), "a save in progress in another JVM is left alone");
            assertEquals(2, events.stream().filter(e -> e.kind() == StoreEvent.Kind.STALE_TEMP_DELETED).count());
            assertTrue(store.find("raft", "steady").isEmpty());
        }
    }

    @Test
    void halfWrittenTempFileIsNeverReadAsAResult() throws Exception {
        List<StoreEvent> events = Collections.synchronizedList(new ArrayList<>());
        try (ResultStore store = store().listener(events::add).build()) {
            Path saved = store.save(result("raft", 1));
            String text = Files.readString(saved);
            // what a writer in another JVM leaves mid-write (or after a crash)
            Files.writeString(dir.resolve("." + saved.getFileName() + ".123.tmp"), text.substring(0, text.length() / 2));
            Files.writeString(dir.resolve("raft__steady__1700000000009__x.json.tmp"), text.substring(0, 10));
            assertEquals(1, store.find("raft", "steady").size());
            assertTrue(events.stream().noneMatch(e -> e.kind() != StoreEvent.Kind.WRITTEN), events.toString());
        }
    }

    /** The issue: a valid result of a newer schema version was moved to corrupt/. */
    @Test
    void aResultOfANewerSchemaIsReportedAndLeftInPlace() throws Exception {
        List<StoreEvent> events = Collections.synchronizedList(new ArrayList<>());
        try (ResultStore store = store().listener(events::add).build()) {
            Path saved = store.save(result("raft", 1));
            Path newer = dir.resolve("raft__steady__1700000000002__newer.json");
            Files.writeString(newer, Files.readString(saved).replace("\"schemaVersion\" : " + ScenarioResult.SCHEMA_VERSION, "\"schemaVersion\" : 7")
                    .replace("\"suite\"", "\"aFieldFromTheFuture\" : [1, 2], \"suite\""));
            assertEquals(1, store.find("raft", "steady").size());
            assertEquals(1, store.find("raft", "steady").size());
            assertTrue(Files.exists(newer), "left in place");
            try (Stream<Path> c = Files.list(dir.resolve("corrupt"))) {
                assertEquals(0, c.count());
            }
            List<StoreEvent> reported = events.stream().filter(e -> e.kind() == StoreEvent.Kind.NEWER_SCHEMA).toList();
            assertEquals(1, reported.size(), "once per file: " + events);
            assertTrue(reported.get(0).message().contains("written by a newer Vernier"), reported.get(0).message());
            assertTrue(reported.get(0).message().contains(newer.toString()), reported.get(0).message());

            Path baseline = store.saveBaseline("main", result("raft", 3));
            Files.writeString(baseline, Files.readString(baseline).replace("\"schemaVersion\" : " + ScenarioResult.SCHEMA_VERSION,
                    "\"schemaVersion\" : 7"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> store.compareWithBaseline(result("raft", 4), "main"));
            assertTrue(e.getMessage().contains("written by a newer Vernier"), e.getMessage());
            assertTrue(Files.exists(baseline));
        }
    }

    @Test
    void corruptFileIsMovedAsideAndReported() throws Exception {
        List<StoreEvent> events = Collections.synchronizedList(new ArrayList<>());
        try (ResultStore store = store().listener(events::add).build()) {
            store.save(result("raft", 1));
            Path bad = dir.resolve("raft__steady__1700000000002__bad.json");
            Files.writeString(bad, "{ \"schemaVersion\": 1, \"suite\": ");
            List<ScenarioResult> found = store.find("raft", "steady");
            assertEquals(1, found.size());
            assertFalse(Files.exists(bad));
            List<StoreEvent> corrupt = events.stream().filter(e -> e.kind() == StoreEvent.Kind.CORRUPT_MOVED).toList();
            assertEquals(1, corrupt.size(), events.toString());
            assertTrue(Files.exists(corrupt.get(0).file()));
            assertEquals(dir.resolve("corrupt"), corrupt.get(0).file().getParent());
            assertTrue(corrupt.get(0).message().contains(bad.toString()), corrupt.get(0).message());
        }
    }

    @Test
    void corruptBaselineIsMovedAsideAndReported() throws Exception {
        List<StoreEvent> events = Collections.synchronizedList(new ArrayList<>());
        try (ResultStore store = store().listener(events::add).build()) {
            Path file = store.saveBaseline("main", result("raft", 1));
            Files.writeString(file, "not json");
            assertTrue(store.baseline("main").isEmpty());
            assertTrue(events.stream().anyMatch(e -> e.kind() == StoreEvent.Kind.CORRUPT_MOVED));
        }
    }

    @Test
    void concurrentWritersOnOneDirectoryKeepEveryResultIntact() throws Exception {
        int threads = 4;
        int perThread = 15;
        try (ResultStore one = store().build(); ResultStore two = store().build()) {
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                ResultStore store = t % 2 == 0 ? one : two;
                int thread = t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perThread; i++) {
                        // same suite, scenario and start time everywhere: only the suffix differs
                        store.save(SyntheticResults.result("raft", "steady", 7, 2, 1.0 + thread * 0.001 + i * 1e-6, 0.01));
                        if (i % 5 == 0) {
                            store.find("raft", "steady");
                        }
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
            pool.shutdown();
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.filter(p -> p.toString().endsWith(".tmp")).count());
        }
        List<StoreEvent> events = Collections.synchronizedList(new ArrayList<>());
        try (ResultStore fresh = store().listener(events::add).build()) {
            List<ScenarioResult> all = fresh.find("raft", "steady");
            assertEquals(threads * perThread, all.size());
            assertEquals(threads * perThread, all.stream().map(r -> new JsonReport().write(r)).distinct().count());
            assertTrue(events.isEmpty(), events.toString());
        }
    }

    @Test
    void baselinesAreNamedReplacedAndComparedInOneCall() {
        try (ResultStore store = store().build()) {
            store.saveBaseline("main", SyntheticResults.result("raft", "steady", 1, 12, 1.0, 0.02));
            store.saveBaseline("release-1.2", SyntheticResults.result("raft", "steady", 2, 12, 0.5, 0.02));
            assertEquals(1.0, store.baseline("main").orElseThrow().throughput().averageOpsPerSecond() / 10_000, 1e-9);
            assertTrue(store.baseline("nope").isEmpty());
            store.save(SyntheticResults.result("raft", "steady", 3, 12, 0.8, 0.02));

            Comparison vsMain = store.compareLatestWithBaseline("raft", "steady", "main");
            assertTrue(vsMain.regressed(), vsMain.toMarkdown());
            assertEquals(Verdict.REGRESSED, vsMain.change(Figure.THROUGHPUT).orElseThrow().verdict());
            assertEquals("baseline main", vsMain.baseline());
            Comparison vsOld = store.compareLatestWithBaseline("raft", "steady", "release-1.2");
            assertEquals(Verdict.IMPROVED, vsOld.change(Figure.THROUGHPUT).orElseThrow().verdict());

            store.saveBaseline("main", SyntheticResults.result("raft", "steady", 4, 12, 0.8, 0.02));
            assertFalse(store.compareLatestWithBaseline("raft", "steady", "main").regressed());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> store.compareLatestWithBaseline("raft", "steady", "missing"));
            assertTrue(e.getMessage().contains("missing"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> store.saveBaseline(" ", store.baseline("main").get()));
        }
    }

    @Test
    void settingsMustBeValid() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResultStore.builder(dir).retention(Duration.ZERO));
        assertTrue(e.getMessage().contains("retention must be positive, but was PT0S"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ResultStore.builder(dir).maximumCacheBytes(-1));
        assertTrue(e.getMessage().contains("maximumCacheBytes must be at least 0, but was -1"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ResultStore.builder(dir).sweepInterval(null));
        assertTrue(e.getMessage().contains("sweepInterval must be positive, but was null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ResultStore.builder(dir).staleTempAge(Duration.ofSeconds(-1)));
        assertTrue(e.getMessage().contains("staleTempAge"), e.getMessage());
    }
}
