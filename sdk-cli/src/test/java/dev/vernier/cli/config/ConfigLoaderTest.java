package dev.vernier.cli.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.api.FaultPlan;
import dev.vernier.api.LoadModel;
import dev.vernier.api.Phase;
import dev.vernier.api.Scenario;
import dev.vernier.api.tuning.Metric;
import dev.vernier.api.tuning.Tunable;
import dev.vernier.cli.fixtures.DelaySuite;
import dev.vernier.cli.fixtures.NoArgSuite;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Reading configuration files: what is accepted, and every problem reported with its path. */
class ConfigLoaderTest {

    static BenchmarkConfig load(String yaml) {
        return load(yaml, ConfigLoader.Options.defaults());
    }

    static BenchmarkConfig load(String yaml, ConfigLoader.Options options) {
        return ConfigLoader.parse(yaml, Path.of("test.yaml"), options);
    }

    static List<String> problems(String yaml) {
        return assertThrows(ConfigException.class, () -> load(yaml)).problems();
    }

    static void hasProblem(List<String> problems, String expected) {
        assertTrue(problems.stream().anyMatch(p -> p.startsWith(expected)), "no problem starting with\n  " + expected
                + "\nin\n  " + String.join("\n  ", problems));
    }

    private static final String MINIMAL = """
            suites: [raft]
            scenarios:
              - name: steady
            """;

    @Test
    void theSmallestFileRunsOneScenarioWithDefaultsAndTheSeedsTargets() {
        BenchmarkConfig c = load(MINIMAL);
        assertEquals(1, c.suites().size());
        assertEquals("raft", c.suites().get(0).name());
        Scenario s = c.scenarios().get(0).scenario();
        assertEquals(Scenario.builder("steady").build(), s);
        assertEquals(500, c.scenarios().get(0).targets().targets().p99Ms());
        assertEquals(Path.of("vernier-results"), c.output().directory());
        assertTrue(c.environment().check());
        assertNull(c.tuning());
    }

    @Test
    void everyScenarioOptionIsReadThroughScenarioJson() {
        BenchmarkConfig c = load("""
                suites: [raft]
                scenarios:
                  - name: everything
                    warmup: 500ms
                    duration: 4s
                    iterations: 3
                    load: {model: stepSearch, initialOpsPerSecond: 100, incrementOpsPerSecond: 50, maxOpsPerSecond: 900}
                    mix: [{name: put, weight: 3, payloadBytes: 256}, {name: get, weight: 1, payloadBytes: 0}]
                    timeout: 2s
                    phases: [THROUGHPUT, LATENCY, RESOURCES, SCALABILITY, FAULT_TOLERANCE]
                    seed: 99
                    maxInFlight: 5000
                    snapshotInterval: 250ms
                    throughputInterval: 1s
                    latencySamples: 1000
                    percentiles: [50, 99, 99.9]
                    lagThreshold: 2ms
                    maxLateShare: 0.01
                    resourceSampleInterval: 200ms
                    clusterSizes: [1, 3]
                    faultPlan: [{at: 1s, action: CRASH_LEADER}, {at: 3s, action: RESTART_CRASHED}]
                """);
        Scenario s = c.scenarios().get(0).scenario();
        assertEquals(Duration.ofMillis(500), s.warmup());
        assertEquals(3, s.iterations());
        assertInstanceOf(LoadModel.StepSearch.class, s.load());
        assertEquals(2, s.mix().types().size());
        assertEquals(5, s.phases().size());
        assertEquals(99, s.seed());
        assertEquals(List.of(1, 3), s.clusterSizes());
        assertEquals(FaultPlan.Action.RESTART_CRASHED, s.faultPlan().steps().get(1).action());
        assertEquals(Duration.ofMillis(200), s.resourceSampleInterval());
    }

