package dev.vernier.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.core.report.JsonReport;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.stats.Comparison;
import dev.vernier.core.stats.Figure;
import dev.vernier.testkit.SyntheticResults;
import dev.vernier.core.stats.Verdict;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

    @TempDir
    Path dir;

    private static ScenarioResult result(String suite, long seed) {
        return SyntheticResults.result(suite, "steady", seed, 3, 1.0, 0.03);
    }

    @Test
    void savedResultsRoundTripAndAreQueriedBySuiteScenarioAndTime() {
        try (ResultStore store = ResultStore.open(dir)) {
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
        try (ResultStore again = ResultStore.open(dir)) {
            assertEquals(0, again.cachedCount());
            assertEquals(2, again.find("raft", "steady").size());
            assertEquals(2, again.cachedCount());
        }
    }

    @Test
    void namesWithSeparatorsAndSlashesStayApart() {
        try (ResultStore store = ResultStore.open(dir)) {
            store.save(SyntheticResults.result("a__b", "c/d", 1, 2, 1, 0.01));
            store.save(SyntheticResults.result("a", "b__c/d", 2, 2, 1, 0.01));
            assertEquals(1, store.find("a__b", "c/d").size());
            assertEquals(1, store.find("a", "b__c/d").size());
        }
    }

    @Test
    void cachedResultsExpireWithTheTickerButStayOnDisk() {
        AtomicLong nanos = new AtomicLong();
        try (ResultStore store = ResultStore.builder(dir).expiry(Duration.ofDays(7)).ticker(nanos::get).build()) {
            store.save(result("raft", 1));
            assertEquals(1, store.cachedCount());
            nanos.addAndGet(Duration.ofDays(6).toNanos());
            assertEquals(1, store.cachedCount());
            nanos.addAndGet(Duration.ofDays(1).plusSeconds(1).toNanos());
            assertEquals(0, store.cachedCount());
            assertEquals(1, store.find("raft", "steady").size()); // read back from disk
            assertEquals(1, store.cachedCount());
        }
    }

    @Test
    void halfWrittenTempFileIsNeverReadAsAResult() throws Exception {
        List<StoreEvent> events = Collections.synchronizedList(new ArrayList<>());
        try (ResultStore store = ResultStore.builder(dir).listener(events::add).build()) {
            Path saved = store.save(result("raft", 1));
            String text = Files.readString(saved);
            // what a writer in another JVM leaves mid-write (or after a crash)
            Files.writeString(dir.resolve("." + saved.getFileName() + ".123.tmp"), text.substring(0, text.length() / 2));
            Files.writeString(dir.resolve("raft__steady__1700000000009__x.json.tmp"), text.substring(0, 10));
            assertEquals(1, store.find("raft", "steady").size());
            assertTrue(events.stream().noneMatch(e -> e.kind() != StoreEvent.Kind.WRITTEN), events.toString());
        }
    }

    @Test
    void corruptFileIsMovedAsideAndReported() throws Exception {
        List<StoreEvent> events = Collections.synchronizedList(new ArrayList<>());
        try (ResultStore store = ResultStore.builder(dir).listener(events::add).build()) {
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
        try (ResultStore store = ResultStore.builder(dir).listener(events::add).build()) {
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
        try (ResultStore one = ResultStore.open(dir); ResultStore two = ResultStore.open(dir)) {
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
        try (ResultStore fresh = ResultStore.builder(dir).listener(events::add).build()) {
            List<ScenarioResult> all = fresh.find("raft", "steady");
            assertEquals(threads * perThread, all.size());
            assertEquals(threads * perThread, all.stream().map(r -> new JsonReport().write(r)).distinct().count());
            assertTrue(events.isEmpty(), events.toString());
        }
    }

    @Test
    void baselinesAreNamedReplacedAndComparedInOneCall() {
        try (ResultStore store = ResultStore.open(dir)) {
            store.saveBaseline("main", SyntheticResults.result("raft", "steady", 1, 12, 1.0, 0.02));
            store.saveBaseline("release-1.2", SyntheticResults.result("raft", "steady", 2, 12, 0.5, 0.02));
            assertEquals(1.0, store.baseline("main").orElseThrow().throughput().averageOpsPerSecond() / 10_000, 1e-9);
            assertTrue(store.baseline("nope").isEmpty());
            store.save(SyntheticResults.result("raft", "steady", 3, 12, 0.8, 0.02));

            Comparison vsMain = store.compareLatestWithBaseline("raft", "steady", "main");
            assertTrue(vsMain.regressed(), vsMain.toMarkdown());
            assertEquals(Verdict.REGRESSED, vsMain.change(Figure.THROUGHPUT).orElseThrow().verdict());
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
    void expiryMustBePositive() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ResultStore.builder(dir).expiry(Duration.ZERO));
        assertTrue(e.getMessage().contains("expiry") && e.getMessage().contains("PT0S"), e.getMessage());
    }
}
