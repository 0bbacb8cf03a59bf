package dev.vernier.optimizer;

import dev.vernier.api.tuning.Metric;
import dev.vernier.api.tuning.Parameter;
import dev.vernier.api.tuning.ParameterRole;
import dev.vernier.api.tuning.ParameterSpace;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The source documents' rules find the knob by its role, whatever the library calls it. */
class AdvisorRoleTest {

    private static TuningReport run(ParameterSpace space, Measurement w) {
        Sim sys = new Sim(space);
        return TuningSession.builder(sys, c -> w).maxWindows(6).verifyRounds(0).shutdownHook(false).build().run();
    }

    private static final Measurement DEGRADED = new Measurement(Map.of(Metric.THROUGHPUT, 1000.0), List.of(),
            Map.of(Measurement.MAX_THROUGHPUT, 2000.0, Measurement.OPTIMAL_THROUGHPUT, 1000.0));

    @Test
    void throughputDegradationDoublesTheBatchSizeWhateverItsName() {
        ParameterSpace ratisLike = ParameterSpace.of(Parameter.integer("requestTimeoutMs", 10, 5000, 100),
                Parameter.integer("maxEntriesSize", 1, 4096, 8).logScaled().withRole(ParameterRole.BATCH_SIZE));
        TuningStep first = run(ratisLike, DEGRADED).steps().get(1);
        assertEquals(Proposal.Source.ADVISOR, first.proposal().source());
        assertTrue(first.proposal().rationale().startsWith("THROUGHPUT_DEGRADATION on 'maxEntriesSize' (BATCH_SIZE)"),
                first.proposal().rationale());
        assertEquals(16, first.proposal().configuration().get("maxEntriesSize"));
        assertEquals(100, first.proposal().configuration().get("requestTimeoutMs"));
    }

    @Test
    void aParameterNamedBatchButWithoutTheRoleIsNotAdvised() {
        ParameterSpace space = ParameterSpace.of(Parameter.integer("batchSize", 1, 4096, 8).logScaled());
        TuningStep first = run(space, DEGRADED).steps().get(1);
        assertNotEquals(Proposal.Source.ADVISOR, first.proposal().source());
    }

    @Test
    void tailLatencyDeepensThePipelineWindowAndResourcePressureHalvesConcurrency() {
        ParameterSpace space = ParameterSpace.of(
                Parameter.integer("inflight", 1, 64, 4).withRole(ParameterRole.PIPELINE_WINDOW),
                Parameter.integer("ioThreads", 1, 64, 16).withRole(ParameterRole.CONCURRENCY));
        Measurement tail = new Measurement(Map.of(Metric.THROUGHPUT, 1000.0, Metric.P50_LATENCY_MS, 1.0,
                Metric.P99_LATENCY_MS, 20.0), List.of(), Map.of(Measurement.RESOURCE_PRESSURE, 0.9));
        TuningReport r = run(space, tail);
        assertTrue(r.steps().get(1).proposal().rationale().startsWith("LATENCY_TAIL on 'inflight'"),
                r.steps().get(1).proposal().rationale());
        assertEquals(8, r.steps().get(1).proposal().configuration().get("inflight"));
        assertTrue(r.steps().get(2).proposal().rationale().startsWith("RESOURCE_CONSTRAINT on 'ioThreads'"),
                r.steps().get(2).proposal().rationale());
        assertEquals(8, r.steps().get(2).proposal().configuration().get("ioThreads"));
    }
}