    @Test
    void everyProblemIsReportedAtOnceWithItsPathAndLine() {
        List<String> p = problems("""
                version: 1
                suites:
                  - name: raft
                    properties: {nodes: 4, maxBatchSize: 0, pipelinning: true}
                scenarios:
                  - name: a
                  - name: a
                    duration: -1s
                  - name: c
                    load: {model: constantRate, opsPerSecond: -5}
                    mix: [{name: put, weight: 0}]
                    phases: [THROUGPUT]
                targets: {errorRate: 2, cpuPercent: 150, scalabilityFloors: {three: 250}}
                environment: {maxLoadPerCore: -1}
                output: {retention: forever}
                gate: {alpha: 0.7}
                alerts:
                  rules:
                    - {name: x, metric: latency_p100, above: 1}
                    - {name: y, metric: cpu, above: 1, below: 2, severity: urgent}
                """);
        hasProblem(p, "suites[0].properties.nodes: must be one of [1, 3, 5, 7], but was 4 (line 4)");
        hasProblem(p, "suites[0].properties.maxBatchSize: must be in [1, 4096], but was 0 (line 4)");
        hasProblem(p, "suites[0].properties.pipelinning: is not a known setting; did you mean 'pipelining'?");
        hasProblem(p, "scenarios[1].duration: must be positive");
        hasProblem(p, "scenarios[2].load.opsPerSecond: must be between 0.001 and 1.0E9 ops/s, but was -5.0 (line 10)");
        hasProblem(p, "scenarios[2].mix[0].weight: must be ");
        hasProblem(p, "scenarios[2].phases[0]: must be one of [THROUGHPUT, LATENCY, RESOURCES, SCALABILITY,"
                + " FAULT_TOLERANCE], but was \"THROUGPUT\"; did you mean 'THROUGHPUT'?");
        hasProblem(p, "targets.errorRate: must be between 0 and 1, but was 2 (line 13)");
        hasProblem(p, "targets.cpuPercent: must be at most 100");
        hasProblem(p, "targets.scalabilityFloors.three: must be a cluster size");
        hasProblem(p, "environment.maxLoadPerCore: must be between");
        hasProblem(p, "output.retention: must be a duration");
        hasProblem(p, "gate.alpha: must be in (0, 0.5), but was 0.7");
        hasProblem(p, "alerts.rules[0].metric: must be one of");
        hasProblem(p, "alerts.rules[1]: must have exactly one of above, below, atOrAbove, atOrBelow");
        hasProblem(p, "alerts.rules[1].severity: must be one of [info, warning, critical], but was 'urgent'");
        assertTrue(p.size() >= 16, String.join("\n", p));
    }

    @Test
    void scenarioNamesMustBeUniqueAndFiltersMustNameSuitesOfTheFile() {
        List<String> p = problems("""
                suites: [raft, gossip]
                scenarios:
                  - {name: a, suites: [raft, rafts]}
                  - {name: a}
                """);
        hasProblem(p, "scenarios[1].name: must be unique, but 'a' is used twice");
        hasProblem(p, "scenarios[0].suites[1]: must name a suite of the file [raft, gossip], but was 'rafts'; did you"
                + " mean 'raft'?");
    }

    @Test
    void capabilitiesAndClusterSizesAreCheckedBeforeAnythingRuns() {
        List<String> p = problems("""
                suites:
                  - pbft
                  - {name: plain, class: dev.vernier.cli.fixtures.NoArgSuite}
                scenarios:
                  - {name: scale, phases: [SCALABILITY], clusterSizes: [1, 3], suites: [pbft]}
                  - {name: crash, phases: [FAULT_TOLERANCE], suites: [plain]}
                """);
        hasProblem(p, "scenarios[0].clusterSizes: must be sizes suite 'pbft' supports [1, 4, 7], but [3] is not");
        hasProblem(p, "scenarios[1].phases: FAULT_TOLERANCE needs a suite that implements FaultInjector, but 'plain'"
                + " does not");
    }

    @Test
    void suitesByClassUseTheFactoryTheNoArgConstructorOrANamedFactory() {
        BenchmarkConfig c = load("""
                suites:
                  - {name: fast, class: dev.vernier.cli.fixtures.DelaySuite, properties: {delayMicros: 5}}
                  - {name: noarg, class: dev.vernier.cli.fixtures.NoArgSuite}
                  - {name: other, class: dev.vernier.cli.fixtures.NoArgSuite, factory: named, properties: {x: 1}}
                scenarios: [{name: s}]
                """);
        assertEquals(List.of("fast", "noarg", "other"), c.suites().stream().map(BenchmarkConfig.Suite::name).toList());
        assertEquals("fast", c.suites().get(0).suite().name(), "renamed: the results carry the file's name");
        assertInstanceOf(Tunable.class, c.suites().get(0).suite(), "the renamed suite keeps its capabilities");
        assertInstanceOf(NoArgSuite.class, c.suites().get(1).suite(), "same name: not wrapped");
        assertEquals("other", c.suites().get(2).suite().name());
    }

