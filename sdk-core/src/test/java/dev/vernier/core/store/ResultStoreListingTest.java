package dev.vernier.core.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vernier.testkit.SyntheticResults;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code vernier history} lists: the stored series and the baselines' names. */
class ResultStoreListingTest {

    private static final long T0 = 1_700_000_000_000L;

    @TempDir
    Path dir;

    private ResultStore store(Duration retention) {
        return ResultStore.builder(dir).retention(retention)
                .clock(Clock.fixed(Instant.ofEpochMilli(T0 + Duration.ofDays(1).toMillis()), ZoneOffset.UTC)).build();
    }

    @Test
    void seriesListsEachSuiteAndScenarioOnceSortedWithAwkwardNamesDecoded() {
        try (ResultStore store = store(Duration.ofDays(7))) {
            store.save(SyntheticResults.result("raft", "steady", 1, 2, 1, 0.01));
            store.save(SyntheticResults.result("raft", "steady", 2, 2, 1, 0.01));
            store.save(SyntheticResults.result("a__b", "c/d.e", 3, 2, 1, 0.01));
            store.save(SyntheticResults.result("pbft", "burst", 4, 2, 1, 0.01));
            assertEquals(List.of(new ResultStore.Series("a__b", "c/d.e"), new ResultStore.Series("pbft", "burst"),
                    new ResultStore.Series("raft", "steady")), store.series());
        }
    }

    @Test
    void seriesLeavesOutResultsPastRetention() {
        try (ResultStore store = ResultStore.builder(dir).keepForever().build()) {
            store.save(SyntheticResults.result("raft", "old", 1, 2, 1, 0.01));
        }
        try (ResultStore store = store(Duration.ofHours(1))) {
            assertEquals(List.of(), store.series());
        }
    }

    @Test
    void baselineNamesAreDecodedAndSorted() {
        try (ResultStore store = store(Duration.ofDays(7))) {
            store.saveBaseline("release/1.2", SyntheticResults.result("raft", "steady", 1, 2, 1, 0.01));
            store.saveBaseline("main", SyntheticResults.result("raft", "steady", 2, 2, 1, 0.01));
            assertEquals(List.of("main", "release/1.2"), store.baselineNames());
        }
    }
}
