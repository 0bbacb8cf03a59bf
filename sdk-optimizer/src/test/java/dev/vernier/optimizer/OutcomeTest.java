package dev.vernier.optimizer;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A session uses its budget unless it says why not. */
class OutcomeTest {

    @Test
    void aSessionUsesItsBudgetAndSaysSo() {
        Sim sys = new Sim(Synthetic.SPACE);
        TuningReport r = TuningSession.builder(sys, sys.measurer(Synthetic::throughput, null, 0.05, 1, 1)).maxWindows(30)
                .seed(1).shutdownHook(false).build().run();
        assertEquals(TuningReport.Outcome.BUDGET_USED, r.outcome(), r.reason());
        assertTrue(r.windows() >= 29, "windows " + r.windows());
        assertTrue(r.reason().contains("30 windows"), r.reason());
        assertTrue(r.toMarkdown().contains("BUDGET_USED"));
    }

    @Test
    void noConfidentProposalStopsTheSessionOnlyWhenAskedAndSaysWhy() {
        Sim sys = new Sim(Synthetic.SPACE);
        List<TuningReport> finished = new ArrayList<>();
        TuningReport r = TuningSession.builder(sys, sys.measurer(Synthetic::throughput, null, 0.05, 1, 1)).maxWindows(30)
                .confidence(1.0).stopWhenNotConfident(true).advisors(false).seed(1).shutdownHook(false)
                .listener(new TuningListener() {
                    @Override
                    public void onFinished(TuningReport report) {
                        finished.add(report);
                    }
                }).build().run();
        assertEquals(TuningReport.Outcome.NO_CONFIDENT_PROPOSAL, r.outcome());
        assertTrue(r.reason().contains("confidence 1.00"), r.reason());
        assertEquals(1, r.steps().size(), "only the baseline was measured");
        assertEquals(TuningReport.Outcome.NO_CONFIDENT_PROPOSAL, finished.get(0).outcome());
    }

    @Test
    void withoutConfidentProposalsTheSessionExploresInLabelledStepsWithinTheStep() {
        Sim sys = new Sim(Synthetic.SPACE);
        TuningReport r = TuningSession.builder(sys, sys.measurer(Synthetic::throughput, null, 0.05, 1, 1)).maxWindows(30)
                .confidence(1.0).advisors(false).maxStep(0.25).seed(1).shutdownHook(false).build().run();
        assertFalse(r.outcome() == TuningReport.Outcome.NO_CONFIDENT_PROPOSAL);
        assertTrue(r.steps().size() > 3, r.steps().toString());
        for (TuningStep s : r.steps().subList(1, r.steps().size())) {
            assertEquals(Proposal.Source.EXPLORATION, s.proposal().source());
            assertTrue(s.proposal().rationale().startsWith("exploration"), s.proposal().rationale());
        }
    }

    @Test
    void aCandidateWindowInWhichNothingCommittedIsACollapseNotAFailure() {
        Sim sys = new Sim(Synthetic.SPACE);
        Measurer inner = sys.measurer(Synthetic::throughput, null, 0.05, 1, 6);
        // with pipelining the system stalls: its windows have no p99 and only errors
        Measurer stalling = config -> config.getBoolean("pipelining")
                ? new Measurement(java.util.Map.of(dev.vernier.api.tuning.Metric.ERROR_RATE, 1.0), List.of(),
                java.util.Map.of(), "little traffic: 0 operations committed") : inner.measure(config);
        TuningReport r = TuningSession.builder(sys, stalling).maxWindows(24).seed(6).shutdownHook(false).build().run();
        assertEquals(TuningReport.Outcome.BUDGET_USED, r.outcome(), r.reason() + " " + r.failure());
        List<TuningStep> stalled = r.steps().stream()
                .filter(s -> Boolean.TRUE.equals(s.proposal().configuration().get("pipelining"))).toList();
        assertFalse(stalled.isEmpty(), "the advisors enable pipelining early: " + r.toMarkdown());
        for (TuningStep s : stalled) {
            assertEquals(Decision.REVERT, s.decision(), s.reason());
            assertTrue(s.reason().startsWith("collapse: the candidate's window measured no THROUGHPUT"), s.reason());
        }
        assertEquals(false, sys.currentConfiguration().getBoolean("pipelining"));
    }

    @Test
    void everyStepRecordsPredictedAndMeasuredGain() {
        Sim sys = new Sim(Synthetic.SPACE);
        TuningReport r = TuningSession.builder(sys, sys.measurer(Synthetic::throughput, null, 0.05, 1, 8)).maxWindows(40)
                .seed(8).shutdownHook(false).build().run();
        for (TuningStep s : r.steps().subList(1, r.steps().size())) {
            assertTrue(s.comparison() != null && !Double.isNaN(s.relativeGain()), s.toString());
            assertTrue(s.index() < 3 || !Double.isNaN(s.proposal().expectedGain()),
                    "from the third step the model predicts: " + s);
        }
    }
}
