package dev.vernier.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vernier.api.FaultPlan;
import dev.vernier.api.LoadModel;
import dev.vernier.api.Phase;
import dev.vernier.api.Scenario;
import dev.vernier.api.TransactionMix;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScenarioJsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void everySettingRoundTrips() {
        Scenario s = Scenario.builder("rich").warmup(Duration.ofMillis(1500)).duration(Duration.ofSeconds(7))
                .iterations(3).load(new LoadModel.StepSearch(100, 50, 0.9, 0.7, 5_000))
                .mix(TransactionMix.builder().add("put", 3, 256).add("get", 1, 0).build())
                .timeout(Duration.ofMillis(750)).phases(Phase.THROUGHPUT, Phase.FAULT_TOLERANCE).seed(-7)
                .maxInFlight(123).snapshotInterval(Duration.ofMillis(250)).throughputInterval(Duration.ofMillis(700))
                .latencySamples(900).percentiles(50, 99, 99.99).lagThreshold(Duration.ofMillis(2)).maxLateShare(0.01)
                .resourceSampleInterval(Duration.ofMillis(500)).clusterSizes(1, 3, 5)
                .faultPlan(FaultPlan.builder().crashNodeAt(Duration.ofSeconds(2), "n2").healAt(Duration.ofSeconds(4))
                        .build())
                .build();
        assertEquals(s, ScenarioJson.fromTree(ScenarioJson.toTree(s), "s"));
        for (LoadModel load : List.of(LoadModel.constantRate(12.5), LoadModel.linearRamp(10, 20),
                LoadModel.closed(4, Duration.ofMillis(3)))) {
            Scenario t = Scenario.builder("t").load(load).build();
            assertEquals(t, ScenarioJson.fromTree(ScenarioJson.toTree(t), "t"), load.toString());
        }
    }

    @Test
    void friendlyDurationsAreAccepted() throws Exception {
        JsonNode tree = MAPPER.readTree("{\"name\":\"d\",\"warmup\":\"250ms\",\"duration\":3,\"timeout\":\"1.5s\","
                + "\"load\":{\"model\":\"closed\",\"clients\":2,\"thinkTime\":\"2ms\"}}");
        Scenario s = ScenarioJson.fromTree(tree, "d");
        assertEquals(Duration.ofMillis(250), s.warmup());
        assertEquals(Duration.ofSeconds(3), s.duration());
        assertEquals(Duration.ofMillis(1500), s.timeout());
        assertEquals(LoadModel.closed(2, Duration.ofMillis(2)), s.load());
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsPath() throws Exception {
        JsonNode tree = MAPPER.readTree("{\"name\":\"bad\",\"duraton\":\"2s\",\"iterations\":0,"
                + "\"load\":{\"model\":\"constantRate\",\"opsPerSecond\":-5},"
                + "\"mix\":[{\"name\":\"a\",\"weight\":1},{\"name\":\"b\",\"payloadBytes\":\"x\"}],"
                + "\"phases\":[\"THROUGHPUT\",\"LATNCY\"],\"timeout\":\"soon\"}");
        List<String> problems = new ArrayList<>();
        assertNull(ScenarioJson.fromTree(tree, "scenarios[2]", problems));
        String all = String.join("\n", problems);
        assertTrue(all.contains("scenarios[2].duraton: is not a known setting; did you mean 'duration'?"), all);
        assertTrue(all.contains("scenarios[2].iterations: iterations must be"), all);
        assertTrue(all.contains("scenarios[2].load: load.opsPerSecond must be between"), all);
        assertTrue(all.contains("scenarios[2].mix[1].payloadBytes: must be an integer, but was \"x\""), all);
        assertTrue(all.contains("scenarios[2].phases[1]: must be one of"), all);
        assertTrue(all.contains("did you mean 'LATENCY'?"), all);
        assertTrue(all.contains("scenarios[2].timeout: must be a duration"), all);
        assertEquals(6, problems.size(), all);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ScenarioJson.fromTree(tree, "scenarios[2]"));
        assertEquals(all, e.getMessage().replace(System.lineSeparator(), "\n"));
    }

    @Test
    void anUnknownLoadModelNamesTheKnownOnes() throws Exception {
        JsonNode tree = MAPPER.readTree("{\"name\":\"x\",\"load\":{\"model\":\"constantrate\",\"opsPerSecond\":5}}");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ScenarioJson.fromTree(tree, "s"));
        assertTrue(e.getMessage().contains("s.load.model: must be one of [closed, constantRate, linearRamp, stepSearch]"
                + ", but was \"constantrate\"; did you mean 'constantRate'?"), e.getMessage());
    }
}