    @Test
    void suitesThatCannotBeMadeSayWhy() {
        List<String> p = problems("""
                suites:
                  - {name: a, class: com.example.Missing}
                  - {name: b, class: java.lang.String}
                  - {name: c, class: dev.vernier.cli.fixtures.NoArgSuite, properties: {x: 1}}
                  - {name: d, class: dev.vernier.cli.fixtures.DelaySuite, properties: {delayMicros: -1}}
                  - {name: e, class: dev.vernier.cli.fixtures.DelaySuite, factory: build}
                  - {name: f, builtin: raft, class: x.Y}
                  - {class: dev.vernier.cli.fixtures.NoArgSuite}
                scenarios: [{name: s}]
                """);
        hasProblem(p, "suites[0].class: must name a class on the class path, but 'com.example.Missing' cannot be loaded");
        hasProblem(p, "suites[1].class: must implement dev.vernier.api.ProtocolSuite, but java.lang.String does not");
        hasProblem(p, "suites[2].properties: must be empty: dev.vernier.cli.fixtures.NoArgSuite has no static create");
        hasProblem(p, "suites[3].properties: delayMicros must not be negative, but was -1");
        hasProblem(p, "suites[4].factory: must name a public static method");
        hasProblem(p, "suites[5]: must have builtin or class, but has both");
        hasProblem(p, "suites[6].name: must name the suite");
        assertEquals(DelaySuite.class, DelaySuite.create(Map.of()).getClass());
    }

    @Test
    void aProfileMergesIntoTheFileAndScalesEveryDurationTogether() {
        String yaml = """
                suites: [raft]
                scenarios:
                  - name: crash
                    warmup: 2s
                    duration: 10s
                    throughputInterval: 1s
                    phases: [FAULT_TOLERANCE]
                    faultPlan: [{at: 3s, action: CRASH_LEADER}, {at: 7s, action: RESTART_CRASHED}]
                  - name: other
                targets: {p99Ms: 500}
                profiles:
                  ci:
                    timeScale: 0.1
                    allScenarios: {iterations: 2}
                    scenarios: {other: {load: {model: closed, clients: 3}}}
                    targets: {p50Ms: 40}
                    suites: {raft: {properties: {nodes: 5}}}
                """;
        BenchmarkConfig c = load(yaml, new ConfigLoader.Options("ci", 0.5, List.of()));
        Scenario crash = c.scenarios().get(0).scenario();
        assertEquals(Duration.ofMillis(100), crash.warmup(), "2 s x 0.1 x 0.5");
        assertEquals(Duration.ofMillis(500), crash.duration());
        assertEquals(Duration.ofMillis(50), crash.throughputInterval());
        assertEquals(Duration.ofMillis(150), crash.faultPlan().steps().get(0).at());
        assertEquals(2, crash.iterations());
        assertEquals(LoadModel.closed(3), c.scenarios().get(1).scenario().load());
        assertEquals(40, c.scenarios().get(0).targets().targets().p50Ms());
        assertEquals(500, c.scenarios().get(0).targets().targets().p99Ms(), "merged, not replaced");
        assertEquals(5, ((dev.vernier.api.ClusterControl) c.suites().get(0).suite()).clusterSize());
        assertEquals(0.05, c.timeScale(), 1e-12);
        assertEquals(Duration.ofSeconds(10), load(yaml).scenarios().get(0).scenario().duration(), "no profile: as written");
    }

    @Test
    void profileProblemsAreReportedOnTheProfilesLines() {
        List<String> p = assertThrows(ConfigException.class, () -> load("""
                suites: [raft]
                scenarios: [{name: s}]
                profiles:
                  ci:
                    allScenarios: {duration: soon}
                    scenarios: {sss: {iterations: 2}}
                    timeScael: 2
                """, new ConfigLoader.Options("ci", 1, List.of()))).problems();
        hasProblem(p, "scenarios[0].duration: must be a duration such as \"PT2S\", \"250ms\" or \"2s\", but was \"soon\""
                + " (line 5)");
        hasProblem(p, "profiles.ci.scenarios.sss: must name one of the file's scenarios, but there is none called 'sss'");
        hasProblem(p, "profiles.ci.timeScael: is not a known setting; did you mean 'timeScale'?");
        List<String> missing = assertThrows(ConfigException.class, () -> load(MINIMAL,
                new ConfigLoader.Options("cii", 1, List.of()))).problems();
        hasProblem(missing, "profiles: must define the profile 'cii' given with --profile, but the file defines no profile");
    }

