package dev.vernier.optimizer;

import dev.vernier.core.report.HtmlReport;
import dev.vernier.core.report.ReportSet;
import dev.vernier.core.report.TuningTrajectory;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tuning report becomes the neutral trajectory sdk-core's reports draw, step for step. */
class TrajectoriesTest {

    @Test
    void everyStepBecomesAWindowWithItsObjectiveConstrainedFiguresAndDecision() {
        TuningReport r = FixedReport.report();
        TuningTrajectory t = Trajectories.of(r, FixedReport.OBJECTIVE);

        assertEquals("throughput", t.objective());
        assertEquals("ops/s", t.unit());
        assertTrue(t.maximise());
        assertEquals(List.of("p99 <= 300 ms", "error rate <= 0.01 share"),
                t.constraints().stream().map(TuningTrajectory.Constraint::describe).toList());
        assertEquals(r.steps().size(), t.windows().size());
        List<TuningTrajectory.Decision> decisions = t.windows().stream().map(TuningTrajectory.Window::decision).toList();
        assertEquals(List.of(TuningTrajectory.Decision.BASELINE, TuningTrajectory.Decision.KEPT,
                TuningTrajectory.Decision.KEPT, TuningTrajectory.Decision.REVERTED_CONSTRAINT), decisions);
        TuningTrajectory.Window broke = t.windows().get(3);
        assertEquals("maxBatchSize=512, pipelining=true", broke.configuration());
        assertEquals(11_800, broke.objective());
        assertEquals(420.0, broke.figures().get("p99"));
        assertTrue(broke.reason().startsWith("breaks P99_LATENCY_MS"), broke.reason());
        // the headline is the verification's gain with its interval, in percent
        assertEquals(100 * (14.14 - 1), t.gainPercent(), 1e-9);
        assertEquals(100 * (12.9 - 1), t.gainLowPercent(), 1e-9);
        assertEquals(100 * (15.5 - 1), t.gainHighPercent(), 1e-9);
        assertEquals("BUDGET_USED", t.outcome());
        assertEquals(r.finalConfiguration(), t.finalConfiguration());
    }

    @Test
    void aSessionThatKeptNothingHasNoGainAndNoInterval() {
        TuningReport fixed = FixedReport.report();
        TuningReport nothing = new TuningReport(TuningReport.Outcome.CONVERGED, "nothing new", null,
                fixed.startConfiguration(), fixed.startConfiguration(), fixed.baseline(), fixed.baseline(),
                fixed.steps().subList(0, 1), 2, null, 1.0, null);
        TuningTrajectory t = Trajectories.of(nothing, FixedReport.OBJECTIVE);
        assertEquals(0.0, t.gainPercent());
        assertNull(t.gainLowPercent());
    }

    @Test
    void theHtmlReportDrawsTheTrajectory() {
        TuningTrajectory t = Trajectories.of(FixedReport.report(), FixedReport.OBJECTIVE);
        String html = new HtmlReport().render(ReportSet.builder("tuning").tuning(t).build());
        assertTrue(html.contains("Tuning session") && html.contains("maxBatchSize=512, pipelining=true")
                && html.contains("p99 &lt;= 300 ms"), "the section, a window and the constraint");
    }
}
