package dev.vernier.core.internal.phase;

import dev.vernier.api.Phase;
import dev.vernier.api.Scenario;
import dev.vernier.core.internal.engine.LoadOutput;
import dev.vernier.core.internal.engine.LoadPlan;
import dev.vernier.core.internal.engine.Tally;
import dev.vernier.core.result.LatencyResult;
import dev.vernier.core.result.LatencySummary;
import dev.vernier.core.result.StageSummary;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.AbstractHistogram;

/**
 * The LATENCY phase: the scenario's load (a step search at its initial rate) for a sample count or
 * the duration, and the distribution of every due transaction from its intended start. Stateless.
 */
public final class LatencyPhase {

    private LatencyPhase() {
    }

    /** @return the result of the phase */
    static LatencyResult run(RunContext run) {
        Scenario s = run.scenario;
        LoadOutput out = run.execute(LoadPlan.of(Phase.LATENCY, s, ThroughputPhase.steadyLoad(s), s.latencySamples()));
        return result(out, s);
    }

    /** Builds the latency result from a recording. */
    public static LatencyResult result(LoadOutput out, Scenario scenario) {
        double[] percentiles = scenario.percentiles();
        Tally total = out.total();
        AbstractHistogram overall = total.latency();
        LatencySummary summary = ResultFigures.latency(overall, percentiles, total.lowerBounds());
        LatencySummary committed = ResultFigures.latency(total.committedLatency(), percentiles, 0);
        List<StageSummary> stages = new ArrayList<>();
        for (int i = 0; i < Tally.STAGES.length; i++) {
            LatencySummary s = ResultFigures.latency(total.stage(i), percentiles, 0);
            double share = s.count() == 0 || !(committed.meanMs() > 0) ? 0 : 100 * s.meanMs() / committed.meanMs();
            stages.add(new StageSummary(Tally.STAGES[i], s, share));
        }
        return new LatencyResult(out.plan().load(), summary,
                ResultFigures.latencyByType(total, scenario.mix(), percentiles), stages,
                ResultFigures.histogram(overall), ResultFigures.outliers(overall), total.outcomes(),
                ResultFigures.outcomesByType(total, scenario.mix()), out.causes(),
                ThroughputPhase.iterations(out, percentiles), LoadVerdicts.of(out), ResultFigures.encode(overall),
                out.scheduled(), committed);
    }
}
