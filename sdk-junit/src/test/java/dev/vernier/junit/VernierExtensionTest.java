package dev.vernier.junit;

import dev.vernier.testkit.SyntheticResults;
import static dev.vernier.junit.PerformanceAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.vernier.core.result.ScenarioResult;
import dev.vernier.core.stats.StatisticsConfig;
import dev.vernier.core.store.ResultStore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@VernierTest(storeDirectory = "target/vernier-extension-test", practicalThreshold = 0.05)
class VernierExtensionTest {

    private static ResultStore first;

    @Test
    void resolvesAStoreAndTheConfiguredStatistics(ResultStore store, StatisticsConfig config) {
        assertEquals(Path.of("target/vernier-extension-test"), store.directory());
        assertEquals(0.05, config.practicalThreshold());
        assertEquals(0.95, config.displayConfidence());
        assertEquals(0.05, config.alpha());
        assertEquals(0.05, store.statistics().practicalThreshold());
        sameStorePerClass(store);
    }

    @Test
    void readsNaturallyAsAPerformanceTest(ResultStore store) {
        ScenarioResult run = SyntheticResults.result("raft", "steady", 11, 12, 1.0, 0.03);
        store.saveBaseline("main", SyntheticResults.result("raft", "steady", 12, 12, 1.0, 0.03));
        store.save(run);
        assertThat(run).p99AtMost(Duration.ofMillis(25)).throughputAtLeast(9_000).errorRateAtMost(0.01)
                .noRegressionAgainst(store, "main");
        sameStorePerClass(store);
    }

    private static synchronized void sameStorePerClass(ResultStore store) {
        if (first == null) {
            first = store;
        }
        assertSame(first, store);
    }
}