    @Test
    void scenarioTargetsRefineTheFilesTargetsAndFloorsAreKeptByClusterSize() {
        BenchmarkConfig c = load("""
                suites: [raft]
                scenarios:
                  - {name: a}
                  - {name: b, targets: {p99Ms: 100, scalabilityFloors: {3: 250}}}
                targets: {p50Ms: 20, throughputFloorOpsPerSecond: 300, scalabilityFloors: {1: 100}}
                """);
        BenchmarkConfig.TargetSet a = c.scenarios().get(0).targets();
        BenchmarkConfig.TargetSet b = c.scenarios().get(1).targets();
        assertEquals(20, a.targets().p50Ms());
        assertEquals(500, a.targets().p99Ms());
        assertEquals(300, a.targets().throughputFloorOpsPerSecond());
        assertEquals(20, b.targets().p50Ms());
        assertEquals(100, b.targets().p99Ms());
        assertEquals(Map.of(1, 100.0, 3, 250.0), b.scalabilityFloors());
        assertTrue(b.explicit().contains("p99Ms") && b.explicit().contains("p50Ms"));
    }

    @Test
    void theTuningSectionIsReadAndItsSettingsCheckedByTheOptimizer() {
        BenchmarkConfig c = load("""
                suites: [raft]
                scenarios: [{name: bench}]
                tuning:
                  parameters: [maxBatchSize, pipelining]
                  objective:
                    maximize: throughput
                    constraints: [{metric: p99LatencyMs, atMost: 300}, {metric: ERROR_RATE, atMost: 0.01}]
                  window: {duration: 1500ms, load: {model: closed, clients: 64}}
                  operatingPoint: {opsPerSecond: 200}
                  maxWindows: 12
                  verifyRounds: 2
                  settle: 200ms
                  seed: 7
                  benchmark: [bench]
                """);
        BenchmarkConfig.Tuning t = c.tuning();
        assertNotNull(t);
        assertEquals("raft", t.suite(), "the only suite");
        assertEquals(Metric.THROUGHPUT, t.objective().target());
        assertEquals(2, t.objective().constraints().size());
        assertEquals(Duration.ofMillis(1500), t.window().duration());
        assertEquals(Duration.ofMillis(300), t.window().throughputInterval(), "a fifth of the window by default");
        assertEquals(Map.of("maxWindows", 12, "verifyRounds", 2, "settle", Duration.ofMillis(200), "seed", 7L),
                t.settings());
        assertEquals(Duration.ZERO, t.window().warmup(), "no warm-up before each window unless asked for");
        assertEquals(new BenchmarkConfig.OperatingPoint(200, Duration.ofMillis(750)), t.operatingPoint(),
                "warm-up of half a window by default");
        assertEquals(java.util.Set.of(Phase.THROUGHPUT), t.window().phases());
        List<String> p = problems("""
                suites: [raft, gossip]
                scenarios: [{name: bench}]
                tuning:
                  suite: raft
                  parameters: [maxBatchSise]
                  objective: {maximize: goodput}
                  window: {duration: 100ms}
                  maxWindows: 1
                  keepThreshold: 20
                  verifyRounds: 51
                  operatingPoint: {opsPerSecond: 0}
                  benchmark: [bnch]
                """);
        hasProblem(p, "tuning.objective.maximize: must be one of [throughput, p50LatencyMs");
        hasProblem(p, "tuning.window.duration: must be at least 200 ms");
        hasProblem(p, "tuning.maxWindows: must be at least 2, but was 1");
        hasProblem(p, "tuning.keepThreshold: must be in [0, 10), but was 20.0");
        hasProblem(p, "tuning.verifyRounds: must be in [0, 50], but was 51");
        hasProblem(p, "tuning.operatingPoint.opsPerSecond: must be positive, but was 0");
        List<String> q = problems("""
                suites: [raft]
                scenarios: [{name: bench}]
                tuning: {parameters: [maxBatchSise], benchmark: [bnch]}
                """);
        hasProblem(q, "tuning.parameters[0]: must be a parameter of suite 'raft'");
        hasProblem(q, "tuning.benchmark[0]: must name a scenario of the file [bench], but was 'bnch'; did you mean 'bench'?");
    }

    @Test
    void aNewerFormatVersionAndUnknownRootKeysAreRejected() {
        hasProblem(problems("version: 2\n" + MINIMAL), "version: must be at most 1, but was 2");
        hasProblem(problems("sutes: [raft]\n" + MINIMAL), "sutes: is not a known setting; did you mean 'suites'?");
        assertFalse(load("x-anchors: {a: 1}\n" + MINIMAL).scenarios().isEmpty(), "x- keys are for anchors");
    }
}
