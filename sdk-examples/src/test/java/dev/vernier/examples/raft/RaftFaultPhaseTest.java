package dev.vernier.examples.raft;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.FaultPlan;
import dev.vernier.api.LoadModel;
import dev.vernier.api.Phase;
import dev.vernier.api.Scenario;
import dev.vernier.core.Vernier;
import dev.vernier.core.result.FaultEvent;
import dev.vernier.core.result.FaultToleranceResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The FAULT_TOLERANCE phase against the real Raft example: a leader crash costs an election, then commits resume. */
class RaftFaultPhaseTest {

    @Test
    void leaderCrashDipsThroughputThenANewLeaderRestoresItAndReplicasAgree() {
        Scenario s = Scenario.builder("leader-crash").warmup(Duration.ofMillis(500)).duration(Duration.ofSeconds(4))
                .throughputInterval(Duration.ofMillis(200)).load(LoadModel.constantRate(500)).timeout(Duration.ofSeconds(2))
                .faultPlan(FaultPlan.builder().crashLeaderAt(Duration.ofMillis(1500))
                        .restartCrashedAt(Duration.ofMillis(3000)).build())
                .phases(Phase.FAULT_TOLERANCE).build();
        try (RaftSuite raft = RaftSuite.builder().nodes(3).seed(9).maxBatchSize(16).pipelining(true).build();
             Vernier vernier = Vernier.builder().register(raft).build()) {
            FaultToleranceResult f = vernier.run("raft", s).faultTolerance();
            assertEquals("CRASH_LEADER", f.events().get(0).action());
            assertNull(f.events().get(0).error(), f.events().toString());
            assertTrue(f.events().stream().map(FaultEvent::action).anyMatch("RESTART_CRASHED"::equals));
            assertEquals(500, f.preFaultOpsPerSecond(), 75, "the open load was held before the crash");
            assertTrue(f.dipPercent() > 30, "an election stops commits for a while: dip " + f.dipPercent());
            assertNotNull(f.recoverySeconds(), "a new leader takes over within the run");
            assertTrue(f.recoverySeconds() < 2.0, "recovered in " + f.recoverySeconds() + " s");
            assertNotNull(f.consistency());
            assertTrue(f.consistency().consistent(), f.consistency().detail());
            assertTrue(f.consistency().committedPrefix() > 500, "prefix " + f.consistency().committedPrefix());
        }
    }
}
