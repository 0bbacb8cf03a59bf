package dev.vernier.core.internal.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.core.result.GeneratorHealth;
import dev.vernier.core.result.GeneratorHealth.Limit;
import org.junit.jupiter.api.Test;

/**
 * The verdict says who limited a load: the harness (it could not keep the schedule for its own
 * reasons), the system (it held the sender up: a blocked submit, the in-flight cap, due sends never
 * made, clients timing out), or nobody; a closed load always says that its latency omits queueing.
 */
class LoadVerdictsTest {

    private static final double THRESHOLD_US = 1_000;
    private static final double SHARE = 0.001;

    private static GeneratorHealth open(long intended, long late, long behindSubmit, long refused, long notSent,
                                        double p99Micros, boolean stuck) {
        return LoadVerdicts.open(intended, late, behindSubmit, refused, notSent, 20, p99Micros, 9_000, 0.1,
                THRESHOLD_US, SHARE, stuck);
    }

    @Test
    void aHeldScheduleLimitsNobody() {
        GeneratorHealth h = open(100_000, 10, 0, 0, 0, 20, false);
        assertEquals(Limit.NONE, h.limitedBy());
        assertFalse(h.limited());
        assertTrue(h.verdict().startsWith("schedule held"), h.verdict());
        assertEquals("", h.closedModelNote());
    }

    @Test
    void zeroSendsLimitNobody() {
        assertEquals(Limit.NONE, open(0, 0, 0, 0, 0, 0, false).limitedBy());
    }

    @Test
    void lagP99AboveTheThresholdIsTheHarness() {
        GeneratorHealth h = open(100_000, 2_000, 0, 0, 0, 5_000, false);
        assertEquals(Limit.HARNESS, h.limitedBy());
        assertTrue(h.generatorLimited());
        assertTrue(h.verdict().startsWith("harness-limited"), h.verdict());
        assertTrue(h.verdict().contains("not the system's"), h.verdict());
    }

    @Test
    void lateSendsOfTheHarnessAloneSayTheLoadWasBurstier() {
        GeneratorHealth h = open(100_000, 500, 0, 0, 0, 800, false);
        assertEquals(Limit.HARNESS, h.limitedBy());
        assertTrue(h.verdict().contains("burstier"), h.verdict());
    }

    @Test
    void sendsLateBehindABlockedSubmitBlameTheSystemNotTheGenerator() {
        // the same lateness as above, but every late send waited behind a submit that blocked
        GeneratorHealth h = open(100_000, 2_000, 2_000, 0, 0, 5_000, false);
        assertEquals(Limit.SYSTEM, h.limitedBy());
        assertFalse(h.generatorLimited(), "the rate shown is the system's");
        assertTrue(h.verdict().startsWith("system-limited"), h.verdict());
        assertTrue(h.verdict().contains("blocked submit()"), h.verdict());
    }

    @Test
    void refusedAndNeverSentTransactionsBlameTheSystem() {
        assertEquals(Limit.SYSTEM, open(100_000, 0, 0, 500, 0, 20, false).limitedBy());
        GeneratorHealth notSent = open(3_000, 0, 0, 0, 2_900, 20, false);
        assertEquals(Limit.SYSTEM, notSent.limitedBy());
        assertTrue(notSent.verdict().contains("never sent (2900)"), notSent.verdict());
        assertEquals(2_900, notSent.notSent());
    }

    @Test
    void aSubmitThatNeverReturnedBlamesTheSystemWhateverTheShares() {
        assertEquals(Limit.SYSTEM, open(100_000, 0, 0, 0, 0, 20, true).limitedBy());
    }

    @Test
    void sharesAtTheLimitAreNotLimitedAndAboveItAre() {
        assertEquals(Limit.NONE, open(1_000_000, 1_000, 0, 0, 0, 1_000, false).limitedBy());
        assertEquals(Limit.HARNESS, open(1_000_000, 1_001, 0, 0, 0, 999, false).limitedBy());
        assertEquals(Limit.SYSTEM, open(1_000_000, 0, 0, 600, 401, 20, false).limitedBy());
    }

    @Test
    void aClosedLoadAlwaysCarriesTheCoordinatedOmissionNote() {
        GeneratorHealth h = LoadVerdicts.closed(10_000, 0, 2, 2, 0.3, SHARE);
        assertEquals(Limit.NONE, h.limitedBy());
        assertTrue(h.verdict().contains("coordinated omission by design"), h.verdict());
        assertEquals(GeneratorHealth.CLOSED_MODEL_NOTE, h.closedModelNote());
    }

    @Test
    void closedClientsThatTimeOutSaturateTheSystem() {
        GeneratorHealth h = LoadVerdicts.closed(5_000, 361, 500, 2, 0.2, SHARE);
        assertEquals(Limit.SYSTEM, h.limitedBy());
        assertTrue(h.verdict().contains("361 of 5000"), h.verdict());
        assertTrue(h.verdict().contains("coordinated omission"), h.verdict());
    }

    @Test
    void manyBusyClientsOnFewCoresAreTheHarness() {
        GeneratorHealth h = LoadVerdicts.closed(5_000, 361, 500, 2, 0.9, SHARE);
        assertEquals(Limit.HARNESS, h.limitedBy());
        assertTrue(h.verdict().contains("500 client threads on 2 cores"), h.verdict());
        assertEquals(Limit.NONE, LoadVerdicts.closed(5_000, 0, 8, 2, 0.9, SHARE).limitedBy(),
                "a few busy clients are the benchmark, not a saturation");
    }
}
