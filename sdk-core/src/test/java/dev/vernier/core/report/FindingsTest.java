package dev.vernier.core.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vernier.core.hlog.HistogramMerge;
import dev.vernier.core.report.Findings.Grade;
import dev.vernier.core.report.Findings.Status;
import dev.vernier.core.result.ScenarioResult;
import dev.vernier.testkit.Golden;
import dev.vernier.testkit.ReportFixtures;
import java.util.List;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FindingsTest {

    private static final List<ScenarioResult> MAIN = ReportFixtures.mainExample();

    @ParameterizedTest(name = "{0} of {1} met, hard failure {2}: {3}")
    @CsvSource({"6,6,false,A", "5,6,false,B", "4,5,false,B", "3,5,false,C", "2,5,false,D", "1,5,false,F",
        "0,0,false,NONE", "6,6,true,F"})
    void gradeIsTheShareOfMeasuredTargetsMet(int met, int measured, boolean hard, Grade grade) {
        assertEquals(grade, Grade.of(met, measured, hard));
    }

    @Test
    void gradeRefusesImpossibleCounts() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Grade.of(4, 3, false));
        assertEquals("met must be in [0, measured=3], but was 4", e.getMessage());
    }

    @Test
    void defaultTargetsAreTheSourceDocuments() {
        Targets t = Targets.defaults();
        assertEquals(List.of(50.0, 200.0, 500.0, 0.01, 80.0, 2048.0, 3.0, 35.0), List.of(t.p50Ms(), t.p95Ms(), t.p99Ms(),
                t.errorRate(), t.cpuPercent(), t.memoryPerNodeMb(), t.throughputGain(), t.latencyReductionPercent()));
        assertEquals(null, t.throughputFloorOpsPerSecond());
        assertEquals(t, t.toBuilder().build());
        IllegalArgumentException cpu = assertThrows(IllegalArgumentException.class,
                () -> Targets.builder().cpuPercent(120).build());
        assertEquals("cpuPercent must be in (0, 100], but was 120.0", cpu.getMessage());
        IllegalArgumentException p99 = assertThrows(IllegalArgumentException.class,
                () -> Targets.builder().p99Ms(Double.NaN).build());
        assertEquals("p99Ms must be positive and finite, but was NaN", p99.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Targets.builder().errorRate(1.5).build());
    }

    /** The latency figures of the findings, re-read from the result's encoded histogram. */
    @Test
    void latencyChecksAreTheMergedHistogramsPercentiles() {
        ScenarioResult latency = MAIN.get(1);
        Findings f = Findings.of(latency, Targets.defaults());
        Histogram h = HistogramMerge.decode(latency.latency().encodedHistogram(), "fixture");
        assertEquals(h.getValueAtPercentile(50) / 1e6, check(f, "p50 latency").observed());
        assertEquals(h.getValueAtPercentile(99) / 1e6, check(f, "p99 latency").observed());
        long committed = latency.latency().iterations().stream().mapToLong(i -> i.outcomes().committed()).sum();
        long all = latency.latency().iterations().stream().mapToLong(i -> i.outcomes().total()).sum();
        assertEquals((double) committed / all, f.successRate(), 1e-12, "success rate, re-counted from iterations");
        assertEquals(Status.NOT_MEASURED, check(f, "process CPU").status(), "no resources phase");
        assertEquals(Grade.A, f.grade());
        assertEquals("4 of 4 measured targets met (100%)", f.gradeReason());
    }

    @Test
    void cpuAboveTargetIsMissedNamedAsBottleneckAndGradesDown() {
        Findings f = Findings.of(MAIN.get(2), Targets.defaults());
        assertEquals(Status.MISSED, check(f, "process CPU").status());
        assertEquals(86.5, check(f, "process CPU").observed());
        assertEquals(Status.NOT_MEASURED, check(f, "p99 latency").status(), "closed-loop capacity runs have no"
                + " merged latency histogram");
        assertEquals(Grade.C, f.grade(), "2 of 3 met");
        assertEquals("process.cpu", f.bottlenecks().get(0).rule());
        assertTrue(f.recommendations().get(0).action().startsWith("The process is CPU bound"));
        Findings lenient = Findings.of(MAIN.get(2), Targets.builder().cpuPercent(90).build());
        assertEquals(Grade.A, lenient.grade());
    }

    @Test
    void everyPhaseFiresTheTailScalingAndWarningRules() {
        Findings f = Findings.of(ReportFixtures.everyPhase(), Targets.builder().throughputFloorOpsPerSecond(1_000.0)
                .build());
        String rules = f.bottlenecks().stream().map(Findings.BottleneckFinding::rule).collect(Collectors.joining(","));
        assertTrue(rules.contains("latency tail"), rules);
        assertTrue(rules.contains("clamped latency"), rules);
        assertTrue(f.recommendations().stream().anyMatch(r -> r.action().startsWith("Raise the scenario's timeout")));
        assertEquals(Status.MET, check(f, "sustainable throughput").status());
        Findings high = Findings.of(ReportFixtures.everyPhase(), Targets.builder().throughputFloorOpsPerSecond(5_000.0)
                .build());
        assertEquals(Status.MISSED, check(high, "sustainable throughput").status());
        for (int i = 1; i < f.bottlenecks().size(); i++) {
            assertTrue(f.bottlenecks().get(i - 1).severity().compareTo(f.bottlenecks().get(i).severity()) <= 0,
                    "highest severity first");
        }
    }

    /** The gain, re-computed from the results' own figures and histograms. */
    @Test
    void gainOfTheMainExampleAgainstTheSeedTargets() {
        Gain g = Gain.of(MAIN.get(0), MAIN.get(2), MAIN.get(1), MAIN.get(3), Targets.defaults());
        assertEquals(MAIN.get(2).throughput().averageOpsPerSecond() / MAIN.get(0).throughput().averageOpsPerSecond(),
                g.throughputRatio(), 1e-12);
        assertFalse(g.throughputMet(), "2.83x < 3x");
        Histogram before = HistogramMerge.decode(MAIN.get(1).latency().encodedHistogram(), "before");
        Histogram after = HistogramMerge.decode(MAIN.get(3).latency().encodedHistogram(), "after");
        double b50 = before.getValueAtPercentile(50);
        double p50 = 100 * (b50 - after.getValueAtPercentile(50)) / b50;
        assertEquals(p50, g.headlineLatency().orElseThrow().reductionPercent(), 1e-9);
        assertFalse(g.latencyMet(), "p50 33.7% < 35%");
        assertTrue(g.statistics().stream().anyMatch(s -> s.startsWith("throughput: ") && s.endsWith("IMPROVED")),
                g.statistics().toString());
        Gain reversed = Gain.of(MAIN.get(2), MAIN.get(0), MAIN.get(3), MAIN.get(1), Targets.defaults());
        assertTrue(reversed.headlineLatency().orElseThrow().reductionPercent() < 0, "slower after: negative reduction");
        assertTrue(reversed.throughputRatio() < 1);
        Gain met = Gain.of(MAIN.get(0), MAIN.get(2), MAIN.get(1), MAIN.get(3),
                Targets.builder().throughputGain(2.5).latencyReductionPercent(30).build());
        assertTrue(met.throughputMet() && met.latencyMet());
    }

    @Test
    void tuningHistoryGivesRecommendations() {
        List<Findings.Recommendation> recs = Findings.recommendations(ReportFixtures.tuning());
        assertTrue(recs.get(0).action().startsWith("Apply the tuned configuration {maxBatchSize=64, pipelining=true}"
                + " (measured gain +184.2%, interval +171.0% to +197.5%)"), recs.get(0).action());
        assertTrue(recs.stream().anyMatch(r -> r.action().startsWith("Do not apply maxBatchSize=256")));
        TuningTrajectory nothing = new TuningTrajectory("throughput", "ops/s", true, List.of(),
                List.of(new TuningTrajectory.Window(0, "a=1", 10, java.util.Map.of(), TuningTrajectory.Decision.BASELINE,
                        ""), new TuningTrajectory.Window(1, "a=2", 9, java.util.Map.of(),
                        TuningTrajectory.Decision.REVERTED, "worse")), java.util.Map.of("a", 1), java.util.Map.of("a", 1),
                null, null, null, "COMPLETED");
        assertTrue(Findings.recommendations(nothing).get(0).action().startsWith("Keep the current configuration"));
    }

    @Test
    void findingsMarkdownMatchesItsGoldenFile() {
        StringBuilder md = new StringBuilder();
        for (ScenarioResult r : MAIN) {
            md.append("## ").append(r.suite()).append(" / ").append(r.scenarioName()).append("\n\n")
                    .append(FindingsMarkdown.render(Findings.of(r, Targets.defaults())));
        }
        md.append(FindingsMarkdown.render(Gain.of(MAIN.get(0), MAIN.get(2), MAIN.get(1), MAIN.get(3),
                Targets.defaults())));
        md.append(FindingsMarkdown.render(Findings.of(ReportFixtures.everyPhase(), Targets.defaults(),
                ReportFixtures.tuning())));
        Golden.assertMatches("findings.md", md.toString());
    }

    @Test
    void markdownReportWithTargetsPutsFindingsUnderItsHeading() {
        ScenarioResult r = MAIN.get(1);
        String md = new MarkdownReport().render(r, Targets.defaults());
        assertTrue(md.startsWith("## raft / raft-latency-500\n\n### Key findings\n\n- **Overall grade**: A"), md);
        assertTrue(md.endsWith(new MarkdownReport().render(r).substring(("## raft / raft-latency-500\n\n").length())));
        Golden.assertMatches("markdown-with-findings.md", md);
    }

    private static Findings.TargetCheck check(Findings f, String name) {
        return f.checks().stream().filter(c -> c.target().equals(name)).findFirst().orElseThrow();
    }
}
