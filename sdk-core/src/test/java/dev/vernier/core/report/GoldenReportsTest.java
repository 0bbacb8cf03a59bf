package dev.vernier.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vernier.api.FaultPlan;
import dev.vernier.api.LoadModel;
import dev.vernier.api.Phase;
import dev.vernier.api.Scenario;
import dev.vernier.api.TransactionMix;
import dev.vernier.core.Vernier;
import dev.vernier.core.result.ConsistencyCheck;
import dev.vernier.core.result.FaultEvent;
import dev.vernier.core.result.FaultToleranceResult;
import dev.vernier.core.result.GeneratorHealth;
import dev.vernier.core.result.Outcomes;
import dev.vernier.core.result.ScalabilityResult;
import dev.vernier.core.result.ScalePoint;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.testkit.ManualClock;
import dev.vernier.testkit.ScriptedSuite;
import dev.vernier.testkit.ScriptedSuite.Script;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JSON and Markdown reports of one fixed result, compared byte for byte with the files in
 * {@code src/test/resources/golden}. The result is made by the engine itself on a manual clock
 * against a scripted suite (so the same bytes come out on any machine), with a scalability and a
 * fault-tolerance part written out by hand. A deliberate change to a format is accepted by
 * regenerating the files and reviewing the diff:
 *
 * <pre>
 * mvn -q -pl sdk-api,sdk-testkit,sdk-core test -Dtest=GoldenReportsTest -Dsurefire.failIfNoSpecifiedTests=false -Dvernier.golden.update=true
 * </pre>
 */
class GoldenReportsTest {

    private static final Path DIR = Path.of("src/test/resources/golden");
    private static final long MS = 1_000_000L;
    private static ScenarioResult result;

    @BeforeAll
    static void fixedResult() {
        ManualClock clock = new ManualClock();
        // 0.7 ms service; one type in five is rejected; a stall from 400 to 460 ms; completions never
        // fall on a boundary, so every run cuts the same intervals
        ScriptedSuite suite = new ScriptedSuite("golden", clock, (tx, now) -> {
            if (tx.typeIndex() == 1 && tx.id() % 5 == 0) {
                return new Script.Reject(300_000, "not leader");
            }
            long inRun = now % (1_000 * MS);
            return inRun >= 400 * MS && inRun < 460 * MS ? new Script.Commit(460 * MS - now + 700_000)
                    : new Script.Commit(700_000);
        });
        Scenario s = Scenario.builder("golden").warmup(Duration.ofMillis(100)).duration(Duration.ofSeconds(1))
                .iterations(2).load(LoadModel.constantRate(500)).timeout(Duration.ofMillis(200))
                .throughputInterval(Duration.ofMillis(250)).mix(TransactionMix.builder().add("put", 3, 64)
                        .add("get", 1, 0).build())
                .phases(Phase.THROUGHPUT, Phase.LATENCY).seed(7).build();
        ScenarioResult measured;
        try (Vernier v = Vernier.builder().register(suite).clock(clock).threadFactory(clock.threadFactory())
                .wallClock(Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC)).build()) {
            measured = clock.runAdvancing(() -> v.run("golden", s));
        }
        GeneratorHealth held = measured.throughput().generator();
        ScalabilityResult scalability = new ScalabilityResult(LoadModel.closed(8), List.of(
                new ScalePoint(1, 9_000, 0.8, 2.5, 0.0, 1.0, GeneratorHealth.closedModel()),
                new ScalePoint(3, 7_500, 1.1, 3.9, 0.001, 0.2778, GeneratorHealth.closedModel()),
                new ScalePoint(5, 6_000, 1.6, 6.2, 0.004, 0.1333, GeneratorHealth.closedModel())),
                null, "a Universal Scalability Law fit needs at least 4 sizes to be trusted, measured 3");
        FaultToleranceResult faults = new FaultToleranceResult(LoadModel.constantRate(500), List.of(
                new FaultEvent(1.0, FaultPlan.Action.CRASH_LEADER.name(), List.of("n0"), null),
                new FaultEvent(2.0, FaultPlan.Action.RESTART_CRASHED.name(), List.of("n0"), null)), List.of(),
                500, 0, 100, 0.5, new Outcomes(120, 30, 0, 5, 0, 0, 0), new Outcomes(1_400, 30, 0, 5, 0, 0, 0),
                new ConsistencyCheck(true, 1_555, "3 replicas agree on 1555 entries"), held);
        result = new ScenarioResult(measured.schemaVersion(), measured.suite(), measured.scenario(),
                measured.startedAtEpochMillis(), measured.elapsedSeconds(), measured.throughput(), measured.latency(),
                null, scalability, faults, measured.warnings());
    }

    private static void compare(String file, String actual) throws IOException {
        Path path = DIR.resolve(file);
        if (Boolean.getBoolean("vernier.golden.update")) {
            Files.createDirectories(DIR);
            Files.writeString(path, actual, StandardCharsets.UTF_8);
        }
        String expected = Files.readString(path, StandardCharsets.UTF_8);
        assertEquals(expected, actual, file + " differs from the golden file; if the change is meant, regenerate"
                + " with -Dvernier.golden.update=true (see this test's javadoc) and review the diff");
    }

    @Test
    void jsonReportMatchesTheGoldenFile() throws IOException {
        compare("result.json", new JsonReport().write(result));
    }

    @Test
    void markdownReportMatchesTheGoldenFile() throws IOException {
        compare("result.md", new MarkdownReport().render(result));
    }

    @Test
    void theGoldenJsonReadsBackToTheSameReport() throws IOException {
        JsonReport json = new JsonReport();
        ScenarioResult back = json.read(Files.readString(DIR.resolve("result.json"), StandardCharsets.UTF_8));
        assertEquals(new MarkdownReport().render(result), new MarkdownReport().render(back));
    }
}
